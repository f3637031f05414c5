package main

import (
	"io"
	"strings"
	"testing"

	"github.com/pyconc/pyconc/internal/exampletest"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestQueues(t *testing.T) {
	// Every step is ordered by a Join or by fake time: the output is
	// compared line by line, in order.
	out := exampletest.Run(t, func(w io.Writer) error { return run(w, nil) })

	// The outcomes the slides are about, whatever the layout.
	for _, want := range []string{
		`jobs.Put("job 5") = <nil>`,
		`putter.JoinTimeout(1s) = false`,
		`putter.Join(): Put returned <nil> after 1s`,
		`jobs.PutNowait("job 7") = queue: full`,
		`jobs.PutTimeout("job 7", 10s) = queue: full after 10s`,
		`jobs.GetNowait() = "", queue: empty`,
		`jobs.GetTimeout(10s) = "", queue: empty after 10s`,
		`getter.Join(): Get returned "job 8", <nil> after 1s`,
		`qsize() = 1000, full() = false`,
		`jobs.Join() returned after 3s`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
