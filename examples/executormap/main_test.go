package main

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/pyconc/pyconc/internal/exampletest"
	"github.com/pyconc/pyconc/internal/testhook"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestExecutorMap runs the program on the fake clock. The three calls
// run at once, so their lines interleave in any order: the output is
// compared as a set of lines, and the orders the program guarantees are
// checked on their own.
func TestExecutorMap(t *testing.T) {
	out := exampletest.Run(t, func(w io.Writer) error { return run(w, nil) }, exampletest.Unordered())
	for i := range 3 {
		// Each call starts at once (three workers for three calls)
		// and finishes two seconds later.
		exampletest.InOrder(t, out,
			fmt.Sprintf("00:00:00: Thread %d: starting", i),
			fmt.Sprintf("00:00:02: Thread %d: finishing", i))
	}
	// Every call has started before any finishes.
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	for i, line := range lines {
		if want := i < 3; strings.HasSuffix(line, "starting") != want {
			t.Errorf("line %d is %q; want the three starting lines first:\n%s", i+1, line, out)
		}
	}
}

// TestShutdownWaits checks that run returns only after the calls have
// finished, as the end of Python's with block waits: on the fake clock,
// two seconds after it started.
func TestShutdownWaits(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		defer testhook.BecomeMain()()
		var w strings.Builder // written through one log.Logger, which serialises the writes
		start := time.Now()
		if err := run(&w, nil); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); d != 2*time.Second {
			t.Errorf("run took %v; want 2s", d)
		}
		if n := strings.Count(w.String(), "finishing"); n != 3 {
			t.Errorf("run returned after %d finishing lines; want 3", n)
		}
	})
}

func TestUnexpectedArgs(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		defer testhook.BecomeMain()()
		if err := run(io.Discard, []string{"extra"}); err == nil {
			t.Errorf("run with an extra argument returned nil; want an error")
		}
	})
}
