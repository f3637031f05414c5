package main

import (
	"io"
	"math"
	"math/big"
	"strconv"
	"testing"

	"github.com/pyconc/pyconc/internal/exampletest"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestMythread runs the slide's program. The output is read only after run
// returns, so seeing the line at all shows that Shutdown waited for the
// thread that nobody joined.
func TestMythread(t *testing.T) {
	out := exampletest.Run(t, func(w io.Writer) error { return run(w, nil) })
	if want := strconv.FormatUint(1<<32, 10) + "\n"; out != want {
		t.Errorf("output %q; want %q (2 ** 32)", out, want)
	}
}

// TestMythreadBig checks that, as in Python, the power does not overflow
// where an int64 or a uint64 would.
func TestMythreadBig(t *testing.T) {
	out := exampletest.Run(t, func(w io.Writer) error { return run(w, []string{"-i", "4"}) },
		exampletest.Golden("i4.golden"))
	// 4 ** 32 == 2 ** 64 == MaxUint64 + 1.
	want := new(big.Int).Add(new(big.Int).SetUint64(math.MaxUint64), big.NewInt(1)).String() + "\n"
	if out != want {
		t.Errorf("output %q; want %q (4 ** 32)", out, want)
	}
}
