package main

import (
	"errors"
	"io"
	"testing"
	"testing/synctest"

	"github.com/pyconc/pyconc/internal/exampletest"
	"github.com/pyconc/pyconc/internal/pyrepr"
	"github.com/pyconc/pyconc/internal/testhook"
	"github.com/pyconc/pyconc/mp"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestMPPipe runs the program: main prints what the child sent, after Recv
// has waited for it.
func TestMPPipe(t *testing.T) {
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

// TestEOF checks what the closed end means for the parent: after the one
// message, Recv returns mp.ErrEOF, Python's EOFError.
func TestEOF(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		defer testhook.BecomeMain()()
		parentConn, childConn := mp.Pipe[[]any]()
		if err := f(childConn); err != nil {
			t.Fatalf("f returned %v; want nil", err)
		}
		if msg, err := parentConn.Recv(); err != nil || pyrepr.Repr(msg) != "[42, None, 'hello']" {
			t.Errorf("first Recv() = %s, %v; want [42, None, 'hello'], nil", pyrepr.Repr(msg), err)
		}
		if _, err := parentConn.Recv(); !errors.Is(err, mp.ErrEOF) {
			t.Errorf("second Recv() error = %v; want mp.ErrEOF", err)
		}
		parentConn.Close()
	})
}
