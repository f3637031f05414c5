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

// TestMPHello runs the program: the line is printed by the child, and run
// returns only after Join, so it is always there.
func TestMPHello(t *testing.T) {
	out := exampletest.Run(t, func(w io.Writer) error { return run(w, nil) })
	if out != "hello bob\n" {
		t.Errorf("output = %q; want %q", out, "hello bob\n")
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
