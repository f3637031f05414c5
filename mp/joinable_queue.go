package mp

import (
	"context"
	"time"
)

// A JoinableQueue is a [Queue] that also counts unfinished tasks:
// consumers call [JoinableQueue.TaskDone] for every item they got, and
// [JoinableQueue.Join] waits until all are done (MQ-11). Make one with
// [NewJoinableQueue]. It has every method of Queue.
//
// Python: multiprocessing.JoinableQueue.
type JoinableQueue[T any] struct {
	Queue[T]
}

// NewJoinableQueue returns an empty JoinableQueue that holds at most
// maxsize items; a maxsize of zero or less means no limit. The only option
// is a [*Context].
//
// Python: multiprocessing.JoinableQueue.
func NewJoinableQueue[T any](maxsize int, opts ...Option) *JoinableQueue[T] {
	configure("NewJoinableQueue", opts)
	q := new(JoinableQueue[T])
	q.q.SetMaxsize(maxsize)
	return q
}

// TaskDone indicates that a formerly enqueued item is complete. Consumers
// call it once for each item they got, after processing it; when every item
// put has been marked done, the goroutines blocked in Join return.
//
// TaskDone panics with "mp: task_done() called too many times (Python:
// ValueError)" if called more times than there were items put (MQ-11), and
// with "mp: Queue is closed (Python: ValueError)" if the calling process
// closed q.
//
// Python: multiprocessing.JoinableQueue.task_done.
func (q *JoinableQueue[T]) TaskDone() {
	q.handles.check(queueClosed)
	defer func() {
		if recover() != nil {
			panic("mp: task_done() called too many times (Python: ValueError)")
		}
	}()
	q.q.TaskDone()
}

// Join blocks until every item put into q has been got and marked done
// with [JoinableQueue.TaskDone], returning at once if none is unfinished.
//
// Python: multiprocessing.JoinableQueue.join.
func (q *JoinableQueue[T]) Join() { q.q.Join() }

// JoinTimeout acts like [JoinableQueue.Join] but gives up after d,
// reporting whether every task was done in time. A d of zero or less
// reports at once.
//
// Python: none (Go only); multiprocessing.JoinableQueue.join has no
// timeout.
func (q *JoinableQueue[T]) JoinTimeout(d time.Duration) bool {
	return q.q.JoinTimeout(nonNegative(d))
}

// JoinContext acts like [JoinableQueue.Join] but gives up when ctx is done,
// returning ctx.Err().
//
// Python: none (Go only).
func (q *JoinableQueue[T]) JoinContext(ctx context.Context) error {
	return q.q.JoinContext(ctx)
}
