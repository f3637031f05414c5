package main

import (
	"io"
	"regexp"
	"slices"
	"testing"
	"testing/synctest"

	"github.com/google/go-cmp/cmp"
	"github.com/pyconc/pyconc/internal/exampletest"
	"github.com/pyconc/pyconc/internal/testhook"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestMPWorkers runs the program. Which process gets which word, and the
// order of the lines, change from run to run, so the golden file holds
// the lines with the words scrubbed, compared as a set: each name once.
// The test then checks from the raw output that each word came out once.
func TestMPWorkers(t *testing.T) {
	var raw string
	exampletest.Run(t, func(w io.Writer) error { return run(w, nil) },
		exampletest.Unordered(), exampletest.Scrub(`received: \w+`, "received: WORD"), exampletest.Unscrubbed(&raw))
	var words []string
	for _, m := range regexp.MustCompile(`(?m)^Process-\d data received: (\w+)$`).FindAllStringSubmatch(raw, -1) {
		words = append(words, m[1])
	}
	slices.Sort(words)
	if diff := cmp.Diff([]string{"cloud", "ocean", "sky", "wood"}, words); diff != "" {
		t.Errorf("words received (-want +got):\n%s\noutput:\n%s", diff, raw)
	}
}

func TestUnexpectedArgs(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		defer testhook.BecomeMain()()
		if err := run(io.Discard, []string{"extra"}); err == nil {
			t.Errorf("run with an extra argument returned nil; want an error")
		}
	})
}
