package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/pyconc/pyconc/internal/exampletest"
	"github.com/pyconc/pyconc/internal/pyrepr"
	"github.com/pyconc/pyconc/internal/testhook"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// all runs every step with five workers in each executor, the tutorial's
// setting, whatever GOMAXPROCS is.
var all = []string{"-max-workers=5"}

// tookLines are the timing lines of the steps, in order.
var tookLines = []string{
	"Process took 1.0 seconds",  // once
	"Process took 10.0 seconds", // sequential
	"Process took 0.0 seconds",  // start, not joined
	"Process took 1.0 seconds",  // join
	"Process took 1.0 seconds",  // loop
	"Process took 5.0 seconds",  // map
	"Process took 5.0 seconds",  // as_completed
	"Process took 5.0 seconds",  // threads
}

// TestRunner runs the whole tutorial. Lines printed by processes or
// workers at the same moment come in any order, so the output is compared
// with the golden file as a set of lines; then the orders the programs
// fix are checked: the timing lines, the map's results in the order of
// [5, 4, 3, 2, 1], as_completed's in the order they finish, and, in the
// step that does not join, the processes' "Function complete" after the
// timing line.
func TestRunner(t *testing.T) {
	out := exampletest.Run(t, func(w io.Writer) error { return run(w, all) }, exampletest.Unordered())
	exampletest.InOrder(t, out, tookLines...)
	steps := strings.Split(out, "\n\n")
	if len(steps) != 8 {
		t.Fatalf("output has %d steps; want 8:\n%s", len(steps), out)
	}
	exampletest.InOrder(t, steps[2]+"\n", "Process took 0.0 seconds", "Function complete", "Function complete")
	byMap := []string{"Function 5 has completed", "Function 4 has completed", "Function 3 has completed",
		"Function 2 has completed", "Function 1 has completed", "Process took 5.0 seconds"}
	exampletest.InOrder(t, steps[5]+"\n", byMap...)
	exampletest.InOrder(t, steps[7], byMap...)
	exampletest.InOrder(t, steps[6]+"\n", "Function 1 has completed", "Function 2 has completed",
		"Function 3 has completed", "Function 4 has completed", "Function 5 has completed", "Process took 5.0 seconds")
	for i, s := range steps {
		if n := strings.Count(s, "Performing"); n != []int{1, 10, 2, 2, 10, 5, 5, 5}[i] {
			t.Errorf("step %d started %d calls:\n%s", i+1, n, s)
		}
	}
}

// TestTimes runs the whole tutorial with each line stamped with the fake
// time at which it was printed, from the start: every sleep takes exactly
// its time, so the stamps are exact, and the golden file shows when each
// line came (lines of the same moment sorted alphabetically).
func TestTimes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		defer testhook.BecomeMain()()
		s := &stamper{start: time.Now()}
		if err := run(s, all); err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitAfter(s.b.String(), "\n")
		slices.Sort(lines)
		exampletest.Compare(t, "testdata/times.golden", strings.Join(lines, ""))
	})
}

// stamper writes each line with the fake time since start before it.
type stamper struct {
	start time.Time
	b     exampletest.Buffer
}

func (s *stamper) Write(p []byte) (int, error) {
	for line := range strings.Lines(string(p)) {
		fmt.Fprintf(&s.b, "%s %s", fmt.Sprintf("%6.3fs", time.Since(s.start).Seconds()), line)
	}
	return len(p), nil
}

// TestMapTwoWorkers runs the map with two workers, Python's default on a
// two-core machine: 5 and 4 start at once, 3 when 4 ends, 2 when 5 ends,
// 1 when 3 and 2 end after seven seconds, and the map takes eight. The
// results of 5 and 4 are printed as 5 ends, before 1 starts.
func TestMapTwoWorkers(t *testing.T) {
	out := exampletest.Run(t, func(w io.Writer) error { return run(w, []string{"-map", "-max-workers=2"}) },
		exampletest.Golden("map2.golden"), exampletest.Unordered())
	exampletest.InOrder(t, out, "Function 5 has completed", "Function 4 has completed",
		"Performing costly function 1", "Function 3 has completed", "Function 2 has completed",
		"Function 1 has completed", "Process took 8.0 seconds")
}

// TestThreadsDefault runs the ThreadPoolExecutor step with Python's
// default max_workers, min(32, cores+4), at least five: five seconds on
// any machine.
func TestThreadsDefault(t *testing.T) {
	out := exampletest.Run(t, func(w io.Writer) error { return run(w, []string{"-threads"}) },
		exampletest.Golden("threads.golden"), exampletest.Unordered())
	if !strings.HasSuffix(out, "\nFunction 1 has completed\nProcess took 5.0 seconds\n") {
		t.Errorf("output does not end with Function 1 and 5.0 seconds:\n%s", out)
	}
}

// TestOneStep checks that a step flag runs that step alone.
func TestOneStep(t *testing.T) {
	out := exampletest.Run(t, func(w io.Writer) error { return run(w, []string{"-sequential"}) },
		exampletest.Golden("sequential.golden"))
	want := strings.Repeat("Performing a costly function\nFunction complete\n", 10) + "Process took 10.0 seconds\n"
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
}

// TestPyRound checks pyRound, with pyrepr.Float, against Python's
// repr(round(x, 2)).
func TestPyRound(t *testing.T) {
	for x, want := range map[float64]string{
		0: "0.0", 10: "10.0", 1.0999: "1.1", 5.2149: "5.21", 0.125: "0.12", 0.375: "0.38", 10.016: "10.02", 1e-9: "0.0",
	} {
		if got := pyrepr.Float(pyRound(x, 2)); got != want {
			t.Errorf("round(%v, 2) prints %s; want %s", x, got, want)
		}
	}
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-max-workers=-1"}, {"-max-workers=x"}, {"extra"}} {
		synctest.Test(t, func(t *testing.T) {
			defer testhook.BecomeMain()()
			if err := run(io.Discard, args); err == nil {
				t.Errorf("run(%q) returned nil; want an error", args)
			}
		})
	}
}
