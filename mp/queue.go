package mp

import (
	"context"
	"time"

	"github.com/pyconc/pyconc/queue"
)

const queueClosed = "mp: Queue is closed (Python: ValueError)"

// ErrEmpty is returned by the GetNowait, GetTimeout and GetContext forms
// of [Queue] and [JoinableQueue] when no item came in time. It is
// [queue.ErrEmpty], the one value, so errors.Is agrees everywhere (MQ-04).
//
// Python: queue.Empty.
var ErrEmpty = queue.ErrEmpty

// ErrFull is returned by the PutNowait and PutTimeout forms of [Queue] and
// [JoinableQueue] when no slot came free in time. It is [queue.ErrFull]
// (MQ-04).
//
// Python: queue.Full.
var ErrFull = queue.ErrFull

// A Queue is a multi-producer, multi-consumer FIFO queue of items of type T
// shared by processes: Python's multiprocessing.Queue. Make one with
// [NewQueue]. It is a [queue.Queue] underneath, so it behaves as one:
// blocked getters and putters are served in arrival order, and the errors
// are queue's [ErrEmpty] and [ErrFull] (MQ-04).
//
// On goroutines there is no pipe and no feeder thread: a Put is in the
// queue when it returns, so Empty, Qsize and a GetNowait see it at once
// (where Python's tests sleep first, MQ-07), and nothing is pickled: an
// item is handed over as it is, a pointer or a slice still shares its
// memory with the putter (MQ-10, MQ-12). Unlike [queue.Queue], a negative
// timeout is not an error: it means zero (MQ-05).
//
// A Queue has no TaskDone or Join, as Python's has not (MQ-09): that is
// the [JoinableQueue]. A Queue must not be copied after first use.
//
// Python: multiprocessing.Queue.
type Queue[T any] struct {
	q       queue.Queue[T]
	handles handles
}

// NewQueue returns an empty Queue that holds at most maxsize items; a
// maxsize of zero or less means no limit (MQ-01). The only option is a
// [*Context].
//
// Python: multiprocessing.Queue.
func NewQueue[T any](maxsize int, opts ...Option) *Queue[T] {
	configure("NewQueue", opts)
	q := new(Queue[T])
	q.q.SetMaxsize(maxsize)
	return q
}

// nonNegative turns a negative timeout into zero (MQ-05).
func nonNegative(d time.Duration) time.Duration { return max(d, 0) }

// Put puts item into q, blocking while q is full. It returns nil.
//
// Put panics with "mp: Queue is closed (Python: ValueError)" if the
// calling process closed q (MQ-08).
//
// Python: multiprocessing.Queue.put.
func (q *Queue[T]) Put(item T) error {
	q.handles.check(queueClosed)
	return q.q.Put(item)
}

// PutNowait acts like [Queue.Put] but never blocks: if q is full it
// returns [ErrFull] and does not put item.
//
// Python: multiprocessing.Queue.put_nowait.
func (q *Queue[T]) PutNowait(item T) error {
	q.handles.check(queueClosed)
	return q.q.PutNowait(item)
}

// PutTimeout acts like [Queue.Put] but gives up after d, returning
// [ErrFull] without having put item. A d of zero or less tries once
// without blocking (MQ-05).
//
// Python: multiprocessing.Queue.put(timeout=...).
func (q *Queue[T]) PutTimeout(item T, d time.Duration) error {
	q.handles.check(queueClosed)
	return q.q.PutTimeout(item, nonNegative(d))
}

// PutContext acts like [Queue.Put] but gives up when ctx is done, returning
// ctx.Err() without having put item.
//
// Python: none (Go only).
func (q *Queue[T]) PutContext(ctx context.Context, item T) error {
	q.handles.check(queueClosed)
	return q.q.PutContext(ctx, item)
}

// Get removes and returns an item from q, blocking while q is empty. The
// error is always nil.
//
// Get panics with "mp: Queue is closed (Python: ValueError)" if the
// calling process closed q (MQ-08). A Get already blocked when its process
// closes q goes on waiting.
//
// Python: multiprocessing.Queue.get.
func (q *Queue[T]) Get() (T, error) {
	q.handles.check(queueClosed)
	return q.q.Get()
}

// GetNowait acts like [Queue.Get] but never blocks: if q is empty it
// returns [ErrEmpty].
//
// Python: multiprocessing.Queue.get_nowait.
func (q *Queue[T]) GetNowait() (T, error) {
	q.handles.check(queueClosed)
	return q.q.GetNowait()
}

// GetTimeout acts like [Queue.Get] but gives up after d, returning
// [ErrEmpty]. A d of zero or less tries once without blocking (MQ-05).
//
// Python: multiprocessing.Queue.get(timeout=...).
func (q *Queue[T]) GetTimeout(d time.Duration) (T, error) {
	q.handles.check(queueClosed)
	return q.q.GetTimeout(nonNegative(d))
}

// GetContext acts like [Queue.Get] but gives up when ctx is done, returning
// ctx.Err() without having removed an item.
//
// Python: none (Go only).
func (q *Queue[T]) GetContext(ctx context.Context) (T, error) {
	q.handles.check(queueClosed)
	return q.q.GetContext(ctx)
}

// Qsize returns the approximate number of items in q (not reliable!)
// (MQ-06). Unlike Python's on macOS, it is always implemented.
//
// Python: multiprocessing.Queue.qsize.
func (q *Queue[T]) Qsize() int { return q.q.Qsize() }

// Empty reports whether q is empty (not reliable!).
//
// Python: multiprocessing.Queue.empty.
func (q *Queue[T]) Empty() bool { return q.q.Empty() }

// Full reports whether q is full (not reliable!).
//
// Python: multiprocessing.Queue.full.
func (q *Queue[T]) Full() bool { return q.q.Full() }

// Close closes the calling process's handle of q: from then on, the Put
// and Get forms called by that process panic (MQ-08). Other processes go on
// using q, and get what it holds: a producer that closes q after its last
// Put does not take the items from its consumers. Close may be called any
// number of times.
//
// The calling process is [CurrentProcess]: a goroutine started by a
// thread.Thread belongs to the process that started the thread.
//
// Python: multiprocessing.Queue.close.
func (q *Queue[T]) Close() { q.handles.close() }

// JoinThread waits until the items put by the calling process are in q.
// With no feeder thread they are there when Put returns, so JoinThread
// returns at once.
//
// JoinThread panics with "mp: Queue not closed (Python: AssertionError)"
// if the calling process has not closed q, as Python asserts.
//
// Python: multiprocessing.Queue.join_thread.
func (q *Queue[T]) JoinThread() {
	if !q.handles.closedHere() {
		panic("mp: Queue not closed (Python: AssertionError)")
	}
}

// CancelJoinThread does nothing: in Python it keeps a process from waiting
// at exit for its feeder thread to flush the items it put, at the risk of
// losing them; here there is nothing to flush and nothing is lost.
//
// Python: multiprocessing.Queue.cancel_join_thread.
func (q *Queue[T]) CancelJoinThread() {}
