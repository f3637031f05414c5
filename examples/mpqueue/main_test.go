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

// TestMPQueue runs the program: main prints what the child put, after Get
// has waited for it.
func TestMPQueue(t *testing.T) {
	const want = "[42, None, 'hello']\n"
	if out := exampletest.Run(t, func(w io.Writer) error { return run(w, nil) }); out != want {
		t.Errorf("output = %q; want %q", out, want)
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
