package main

import (
	"fmt"
	"io"
	"math/big"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/pyconc/pyconc/internal/exampletest"
	"github.com/pyconc/pyconc/internal/testhook"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestFactorials runs the lab's program: 48 lines in order, the same on
// every run. Beyond the golden file, it checks each line against the
// one before it, n! = n × (n-1)!, and two values worked out by hand.
func TestFactorials(t *testing.T) {
	out := exampletest.Run(t, func(w io.Writer) error { return run(w, nil) })
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 48 {
		t.Fatalf("got %d lines; want 48:\n%s", len(lines), out)
	}
	want := big.NewInt(1)
	for i, line := range lines {
		n := i + 1
		want.Mul(want, big.NewInt(int64(n)))
		if wantLine := fmt.Sprintf("%d! = %s", n, want); line != wantLine {
			t.Errorf("line %d = %q; want %q", n, line, wantLine)
		}
	}
	exampletest.InOrder(t, out,
		"20! = 2432902008176640000", // the largest that fits in an int64
		"48! = 12413915592536072670862289047373375038521486354677760000000000")
}

// TestN checks the -n flag, 0 and 1 included.
func TestN(t *testing.T) {
	for _, tc := range []struct {
		n    string
		want string
	}{
		{"0", ""},
		{"1", "1! = 1\n"},
		{"3", "1! = 1\n2! = 2\n3! = 6\n"},
	} {
		got, err := runMain(t, "-n="+tc.n)
		if err != nil {
			t.Fatalf("run -n=%s: %v", tc.n, err)
		}
		if got != tc.want {
			t.Errorf("run -n=%s printed %q; want %q", tc.n, got, tc.want)
		}
	}
}

func TestFactorial(t *testing.T) {
	for n, want := range []string{"1", "1", "2", "6", "24", "120"} {
		if got := factorial(n).String(); got != want {
			t.Errorf("factorial(%d) = %s; want %s", n, got, want)
		}
	}
}

func TestUnexpectedArgs(t *testing.T) {
	if _, err := runMain(t, "extra"); err == nil {
		t.Errorf("run with an extra argument returned nil; want an error")
	}
}

// runMain runs the program with args as the main thread, in a synctest
// bubble, and returns what it printed and its error.
func runMain(t *testing.T, args ...string) (out string, err error) {
	synctest.Test(t, func(t *testing.T) {
		defer testhook.BecomeMain()()
		var b strings.Builder
		err = run(&b, args)
		out = b.String()
	})
	return out, err
}
