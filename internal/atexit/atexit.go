// Package atexit holds the functions thread.Shutdown runs before it waits
// for the non-daemon threads: CPython's threading._register_atexit, which
// concurrent.futures uses so that work submitted before the interpreter
// exits still runs, and the workers then exit (EX-22).
package atexit

import (
	"slices"
	"sync"
)

var (
	mu    sync.Mutex
	next  uint64
	funcs = map[uint64]func(){}
	order []uint64
)

// Register arranges for f to run at the next Run, and returns a function
// that unregisters it (a no-op once f has run).
func Register(f func()) (unregister func()) {
	mu.Lock()
	defer mu.Unlock()
	next++
	id := next
	funcs[id] = f
	order = append(order, id)
	return func() {
		mu.Lock()
		defer mu.Unlock()
		if _, ok := funcs[id]; !ok {
			return // ran, or unregistered already
		}
		delete(funcs, id)
		// Drop id from order too, so that a program registering and
		// unregistering many executors does not grow order forever. The
		// most recent registration is usually the one going.
		for i := len(order) - 1; i >= 0; i-- {
			if order[i] == id {
				order = slices.Delete(order, i, i+1)
				break
			}
		}
	}
}

// Run runs every registered function, the most recently registered first,
// as CPython does, and unregisters them. Functions registered while Run
// runs are run too.
func Run() {
	for {
		mu.Lock()
		var f func()
		for len(order) > 0 && f == nil {
			id := order[len(order)-1]
			order = order[:len(order)-1]
			f = funcs[id]
			delete(funcs, id)
		}
		mu.Unlock()
		if f == nil {
			return
		}
		f()
	}
}
