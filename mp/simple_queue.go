package mp

import "github.com/pyconc/pyconc/queue"

const handleClosed = "mp: handle is closed (Python: OSError)"

// A SimpleQueue is an unbounded FIFO queue of items of type T shared by
// processes, with only Put, Get, Empty and Close (MQ-13). Make one with
// [NewSimpleQueue]. It is a [queue.SimpleQueue] underneath. Python's get
// takes no timeout; neither does Get.
//
// A SimpleQueue must not be copied after first use.
//
// Python: multiprocessing.SimpleQueue.
type SimpleQueue[T any] struct {
	q       queue.SimpleQueue[T]
	handles handles
}

// NewSimpleQueue returns an empty SimpleQueue. The only option is a
// [*Context].
//
// Python: multiprocessing.SimpleQueue.
func NewSimpleQueue[T any](opts ...Option) *SimpleQueue[T] {
	configure("NewSimpleQueue", opts)
	return new(SimpleQueue[T])
}

// Put puts item into s. It never blocks.
//
// Put panics with "mp: handle is closed (Python: OSError)" if the calling
// process closed s (MQ-13).
//
// Python: multiprocessing.SimpleQueue.put.
func (s *SimpleQueue[T]) Put(item T) {
	s.handles.check(handleClosed)
	s.q.Put(item)
}

// Get removes and returns an item from s, blocking while s is empty.
//
// Get panics with "mp: handle is closed (Python: OSError)" if the calling
// process closed s (MQ-13).
//
// Python: multiprocessing.SimpleQueue.get.
func (s *SimpleQueue[T]) Get() T {
	s.handles.check(handleClosed)
	return s.q.Get()
}

// Empty reports whether s is empty (not reliable!), in any process.
//
// Python: multiprocessing.SimpleQueue.empty.
func (s *SimpleQueue[T]) Empty() bool { return s.q.Empty() }

// Close closes the calling process's handle of s, as [Queue.Close] does.
// It may be called any number of times.
//
// Python: multiprocessing.SimpleQueue.close.
func (s *SimpleQueue[T]) Close() { s.handles.close() }
