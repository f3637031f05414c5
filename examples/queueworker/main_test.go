package main

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/pyconc/pyconc/internal/exampletest"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestQueueWorker(t *testing.T) {
	// "All task requests sent" may come out anywhere among the worker's
	// lines.
	out := exampletest.Run(t, func(w io.Writer) error { return run(w, nil) }, exampletest.Unordered())

	// The worker's lines are in item order, and the last of them comes
	// before "All work completed", which Join holds back until every
	// item is done.
	var worker []string
	for item := range 30 {
		worker = append(worker, fmt.Sprintf("Working on %d", item), fmt.Sprintf("Finished %d", item))
	}
	exampletest.InOrder(t, out, append(worker, "All work completed")...)
	exampletest.InOrder(t, out, "All task requests sent", "All work completed")
	if !strings.HasSuffix(out, "\nAll work completed\n") {
		t.Errorf("\"All work completed\" is not the last line:\n%s", out)
	}
}
