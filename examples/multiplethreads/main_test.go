package main

import (
	"fmt"
	"io"
	"testing"

	"github.com/pyconc/pyconc/internal/exampletest"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestMultipleThreads(t *testing.T) {
	// The threads start together and finish together: their lines
	// interleave in any order, as "multiple runs will produce different
	// orderings" in Python.
	out := exampletest.Run(t, func(w io.Writer) error { return run(w, nil) }, exampletest.Unordered())

	// The main thread's lines are in program order.
	exampletest.InOrder(t, out,
		"00:00:00: Main      : create and start thread 0.",
		"00:00:00: Main      : create and start thread 1.",
		"00:00:00: Main      : create and start thread 2.",
		"00:00:00: Main      : before joining thread 0.",
		"00:00:02: Main      : thread 0 done",
		"00:00:02: Main      : before joining thread 1.",
		"00:00:02: Main      : thread 1 done",
		"00:00:02: Main      : before joining thread 2.",
		"00:00:02: Main      : thread 2 done",
	)
	for i := range 3 {
		// A thread starts after it is created, finishes after it
		// started, and is done (joined) after it finished.
		exampletest.InOrder(t, out,
			fmt.Sprintf("00:00:00: Main      : create and start thread %d.", i),
			fmt.Sprintf("00:00:00: Thread %d: starting", i),
			fmt.Sprintf("00:00:02: Thread %d: finishing", i),
			fmt.Sprintf("00:00:02: Main      : thread %d done", i),
		)
	}
}
