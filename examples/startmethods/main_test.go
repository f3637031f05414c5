package main

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/pyconc/pyconc/internal/exampletest"
	"github.com/pyconc/pyconc/internal/testhook"
	"github.com/pyconc/pyconc/mp"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestStartMethods runs both programs with the goroutine start method:
// each prints the child's hello.
func TestStartMethods(t *testing.T) {
	out := exampletest.Run(t, func(w io.Writer) error { return run(w, nil) })
	if out != "hello\nhello\n" {
		t.Errorf("output = %q; want two hellos", out)
	}
}

// TestSpawn asks for Python's start methods: each is an error naming the
// one that exists, and nothing is printed.
func TestSpawn(t *testing.T) {
	for _, method := range []string{"spawn", "fork", "forkserver"} {
		synctest.Test(t, func(t *testing.T) {
			defer testhook.BecomeMain()()
			var b strings.Builder
			err := run(&b, []string{"-method=" + method})
			want := "mp: cannot find context for '" + method + "'; the start methods are [goroutine]"
			if !errors.Is(err, mp.ErrStartMethod) || err.Error() != want {
				t.Errorf("run -method=%s returned %v; want %q", method, err, want)
			}
			if b.Len() != 0 {
				t.Errorf("run -method=%s printed %q; want nothing", method, b.String())
			}
		})
	}
}

// TestSetTwice checks what the second program avoids: setting the start
// method a second time panics, with Python's RuntimeError text.
func TestSetTwice(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		defer testhook.BecomeMain()()
		if err := setStartMethod(io.Discard, "goroutine"); err != nil {
			t.Fatal(err)
		}
		defer func() {
			const want = "mp: context has already been set (Python: RuntimeError)"
			if r := recover(); r != want {
				t.Errorf("second setStartMethod panicked with %v; want %q", r, want)
			}
		}()
		_ = setStartMethod(io.Discard, "goroutine")
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
