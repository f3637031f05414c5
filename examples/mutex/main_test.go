package main

import (
	"io"
	"testing"

	"github.com/pyconc/pyconc/internal/exampletest"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestMutex(t *testing.T) {
	// Every step is ordered by a Join or by fake time: the output is
	// compared line by line, in order.
	exampletest.Run(t, func(w io.Writer) error { return run(w, nil) })
}
