package queue

import (
	"context"
	"errors"
	"runtime"
	"time"

	"github.com/pyconc/pyconc/internal/waitq"
)

// how says how a Put, Get or Join waits when it cannot finish at once. Each
// public form is a one-liner that passes one of these to the single
// implementation (put, get, join).
type how struct {
	block bool            // false: never wait
	ctx   context.Context // non-nil: give up when ctx is done
	d     time.Duration   // > 0 with ctx == nil: give up after d
}

var (
	forever = how{block: true}
	nowait  = how{}
)

// within is the timeout form's wait. A zero d is a non-blocking try, as
// Python's timeout=0 is (QQ-05); a negative d panics.
func within(d time.Duration) how {
	checkTimeout(d)
	if d == 0 {
		return nowait
	}
	return how{block: true, d: d}
}

// until is the context form's wait.
func until(ctx context.Context) how {
	if ctx.Done() == nil {
		return forever // context.Background and kin are never done
	}
	return how{block: true, ctx: ctx}
}

// checkTimeout panics if d is negative, as Python raises ValueError.
func checkTimeout(d time.Duration) {
	if d < 0 {
		panic("queue: 'timeout' must be a non-negative number (Python: ValueError)")
	}
}

// expired reports whether the wait has already given up, before any
// waiter is queued: only a context can be done before the call.
func (h how) expired() error {
	if h.ctx != nil {
		return h.ctx.Err()
	}
	return nil
}

// wait blocks until w is woken, returning true, or until h gives up,
// returning false. On false the caller removes w under the queue's mutex
// and treats a failed removal as a wake-up (see package waitq).
func wait[T any](w *waitq.Waiter[T], h how) bool {
	switch {
	case h.ctx != nil:
		return w.Wait(h.ctx)
	case h.d > 0:
		t := time.NewTimer(h.d)
		defer t.Stop()
		select {
		case <-w.Ready():
			return true
		case <-t.C:
			return false
		}
	default:
		<-w.Ready()
		return true
	}
}

// gaveUp is the error of a wait that gave up: ctx.Err() for the context
// form, timeout (ErrEmpty or ErrFull) for the timeout form.
func (h how) gaveUp(timeout error) error {
	if h.ctx != nil {
		return h.ctx.Err()
	}
	return timeout
}

// remove takes a waiter that gave up out of l, reporting whether it was
// still there; false means it was served just as it gave up.
func (q *Queue[T]) remove(l *waitq.List[slot[T]], w *waitq.Waiter[slot[T]]) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return l.Remove(w)
}

// spins is how many times a Put or Get that would block yields the
// processor and tries again before it queues a waiter. On a busy queue
// the other side often makes room or puts an item within that time, and
// a yield costs much less than parking: allocating a waiter and a channel,
// sleeping, and being woken.
const spins = 2

// errWouldBlock tells put and get to spin once more.
var errWouldBlock = errors.New("queue: would block")

// lockSpins is how many times lock tries the mutex, yielding the processor
// between tries, before it blocks in Mutex.Lock.
const lockSpins = 2

// lock locks q.mu for a Put or a Get. When many goroutines hammer one
// queue, a goroutine that finds the lock held yields for a moment instead
// of going to sleep on the mutex at once: sleeping on a contended mutex
// and being woken costs far more than the short critical sections here,
// and under load tips sync.Mutex into its slow hand-off mode.
func (q *Queue[T]) lock() {
	for range lockSpins {
		if q.mu.TryLock() {
			return
		}
		runtime.Gosched()
	}
	q.mu.Lock()
}
