package main

import (
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pyconc/pyconc/internal/exampletest"
	"github.com/pyconc/pyconc/internal/testhook"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestMuchCPU runs both programs with a small loop. The fake clock stands
// still while goroutines compute, so both times are 0.0, and the pids are
// scrubbed in the golden file; the test checks them from the raw output:
// run() prints the program's pid twice, since the method runs in the main
// process, and start() two other numbers, one per process.
func TestMuchCPU(t *testing.T) {
	var raw string
	exampletest.Run(t, func(w io.Writer) error { return run(w, []string{"-n=1000"}) },
		exampletest.Scrub(`(?m)^\d+$`, "PID"), exampletest.Unscrubbed(&raw))
	parts := strings.Split(raw, "\n\n")
	if len(parts) != 2 {
		t.Fatalf("output is not two programs separated by a blank line:\n%s", raw)
	}
	pid := strconv.Itoa(os.Getpid())
	if got := pids(parts[0]); len(got) != 2 || got[0] != pid || got[1] != pid {
		t.Errorf("run() printed the pids %q; want the program's, %s, twice", got, pid)
	}
	if got := pids(parts[1]); len(got) != 2 || got[0] == got[1] || got[0] == pid || got[1] == pid {
		t.Errorf("start() printed the pids %q; want two different ones, neither the program's %s", got, pid)
	}
}

// pids returns the lines of out that are numbers.
func pids(out string) []string {
	return regexp.MustCompile(`(?m)^\d+$`).FindAllString(out, -1)
}

// TestRunAgainstStart shows what the fake clock cannot show with real
// work: with a loop that takes one second, the two run() calls take two
// seconds, one after the other, and the two started processes one, side
// by side.
func TestRunAgainstStart(t *testing.T) {
	defer func(f func(int) int) { spin = f }(spin)
	spin = func(loops int) int {
		time.Sleep(time.Duration(loops) * time.Millisecond)
		return loops
	}
	for mode, want := range map[string]string{"run": "work took 2.0 seconds\n", "start": "work took 1.0 seconds\n"} {
		out := exampletest.Run(t, func(w io.Writer) error { return run(w, []string{"-n=1000", "-mode=" + mode}) },
			exampletest.Scrub(`(?m)^\d+$`, "PID"), exampletest.Golden(mode+"-1s.golden"))
		if !strings.HasSuffix(out, want) {
			t.Errorf("-mode=%s with a one-second loop printed\n%s\nwant it to end with %q", mode, out, want)
		}
	}
}

// TestSpin checks the loop: its last product, as Python's result holds
// after the loop.
func TestSpin(t *testing.T) {
	for loops, want := range map[int]int{0: 0, 1: 0, 2: 1, 1000: 999 * 999} {
		if got := spin(loops); got != want {
			t.Errorf("spin(%d) = %d; want %d", loops, got, want)
		}
	}
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-mode=fork"}, {"-n=-1"}, {"extra"}} {
		synctest.Test(t, func(t *testing.T) {
			defer testhook.BecomeMain()()
			if err := run(io.Discard, args); err == nil {
				t.Errorf("run(%q) returned nil; want an error", args)
			}
		})
	}
}

// TestNames checks the default names the package doc mentions: a
// process whose target is MuchCPU's Run is named after the type, as
// Python names a subclass's process, and counted with the others.
func TestNames(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		defer testhook.BecomeMain()()
		var names []string
		for range 2 {
			for _, p := range newProcs(io.Discard, 0) {
				names = append(names, p.Name())
			}
		}
		if diff := cmp.Diff([]string{"MuchCPU-1", "MuchCPU-2", "MuchCPU-3", "MuchCPU-4"}, names); diff != "" {
			t.Errorf("process names (-want +got):\n%s", diff)
		}
	})
}
