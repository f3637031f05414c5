package main

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/pyconc/pyconc/internal/exampletest"
	"github.com/pyconc/pyconc/internal/testhook"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestRaceCondition(t *testing.T) {
	// The threads print the same values at the same moments, so the
	// output is the same whichever prints first: it is compared in order.
	out := exampletest.Run(t, func(w io.Writer) error { return run(w, nil) })
	checkFinal(t, out, 2, 100)
}

func TestRaceConditionSmall(t *testing.T) {
	out := exampletest.Run(t, func(w io.Writer) error {
		return run(w, []string{"-n", "5", "-threads", "3"})
	}, exampletest.Golden("small.golden"))
	checkFinal(t, out, 3, 5)
}

// checkFinal checks the two final values: the racy loop ends with i equal
// to the number of steps of one thread, as every step of every thread read
// the same i; the locked loop counts every step.
func checkFinal(t *testing.T, out string, threads, n int) {
	t.Helper()
	var finals []int
	for line := range strings.Lines(out) {
		var i int
		if _, err := fmt.Sscanf(line, "i = %d", &i); err == nil {
			finals = append(finals, i)
		}
	}
	if len(finals) != 2 {
		t.Fatalf("found %d lines \"i = N\", want 2:\n%s", len(finals), out)
	}
	if finals[0] != n {
		t.Errorf("racy loop: i = %d; want %d (%d updates lost of %d)", finals[0], n, threads*n-n, threads*n)
	}
	if finals[1] != threads*n {
		t.Errorf("locked loop: i = %d; want %d", finals[1], threads*n)
	}
	// The locked loop prints every value from 0 to threads*n-1 once, in
	// order.
	_, fixed, ok := strings.Cut(out, "\nThe same with the lock held from the read to the write:\n")
	if !ok {
		t.Fatalf("no second part in output:\n%s", out)
	}
	var want strings.Builder
	for i := range threads * n {
		fmt.Fprintln(&want, i)
	}
	if !strings.HasPrefix(fixed, want.String()) {
		t.Errorf("locked loop printed\n%s\nwant 0 to %d in order", fixed, threads*n-1)
	}
}

func TestRaceConditionBadFlags(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		defer testhook.BecomeMain()()
		if err := run(io.Discard, []string{"-threads", "0"}); err == nil {
			t.Error("run with -threads 0 returned nil; want an error")
		}
	})
}
