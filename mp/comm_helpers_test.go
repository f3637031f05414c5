package mp_test

import (
	"testing"

	"github.com/pyconc/pyconc/mp"
)

// wantPanic runs f and checks that it panics with exactly want.
func wantPanic(t *testing.T, want string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		if got := recover(); got != want {
			t.Errorf("panic = %#v; want %q", got, want)
		}
	}()
	f()
}

// panicOf runs f and returns what it panicked with, or nil.
func panicOf(f func()) (v any) {
	defer func() { v = recover() }()
	f()
	return nil
}

// inProcess starts target as a process and returns it, started.
func inProcess(target func()) *mp.Process {
	p := mp.NewProcess(target)
	p.Start()
	return p
}

// joinAll joins every process.
func joinAll(ps ...*mp.Process) {
	for _, p := range ps {
		p.Join()
	}
}
