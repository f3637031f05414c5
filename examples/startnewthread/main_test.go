package main

import (
	"io"
	"testing"
	"time"

	"github.com/pyconc/pyconc/internal/exampletest"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestStartNewThread types "a", pastes "b" and "c" together, and types
// "q". Child i starts just before main reads its i-th line, so children 1
// and 2 greet while main waits for the next chunk, in order. Children 3
// and 4 start together, when the pasted chunk arrives (3 before reading
// "c", 4 before reading "q"), and greet in either order, while main waits
// for the "q"; both have greeted before it comes.
func TestStartNewThread(t *testing.T) {
	in := exampletest.Typist(
		exampletest.Keystroke{After: time.Second, Text: "a\n"},
		exampletest.Keystroke{After: time.Second, Text: "b\nc\n"}, // pasted
		exampletest.Keystroke{After: time.Second, Text: "q\n"},
	)
	out := exampletest.Run(t, func(w io.Writer) error { return run(w, in, nil) }, exampletest.Unordered())
	exampletest.InOrder(t, out, "Hello from thread 1", "Hello from thread 2", "Hello from thread 3")
	exampletest.InOrder(t, out, "Hello from thread 1", "Hello from thread 2", "Hello from thread 4")
}

// TestStartNewThreadEOF checks that the end of input, typed a second
// after the last line, ends the loop as "q" does. Child 3 starts before
// main waits for the end of input, and greets meanwhile.
func TestStartNewThreadEOF(t *testing.T) {
	in := exampletest.Typist(
		exampletest.Keystroke{After: time.Second, Text: "a\n"},
		exampletest.Keystroke{After: time.Second, Text: "b\n"},
		exampletest.Keystroke{After: time.Second}, // end of input a second later
	)
	out := exampletest.Run(t, func(w io.Writer) error { return run(w, in, nil) },
		exampletest.Golden("eof.golden"))
	if want := "Hello from thread 1\nHello from thread 2\nHello from thread 3\n"; out != want {
		t.Errorf("output %q; want %q", out, want)
	}
}
