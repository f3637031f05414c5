package queue

import "github.com/pyconc/pyconc/internal/waitq"

// Shutdown shuts q down: from now on every Put form returns [ErrShutDown],
// and the Get forms return the items still in q and then [ErrShutDown]
// instead of blocking or returning [ErrEmpty] (QS-03). Goroutines blocked
// in a Put wake with ErrShutDown, and so do those blocked in a Get, which
// can only be waiting when q is empty (QS-05, QS-06).
//
// [Queue.Join] is not affected: it still returns when every item put has
// been marked done (QS-07). Shutdown may be called any number of times,
// before or after [Queue.ShutdownImmediate] (QS-02); it cannot be undone.
//
// A waiter that was served before the shutdown is not woken by it: a
// blocked getter already handed an item returns the item, and a blocked
// putter whose item a Get already let in returns nil: its item was put. In
// Python such a thread, notified but not yet running when the shutdown
// comes, raises ShutDown instead, and an item handed to it is drained by
// an immediate shutdown; here the item is never lost.
//
// Python: queue.Queue.shutdown.
func (q *Queue[T]) Shutdown() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.shutDown()
}

// ShutdownImmediate is [Queue.Shutdown] that also empties q: it removes the
// items q holds, lowers [Queue.UnfinishedTasks] by their number (not below
// zero), so [Queue.Join] need not wait for them, and returns them in the
// order Get would have returned them (QS-04). Every later Get returns
// [ErrShutDown]. An item already handed to a blocked getter is not
// drained: the getter returns it (see [Queue.Shutdown]).
//
// Returning the items is a Go-only improvement: Python's
// shutdown(immediate=True) discards them, so whatever a producer put and
// no consumer got is lost. Here the caller decides (drop them, log them,
// hand them on); ignoring the result is Python's behaviour.
//
// If a comparison of [NewPriorityQueueFunc] panics while ordering the
// items, ShutdownImmediate still leaves q shut down and empty, with every
// waiter woken, and then panics with the comparison's value; the items are
// lost with the panic.
//
// Python: queue.Queue.shutdown(immediate=True).
func (q *Queue[T]) ShutdownImmediate() []T {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.shutDown()
	n := q.len()
	if n == 0 {
		return nil
	}
	for {
		t := q.tasks.Load() // TaskDone may race with this, hence the loop
		if q.tasks.CompareAndSwap(t, max(t-int64(n), 0)) {
			break
		}
	}
	q.wakeJoiners()
	defer func() {
		if q.len() > 0 { // a comparison panicked
			q.clear()
		}
	}()
	drained := make([]T, 0, n)
	for q.len() > 0 {
		drained = append(drained, q.pop())
	}
	return drained
}

// IsShutdown reports whether [Queue.Shutdown] or [Queue.ShutdownImmediate]
// has been called (QS-01).
//
// Python: queue.Queue.is_shutdown.
func (q *Queue[T]) IsShutdown() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.shutdown
}

// shutDown marks q shut down and wakes every blocked putter and getter
// with ErrShutDown. Blocked getters exist only when q is empty, so none of
// them is owed an item. The caller holds q.mu.
func (q *Queue[T]) shutDown() {
	q.shutdown = true
	q.putters.PopAll(func(p *waitq.Waiter[slot[T]]) {
		var zero T
		p.Value.item, p.Value.err = zero, ErrShutDown
		p.Wake()
	})
	q.getters.PopAll(func(g *waitq.Waiter[slot[T]]) {
		g.Value.err = ErrShutDown
		g.Wake()
	})
}
