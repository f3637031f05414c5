package main

import (
	"io"
	"strings"
	"testing"

	"github.com/pyconc/pyconc/internal/exampletest"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestDaemonThread(t *testing.T) {
	// The daemon thread's first line usually comes out before the program
	// ends, but nothing guarantees it, in Go or in Python: the comparison
	// leaves it out.
	out := exampletest.Run(t, func(w io.Writer) error { return run(w, nil) },
		exampletest.Scrub(`(?m)^00:00:00: Thread 1: starting\n`, ""))

	exampletest.InOrder(t, out,
		"00:00:00: Main : before creating thread",
		"00:00:00: Main : before running thread",
		"00:00:00: Main : wait for the thread to finish",
		"00:00:00: Main : all done",
	)
	// The daemon thread was still sleeping when run returned: its last
	// line was written after the program's output ended.
	if strings.Contains(out, "finishing") {
		t.Errorf("the daemon thread's last line was written before run returned:\n%s", out)
	}
}
