package pool

import (
	"sync/atomic"
	"unsafe"

	"github.com/pyconc/pyconc/internal/goid"
)

// A terminator is a result Terminate must fail at once although its task
// is running: an AsyncResult.
type terminator interface{ terminate() }

// A tnode names the terminator of a running task.
type tnode struct{ owner terminator }

// slot is where a worker shows the task it runs, so that Terminate can
// fail the task's result at once. The pool has one per worker: the engine
// never runs more tasks at once than it has workers.
type slot struct {
	n atomic.Pointer[tnode]
	_ [56]byte // one cache line each
}

// enter shows n in a free slot for the duration of a task, returning the
// slot for leave. Tasks of one worker goroutine start their search at the
// same slot, so a worker usually finds its own, in its own cache. As the
// engine runs no more tasks at once than the pool has workers, a slot is
// always free; were none, enter would return nil, and Terminate would not
// see the task.
func (p *Pool) enter(n *tnode) *slot {
	var h uint64
	if goid.Fast() {
		h = uint64(goid.Current())
	} else {
		h = uint64(uintptr(unsafe.Pointer(n))) >> 6
	}
	start := int(h % uint64(len(p.slots)))
	for i := range p.slots {
		s := &p.slots[(start+i)%len(p.slots)]
		if s.n.Load() == nil && s.n.CompareAndSwap(nil, n) {
			return s
		}
	}
	return nil
}

// leave frees s.
func (p *Pool) leave(s *slot) {
	if s != nil {
		s.n.Store(nil)
	}
}

// terminateRunning fails the results of the tasks running now. A task
// that enters its slot afterwards sees the pool terminated and fails its
// own result.
func (p *Pool) terminateRunning() {
	for i := range p.slots {
		if n := p.slots[i].n.Load(); n != nil {
			n.owner.terminate()
		}
	}
}

// terminated reports whether Terminate has been called.
func (p *Pool) terminated() bool { return p.state.Load() == stateTerminate }
