package thread

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/pyconc/pyconc/internal/waitq"
)

// A Barrier lets a fixed number of goroutines, its parties, wait for each
// other: each calls [Barrier.Wait], and all are released together when the
// last one arrives (BR-02). The barrier is then ready for the next round:
// it can be used any number of times (BR-03). Create one with
// [NewBarrier]; a zero Barrier has no parties, and its Wait methods panic
// as NewBarrier(0) does. A Barrier must not be copied.
//
// A barrier breaks when a waiting goroutine gives up (its timeout or
// context ends), when the action panics, or on [Barrier.Abort]. Every
// goroutine waiting then, and every later Wait, fails with
// [ErrBrokenBarrier] until [Barrier.Reset] (BR-06, BR-07, BR-08).
//
// A round is complete once its last party arrives: breaking, aborting or
// resetting the barrier after that, even while the action runs, does not
// affect that round's goroutines. Goroutines that arrive while the action
// runs belong to the next round.
//
// Python: threading.Barrier.
type Barrier struct {
	parties int
	action  func()
	timeout time.Duration
	hasTime bool // timeout was given

	mu      sync.Mutex
	broken  bool
	waiters waitq.List[error] // this round's arrivals but the last; Value is the outcome
}

// A BarrierOption configures a [Barrier] when it is created: the keyword
// arguments of Python's Barrier constructor.
//
// Python: the keyword arguments of threading.Barrier.
type BarrierOption func(*Barrier)

// Action sets a function that the last goroutine to arrive calls, once per
// round, before any goroutine of the round is released (BR-04).
//
// If f panics, the barrier breaks, the round's other goroutines get
// [ErrBrokenBarrier], and the panic continues in the goroutine that called
// f (BR-05).
//
// Python: threading.Barrier(action=...).
func Action(f func()) BarrierOption {
	return func(b *Barrier) { b.action = f }
}

// Timeout sets the timeout of every [Barrier.Wait] and
// [Barrier.WaitContext] (BR-09); [Barrier.WaitTimeout] overrides it. A
// wait that times out breaks the barrier. With d <= 0 a wait that is not
// the last arrival breaks the barrier at once, as in Python.
//
// Python: threading.Barrier(timeout=...).
func Timeout(d time.Duration) BarrierOption {
	return func(b *Barrier) { b.timeout, b.hasTime = d, true }
}

// NewBarrier returns a barrier for parties goroutines.
//
// NewBarrier panics if parties < 1. Python 3.11 accepts Barrier(0) and
// Barrier(-1), a barrier no wait can ever complete (BR-12); pyconc treats
// that as the programming error it is.
//
// Python: threading.Barrier.
func NewBarrier(parties int, opts ...BarrierOption) *Barrier {
	if parties < 1 {
		panic("thread: parties must be > 0 (Python: ValueError)")
	}
	b := &Barrier{parties: parties}
	for _, opt := range opts {
		opt(b)
	}
	return b
}

// Wait blocks until all parties have called Wait, then returns this
// goroutine's arrival index, from 0 for the first to Parties()-1 for the
// last (BR-02). Python's idiom to elect one goroutine for a task is
//
//	if i, err := b.Wait(); err == nil && i == 0 { ... }
//
// Wait gives up after the barrier's [Timeout], if it was given one,
// breaking the barrier.
//
// Wait returns -1 and [ErrBrokenBarrier] if the barrier is broken when it
// is called or while it waits, or if it times out.
//
// Python: threading.Barrier.wait.
func (b *Barrier) Wait() (int, error) {
	if b.hasTime {
		return b.WaitTimeout(b.timeout)
	}
	return b.wait(context.Background(), false)
}

// WaitTimeout acts like [Barrier.Wait] but gives up after d instead of
// the barrier's own timeout. Giving up breaks the barrier (BR-08), and
// WaitTimeout returns -1 and [ErrBrokenBarrier]. With d <= 0 it gives up
// at once unless it is the round's last arrival.
//
// Python: threading.Barrier.wait(timeout=...).
func (b *Barrier) WaitTimeout(d time.Duration) (int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	return b.wait(ctx, true)
}

// WaitContext acts like [Barrier.Wait] but also gives up when ctx is
// done. Giving up breaks the barrier, so the other goroutines of the round
// get [ErrBrokenBarrier]; this one gets -1 and ctx.Err(). A call that
// completes the round succeeds even when ctx is already done; any other
// call with ctx done breaks the barrier at once.
//
// Python: none (Go only).
func (b *Barrier) WaitContext(ctx context.Context) (int, error) {
	if b.hasTime {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, b.timeout, ErrBrokenBarrier)
		defer cancel()
	}
	return b.wait(ctx, false)
}

