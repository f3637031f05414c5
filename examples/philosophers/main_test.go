package main

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/pyconc/pyconc/internal/exampletest"
	"github.com/pyconc/pyconc/internal/testhook"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

const orderedStart = "Main: the philosophers sit down; each takes his lower-numbered fork first"

func TestPhilosophers(t *testing.T) {
	// No two philosophers act at the same moment unless one's step
	// causes the other's: the output is compared in order.
	out := exampletest.Run(t, func(w io.Writer) error { return run(w, nil) })

	deadlock, ordered, ok := strings.Cut(out, orderedStart)
	if !ok {
		t.Fatalf("no %q in output:\n%s", orderedStart, out)
	}
	checkDeadlock(t, deadlock)
	checkOrdered(t, ordered, 3)
}

func TestPhilosophersModes(t *testing.T) {
	deadlock := exampletest.Run(t, func(w io.Writer) error {
		return run(w, []string{"-mode", "deadlock"})
	}, exampletest.Golden("deadlock.golden"))
	checkDeadlock(t, deadlock)
	if strings.Contains(deadlock, orderedStart) {
		t.Errorf("-mode deadlock ran the ordered dinner too:\n%s", deadlock)
	}

	ordered := exampletest.Run(t, func(w io.Writer) error {
		return run(w, []string{"-mode", "ordered", "-meals", "5", "-seed", "7"})
	}, exampletest.Golden("ordered-seed7.golden"))
	checkOrdered(t, ordered, 5)
	if strings.Contains(ordered, "deadlock") {
		t.Errorf("-mode ordered ran the deadlock too:\n%s", ordered)
	}
}

// checkDeadlock checks that every philosopher gave up holding his right
// fork, and that the main thread reported the cycle.
func checkDeadlock(t *testing.T, out string) {
	t.Helper()
	for p := range seats {
		left := (p + 1) % seats
		exampletest.InOrder(t, out,
			fmt.Sprintf("00:00:00.%d00: Philosopher %d picks up fork %d, on his right", p, p, p),
			fmt.Sprintf("00:00:03.%d00: Philosopher %d gives up: fork %d has not come free in 2s", p, p, left),
			"00:00:03.400: Main: deadlock detected: every philosopher holds a fork and waits for one that another holds",
			fmt.Sprintf("00:00:03.400: Main:   philosopher %d holds fork %d and waits for fork %d, held by philosopher %d", p, p, left, left),
		)
	}
	if strings.Contains(out, "eats") {
		t.Errorf("a philosopher ate during the deadlock:\n%s", out)
	}
}

var step = regexp.MustCompile(`^\d\d:\d\d:\d\d\.\d\d\d: Philosopher (\d) (picks up|puts down) fork (\d)( and eats \(meal (\d+) of \d+\))?$`)

// checkOrdered replays the log of the ordered dinner: no fork is picked up
// while another philosopher holds it, each philosopher picks up his own
// two forks, the lower-numbered first, and eats with both in hand, meals
// times, and every fork is put down at the end.
func checkOrdered(t *testing.T, out string, meals int) {
	t.Helper()
	holder := map[int]int{} // fork → philosopher
	eaten := map[int]int{}  // philosopher → meals
	for line := range strings.Lines(out) {
		line = strings.TrimSuffix(line, "\n")
		m := step.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		p, _ := strconv.Atoi(m[1])
		f, _ := strconv.Atoi(m[3])
		lo, hi := min(p, (p+1)%seats), max(p, (p+1)%seats)
		if f != lo && f != hi {
			t.Errorf("%s: not one of his forks, %d and %d", line, lo, hi)
		}
		switch m[2] {
		case "picks up":
			if h, held := holder[f]; held {
				t.Errorf("%s: philosopher %d holds it", line, h)
			}
			holder[f] = p
			if m[4] != "" {
				if f != hi || holder[lo] != p {
					t.Errorf("%s: eats without holding forks %d and %d", line, lo, hi)
				}
				eaten[p]++
				if n, _ := strconv.Atoi(m[5]); n != eaten[p] {
					t.Errorf("%s: meal %d, want %d", line, n, eaten[p])
				}
			} else if f != lo {
				t.Errorf("%s: picked up fork %d before fork %d", line, f, lo)
			}
		case "puts down":
			if h, held := holder[f]; !held || h != p {
				t.Errorf("%s: he does not hold it", line)
			}
			delete(holder, f)
		}
	}
	for p := range seats {
		if eaten[p] != meals {
			t.Errorf("philosopher %d ate %d meals; want %d", p, eaten[p], meals)
		}
	}
	if len(holder) != 0 {
		t.Errorf("forks still held at the end (fork → philosopher): %v", holder)
	}
	want := fmt.Sprintf("Main: every philosopher has eaten %d meals\n", meals)
	if !strings.HasSuffix(out, want) {
		t.Errorf("output does not end with %q", want)
	}
}

func TestPhilosophersBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-mode", "nap"}, {"-meals", "0"}, {"extra"}} {
		synctest.Test(t, func(t *testing.T) {
			defer testhook.BecomeMain()()
			if err := run(io.Discard, args); err == nil {
				t.Errorf("run(%q) returned nil; want an error", args)
			}
		})
	}
}
