package main

import (
	"io"
	"testing"
	"testing/synctest"

	"github.com/pyconc/pyconc/internal/exampletest"
	"github.com/pyconc/pyconc/internal/testhook"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestMPShared runs the program: main prints the value and the array
// after Join, so it sees everything the child wrote.
func TestMPShared(t *testing.T) {
	const want = "3.1415927\n[0, -1, -2, -3, -4, -5, -6, -7, -8, -9]\n"
	if out := exampletest.Run(t, func(w io.Writer) error { return run(w, nil) }); out != want {
		t.Errorf("output = %q; want %q", out, want)
	}
}

func TestPyList(t *testing.T) {
	if got := pyList(nil); got != "[]" {
		t.Errorf("pyList(nil) = %q; want []", got)
	}
	if got := pyList(pyRange(3)); got != "[0, 1, 2]" {
		t.Errorf("pyList(pyRange(3)) = %q; want [0, 1, 2]", got)
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
