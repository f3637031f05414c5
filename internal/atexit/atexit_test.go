package atexit_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pyconc/pyconc/internal/atexit"
)

func TestRunOrderAndUnregister(t *testing.T) {
	var got []string
	atexit.Register(func() { got = append(got, "first") })
	un := atexit.Register(func() { got = append(got, "removed") })
	atexit.Register(func() {
		got = append(got, "last")
		atexit.Register(func() { got = append(got, "during") })
	})
	un()
	atexit.Run()
	atexit.Run() // nothing left
	if diff := cmp.Diff([]string{"last", "during", "first"}, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
}
