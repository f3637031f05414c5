package mp

import (
	"sync"
	"sync/atomic"
)

// handles records which processes closed their handle of a queue: Python's
// close() closes the calling process's end of the pipe only, and every
// goroutine process shares one queue object, so the closing is kept per
// process. The zero value has no closed handle.
type handles struct {
	any    atomic.Bool // some process closed its handle: the slow path
	mu     sync.Mutex
	closed map[*Process]bool
}

// close closes the handle of the calling process.
func (h *handles) close() {
	p := CurrentProcess()
	h.mu.Lock()
	if h.closed == nil {
		h.closed = make(map[*Process]bool)
	}
	h.closed[p] = true
	h.mu.Unlock()
	h.any.Store(true)
}

// closedHere reports whether the calling process closed its handle.
func (h *handles) closedHere() bool {
	if !h.any.Load() {
		return false
	}
	p := CurrentProcess()
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.closed[p]
}

// check panics with text if the calling process closed its handle.
func (h *handles) check(text string) {
	if h.any.Load() && h.closedHere() {
		panic(text)
	}
}
