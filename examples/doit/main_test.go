package main

import (
	"io"
	"strings"
	"testing"

	"github.com/pyconc/pyconc/internal/exampletest"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestDoIt runs the slide's program. The three lines are the same, so the
// order in which the threads print does not show. The output is read only
// after run returns: seeing all three lines shows that Shutdown waited for
// the threads nobody joined.
func TestDoIt(t *testing.T) {
	out := exampletest.Run(t, func(w io.Writer) error { return run(w, nil) })
	if want := strings.Repeat("In the thread\n", 3); out != want {
		t.Errorf("output %q; want %q", out, want)
	}
}
