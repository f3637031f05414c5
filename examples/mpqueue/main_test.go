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

// TestPyRepr checks the list formatting against Python's repr.
func TestPyRepr(t *testing.T) {
	for _, tc := range []struct {
		v    any
		want string
	}{
		{[]any{42, nil, "hello"}, "[42, None, 'hello']"},
		{[]any{}, "[]"},
		{[]any{[]any{1}, "it's"}, `[[1], "it's"]`},
		{`it's "x"`, `'it\'s "x"'`},
		{-7, "-7"},
		{`a\b`, `'a\\b'`},
	} {
		if got := pyRepr(tc.v); got != tc.want {
			t.Errorf("pyRepr(%#v) = %s; want %s", tc.v, got, tc.want)
		}
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
