package main

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/pyconc/pyconc/internal/exampletest"
	"github.com/pyconc/pyconc/internal/testhook"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestLockCounter(t *testing.T) {
	out := exampletest.Run(t, func(w io.Writer) error { return run(w, nil) })

	// Every iteration counts every increment of both threads.
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 10 {
		t.Fatalf("got %d lines, want 10:\n%s", len(lines), out)
	}
	for i, line := range lines {
		var iter, x int
		if _, err := fmt.Sscanf(line, "Iteration %d: x = %d", &iter, &x); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		if iter != i || x != 2*100000 {
			t.Errorf("line %q: want iteration %d, x = %d", line, i, 2*100000)
		}
	}
}

func TestLockCounterFlags(t *testing.T) {
	out := exampletest.Run(t, func(w io.Writer) error {
		return run(w, []string{"-iterations", "3", "-increments", "1000"})
	}, exampletest.Golden("small.golden"))
	want := "Iteration 0: x = 2000\nIteration 1: x = 2000\nIteration 2: x = 2000\n"
	if out != want {
		t.Errorf("output = %q; want %q", out, want)
	}
}

func TestLockCounterBadFlags(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		defer testhook.BecomeMain()()
		if err := run(io.Discard, []string{"-increments", "-1"}); err == nil {
			t.Error("run with -increments -1 returned nil; want an error")
		}
	})
}
