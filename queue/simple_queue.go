package queue

import (
	"context"
	"time"
)

// SimpleQueue is an unbounded first-in, first-out queue of items of type
// T, safe for use by many goroutines: a [Queue] without a size limit, task
// tracking or shutdown (SQ-04, QS-09). Put never blocks.
//
// The zero value is an empty SimpleQueue, ready to use. A SimpleQueue must
// not be copied after first use.
//
// SimpleQueue wraps a Queue, so it behaves exactly as one: blocked getters
// are served in the order they arrived, and an item is dropped by the
// queue as soon as it is got (SQ-07).
//
// Python: queue.SimpleQueue.
type SimpleQueue[T any] struct {
	q Queue[T] // never bounded, never shut down; its task count is unused
}

// NewSimpleQueue returns an empty SimpleQueue. It is the same as
// new(SimpleQueue[T]).
//
// Python: queue.SimpleQueue.
func NewSimpleQueue[T any]() *SimpleQueue[T] { return new(SimpleQueue[T]) }

// Put puts item into s. It never blocks and cannot fail (SQ-01): Python's
// block and timeout arguments, which it ignores, have no Go form.
//
// Python: queue.SimpleQueue.put.
func (s *SimpleQueue[T]) Put(item T) { _ = s.q.Put(item) }

// PutNowait is the same as [SimpleQueue.Put], for symmetry with
// [Queue.PutNowait].
//
// Python: queue.SimpleQueue.put_nowait.
func (s *SimpleQueue[T]) PutNowait(item T) { _ = s.q.Put(item) }

// Get removes and returns an item from s, blocking while s is empty. It
// cannot fail.
//
// Python: queue.SimpleQueue.get.
func (s *SimpleQueue[T]) Get() T {
	item, _ := s.q.Get() // the only error, ErrShutDown, cannot happen
	return item
}

// GetNowait acts like [SimpleQueue.Get] but never blocks: if s is empty it
// returns [ErrEmpty].
//
// Python: queue.SimpleQueue.get_nowait.
func (s *SimpleQueue[T]) GetNowait() (T, error) { return s.q.GetNowait() }

// GetTimeout acts like [SimpleQueue.Get] but gives up after d, returning
// [ErrEmpty]. A d of zero tries once without blocking.
//
// GetTimeout panics if d is negative, even when an item is available
// (SQ-02).
//
// Python: queue.SimpleQueue.get(timeout=...).
func (s *SimpleQueue[T]) GetTimeout(d time.Duration) (T, error) { return s.q.GetTimeout(d) }

// GetContext acts like [SimpleQueue.Get] but gives up when ctx is done,
// returning ctx.Err() without having removed an item. An available item is
// returned even when ctx is already done.
//
// Python: none (Go only).
func (s *SimpleQueue[T]) GetContext(ctx context.Context) (T, error) { return s.q.GetContext(ctx) }

// Empty reports whether s is empty (not reliable!): s can grow before the
// result is used.
//
// Python: queue.SimpleQueue.empty.
func (s *SimpleQueue[T]) Empty() bool { return s.q.Empty() }

// Qsize returns the approximate number of items in s (not reliable!).
//
// Python: queue.SimpleQueue.qsize.
func (s *SimpleQueue[T]) Qsize() int { return s.q.Qsize() }
