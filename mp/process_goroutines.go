package mp

import (
	"sync"

	"github.com/pyconc/pyconc/internal/owner"
)

// The processes' own goroutines, by goroutine ID: what CurrentProcess
// and package thread (through internal/owner) ask. Split into shards, so
// that processes starting and ending on different cores rarely meet on
// one lock.
const goroutineShards = 64

var goroutines [goroutineShards]struct {
	mu sync.Mutex
	m  map[int64]*Process
	_  [48]byte // one cache line each
}

func init() {
	for i := range goroutines {
		goroutines[i].m = make(map[int64]*Process)
	}
	owner.Lookup = lookupOwner
}

// enterProcess records that goroutine id runs process p.
func enterProcess(p *Process, id int64) {
	s := &goroutines[uint64(id)%goroutineShards]
	s.mu.Lock()
	s.m[id] = p
	s.mu.Unlock()
}

// leaveProcess forgets goroutine id.
func leaveProcess(id int64) {
	s := &goroutines[uint64(id)%goroutineShards]
	s.mu.Lock()
	delete(s.m, id)
	s.mu.Unlock()
}

// processOf returns the process whose own goroutine is id, or nil.
func processOf(id int64) *Process {
	s := &goroutines[uint64(id)%goroutineShards]
	s.mu.Lock()
	p := s.m[id]
	s.mu.Unlock()
	return p
}

// lookupOwner implements owner.Lookup.
func lookupOwner(id int64) owner.Owner {
	if p := processOf(id); p != nil {
		return &p.own
	}
	return nil
}
