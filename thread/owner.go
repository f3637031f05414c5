package thread

import (
	"github.com/pyconc/pyconc/internal/goid"
	"github.com/pyconc/pyconc/internal/owner"
)

// The owner hook: see package internal/owner. A Thread's owner is the mp
// process it runs in; threads inherit it from the thread or process
// creating them.

func init() {
	owner.Current = currentOwner
	owner.Leave = leaveProcess
}

// currentOwner implements owner.Current.
func currentOwner() owner.Owner {
	id := goid.Current()
	if t := lookup(id); t != nil {
		return t.owner
	}
	return processOf(id)
}

// processOf returns the process whose own goroutine is id, or nil.
func processOf(id int64) owner.Owner {
	if owner.Lookup == nil {
		return nil
	}
	return owner.Lookup(id)
}

// newProcessMain registers the main thread of process o, whose own
// goroutine is id: named "MainThread" as in a Python child process, not a
// daemon, and not listed by Enumerate (the parent's threading.enumerate
// does not list a child's threads). CurrentThread makes it on first use.
func newProcessMain(o owner.Owner, id int64) *Thread {
	t := &Thread{kind: processMain, name: "MainThread", owner: o}
	t.state.Store(started)
	t.ident.Store(id)
	addID(t, id)
	o.MainThreadMade()
	return t
}

// leaveProcess implements owner.Leave.
func leaveProcess() {
	id := goid.Current()
	s := shardOfID(id)
	s.mu.Lock()
	t := s.byID[id]
	if t == nil || t.kind != processMain {
		s.mu.Unlock()
		return
	}
	delete(s.byID, id)
	s.mu.Unlock()
	t.releaseLocals()
	t.finish()
}
