package main

import (
	"io"
	"testing"
	"time"

	"github.com/pyconc/pyconc/internal/exampletest"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestAsyncHello checks the output and that the program took one second
// of the test's fake clock: the sleep, and nothing after it.
func TestAsyncHello(t *testing.T) {
	var elapsed time.Duration
	out := exampletest.Run(t, func(w io.Writer) error {
		start := time.Now()
		err := run(w, nil)
		elapsed = time.Since(start)
		return err
	})
	if want := "hello\nworld\n"; out != want {
		t.Errorf("output %q; want %q", out, want)
	}
	if elapsed != time.Second {
		t.Errorf("run took %v of fake time; want 1s", elapsed)
	}
}
