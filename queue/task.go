package queue

import (
	"context"
	"time"

	"github.com/pyconc/pyconc/internal/waitq"
)

// TaskDone indicates that a formerly enqueued item is complete. Consumers
// call it once for each item they got, after processing it; when every
// item put has been marked done, the goroutines blocked in [Queue.Join]
// return.
//
// TaskDone panics with "queue: task_done() called too many times (Python:
// ValueError)" if called more times than there were items put (QQ-10),
// leaving the count at zero.
//
// Python: queue.Queue.task_done.
func (q *Queue[T]) TaskDone() {
	for {
		t := q.tasks.Load()
		if t <= 0 {
			panic("queue: task_done() called too many times (Python: ValueError)")
		}
		if q.tasks.CompareAndSwap(t, t-1) {
			if t == 1 {
				q.mu.Lock()
				q.wakeJoiners()
				q.mu.Unlock()
			}
			return
		}
	}
}

// wakeJoiners wakes the blocked joiners if no task is unfinished. Every
// TaskDone that takes the count to zero calls it after, so a joiner that
// queued while the count was not zero is woken, unless a put has come in
// the meantime; then a later TaskDone wakes it. The caller holds q.mu.
func (q *Queue[T]) wakeJoiners() {
	if q.tasks.Load() == 0 {
		q.joiners.PopAll((*waitq.Waiter[struct{}]).Wake)
	}
}

// UnfinishedTasks returns the number of items put whose [Queue.TaskDone]
// has not been called yet (QQ-11): every successful put adds one, Get
// changes nothing, TaskDone and [Queue.ShutdownImmediate] take away.
//
// Python: queue.Queue.unfinished_tasks.
func (q *Queue[T]) UnfinishedTasks() int {
	return int(q.tasks.Load())
}

// Join blocks until every item put into q has been got and marked done
// with [Queue.TaskDone], returning at once if none is unfinished. It can
// be called again after it returned, and by many goroutines (QQ-12).
//
// Join returns at a moment when no task is unfinished; a Put that comes
// after that moment does not hold it back. Like Python's, a Join that has
// not yet seen the count at zero when a Put raises it again waits on.
//
// Join never fails, also on a shut down queue (QS-07): after
// [Queue.Shutdown] the remaining items still need TaskDone; after
// [Queue.ShutdownImmediate] only the items already got do.
//
// Python: queue.Queue.join.
func (q *Queue[T]) Join() { _ = q.join(forever) }

// JoinTimeout acts like [Queue.Join] but gives up after d, reporting
// whether every task was done in time. A d of zero reports at once whether
// no task is unfinished.
//
// JoinTimeout panics if d is negative.
//
// Python: none (Go only); queue.Queue.join has no timeout.
func (q *Queue[T]) JoinTimeout(d time.Duration) bool { return q.join(within(d)) == nil }

// JoinContext acts like [Queue.Join] but gives up when ctx is done,
// returning ctx.Err(). It returns nil if no task is unfinished, even when
// ctx is already done.
//
// Python: none (Go only).
func (q *Queue[T]) JoinContext(ctx context.Context) error { return q.join(until(ctx)) }

// join is the one implementation of the Join forms. A timeout gives
// ErrFull, which JoinTimeout only compares with nil.
func (q *Queue[T]) join(h how) error {
	if q.tasks.Load() == 0 {
		return nil
	}
	if !h.block {
		return ErrFull
	}
	if err := h.expired(); err != nil {
		return err
	}
	q.mu.Lock()
	if q.tasks.Load() == 0 {
		q.mu.Unlock()
		return nil
	}
	w := waitq.New(struct{}{})
	q.joiners.PushBack(w)
	q.mu.Unlock()
	if wait(w, h) {
		return nil
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.joiners.Remove(w) {
		return h.gaveUp(ErrFull)
	}
	return nil // woken just as it gave up: every task was done
}