// wait is the implementation of the Wait methods. If timedOut is true,
// ctx is the caller's own timeout, reported as ErrBrokenBarrier; else ctx
// ending is reported as ctx.Err(), unless it ended by the barrier's own
// timeout (a cause of ErrBrokenBarrier).
func (b *Barrier) wait(ctx context.Context, timedOut bool) (int, error) {
	if b.parties < 1 {
		panic("thread: parties must be > 0 (Python: ValueError)") // a zero Barrier
	}
	b.mu.Lock()
	if b.broken {
		b.mu.Unlock()
		return -1, ErrBrokenBarrier
	}
	index := b.waiters.Len()
	if index == b.parties-1 {
		// The last arrival: take the round's goroutines out, so that
		// arrivals from now on form the next round, and release them once
		// the action has run.
		round := make([]*waitq.Waiter[error], 0, index)
		b.waiters.PopAll(func(w *waitq.Waiter[error]) { round = append(round, w) })
		b.mu.Unlock()
		b.release(round)
		return index, nil
	}
	if ctx.Err() != nil {
		b.breakLocked()
		b.mu.Unlock()
		return -1, b.gaveUp(ctx, timedOut)
	}
	w := waitq.New[error](nil)
	b.waiters.PushBack(w)
	b.mu.Unlock()

	if !w.Wait(ctx) {
		b.mu.Lock()
		gaveUp := b.waiters.Remove(w)
		if gaveUp {
			b.breakLocked()
		}
		b.mu.Unlock()
		if gaveUp {
			return -1, b.gaveUp(ctx, timedOut)
		}
		// The round completed, or the barrier broke, as ctx ended: the
		// outcome is decided and arrives with the wake-up.
		<-w.Ready()
	}
	if w.Value != nil {
		return -1, w.Value
	}
	return index, nil
}

// gaveUp returns the error of a wait that gave up because ctx ended.
func (b *Barrier) gaveUp(ctx context.Context, timedOut bool) error {
	if timedOut || context.Cause(ctx) == ErrBrokenBarrier {
		return ErrBrokenBarrier
	}
	return ctx.Err()
}

// release runs the action, if any, in the last arrival of a round and then
// wakes the round's other goroutines; if the action panics, or exits the
// goroutine, it breaks the barrier and tells them so.
func (b *Barrier) release(round []*waitq.Waiter[error]) {
	ok := false
	defer func() {
		if !ok {
			b.mu.Lock()
			b.breakLocked()
			b.mu.Unlock()
		}
		for _, w := range round {
			if !ok {
				w.Value = ErrBrokenBarrier
			}
			w.Wake()
		}
	}()
	if b.action != nil {
		b.action()
	}
	ok = true
}

// breakLocked breaks the barrier, failing every waiting goroutine. The
// caller holds b.mu.
func (b *Barrier) breakLocked() {
	b.broken = true
	b.failLocked()
}

// failLocked wakes every waiting goroutine with ErrBrokenBarrier. The
// caller holds b.mu.
func (b *Barrier) failLocked() {
	b.waiters.PopAll(func(w *waitq.Waiter[error]) {
		w.Value = ErrBrokenBarrier
		w.Wake()
	})
}

// Parties returns the number of goroutines required to pass the barrier.
//
// Python: threading.Barrier.parties.
func (b *Barrier) Parties() int { return b.parties }

// NWaiting returns the number of goroutines waiting in the current round
// (BR-01). The answer may be out of date as soon as it is returned.
//
// Python: threading.Barrier.n_waiting.
func (b *Barrier) NWaiting() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.waiters.Len()
}

// Broken reports whether the barrier is broken.
//
// Python: threading.Barrier.broken.
func (b *Barrier) Broken() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.broken
}

// Abort breaks the barrier: every goroutine waiting in it, and every later
// Wait, fails with [ErrBrokenBarrier] until [Barrier.Reset] (BR-06). It
// is how a goroutine that cannot reach the barrier keeps the others from
// waiting forever.
//
// Python: threading.Barrier.abort.
func (b *Barrier) Abort() {
	b.mu.Lock()
	b.breakLocked()
	b.mu.Unlock()
}

// Reset returns the barrier to its initial state, empty and not broken:
// goroutines waiting in it fail with [ErrBrokenBarrier], and later waits
// start a new round (BR-07). It also mends a broken barrier.
//
// Python: threading.Barrier.reset.
func (b *Barrier) Reset() {
	b.mu.Lock()
	b.failLocked()
	b.broken = false
	b.mu.Unlock()
}

// String returns "<thread.Barrier waiters=2/3>": the goroutines waiting and
// the parties; or "<thread.Barrier: broken>" (BR-01). Python's repr also
// shows the address; this does not, so that it can be compared in tests.
//
// Python: threading.Barrier.__repr__.
func (b *Barrier) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.broken {
		return "<thread.Barrier: broken>"
	}
	return fmt.Sprintf("<thread.Barrier waiters=%d/%d>", b.waiters.Len(), b.parties)
}
