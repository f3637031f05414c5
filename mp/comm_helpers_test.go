package mp_test

import (
	"github.com/pyconc/pyconc/mp"
)

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
