package main

import (
	"io"
	"strings"
	"testing"

	"github.com/pyconc/pyconc/internal/exampletest"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestSingleThread(t *testing.T) {
	out := exampletest.Run(t, func(w io.Writer) error { return run(w, nil) }, exampletest.Unordered())

	// The main thread logs in program order and does not wait for the
	// thread, which finishes two seconds later, after "all done": run
	// returns only then, because Shutdown waits for it.
	exampletest.InOrder(t, out,
		"00:00:00: Main      : before creating thread",
		"00:00:00: Main      : before running thread",
		"00:00:00: Main      : wait for the thread to finish",
		"00:00:00: Main      : all done",
		"00:00:02: Thread 1: finishing",
	)
	exampletest.InOrder(t, out,
		"00:00:00: Main      : before running thread",
		"00:00:00: Thread 1: starting",
		"00:00:02: Thread 1: finishing",
	)
	if !strings.HasSuffix(out, "00:00:02: Thread 1: finishing\n") {
		t.Errorf("the thread's last line is not the last line of the output:\n%s", out)
	}
}
