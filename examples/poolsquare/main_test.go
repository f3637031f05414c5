package main

import (
	"io"
	"slices"
	"testing"
	"testing/synctest"

	"github.com/pyconc/pyconc/internal/exampletest"
	"github.com/pyconc/pyconc/internal/testhook"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestPoolSquare runs both programs. The output is the same on every run:
// each line is printed by the main thread once its result is in, and
// pool.Map keeps the input order.
func TestPoolSquare(t *testing.T) {
	out := exampletest.Run(t, func(w io.Writer) error { return run(w, nil) })
	const want = "100\n[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]\n[1, 4, 9]\n"
	if out != want {
		t.Errorf("output = %q; want %q", out, want)
	}
}

func TestPyRange(t *testing.T) {
	if got := slices.Collect(pyRange(3)); !slices.Equal(got, []int{0, 1, 2}) {
		t.Errorf("pyRange(3) = %v; want [0 1 2]", got)
	}
	for i := range pyRange(10) {
		if i == 2 {
			break // pyRange stops when the loop does
		}
	}
	if got := slices.Collect(pyRange(0)); len(got) != 0 {
		t.Errorf("pyRange(0) = %v; want nothing", got)
	}
}

func TestUnexpectedArgs(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		defer testhook.BecomeMain()()
		if err := run(io.Discard, []string{"extra"}); err == nil {
			t.Errorf("run with an extra argument returned nil; want an error")
		}
	})
}
