package thread

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/pyconc/pyconc/internal/waitq"
)

// A Semaphore manages a counter: [Semaphore.Acquire] decrements it,
// blocking while it is zero, and [Semaphore.Release] increments it. Create
// one with [NewSemaphore]; Python's default value, 1 (SM-02), is
// NewSemaphore(1). The zero value is a semaphore whose counter, and initial
// value, is 0. A Semaphore must not be copied after first use.
//
// Release may raise the counter above its initial value (SM-06); a
// [BoundedSemaphore] forbids that.
//
// Blocked acquirers are served first come, first served: a release hands
// its permit to the goroutine that has waited longest, and Acquire does
// not take a permit ahead of waiting goroutines. Python promises no order.
//
// Python's `with sem:` is
//
//	sem.Acquire()
//	defer sem.Release()
//
// Python's acquire(False, timeout=1.0), rejected with a ValueError
// (SM-04), cannot be written in Go.
//
// Python: threading.Semaphore.
type Semaphore struct {
	mu      sync.Mutex
	value   int // permits free; 0 whenever waiters is not empty
	initial int
	bounded bool // a BoundedSemaphore's
	waiters waitq.List[struct{}]
}

// A BoundedSemaphore is a [Semaphore] whose counter may not exceed its
// initial value: a release beyond it is a programming error and panics
// (SM-08). Create one with [NewBoundedSemaphore]; Python's default value,
// 1, is NewBoundedSemaphore(1).
//
// It has every method of Semaphore, and its embedded Semaphore keeps the
// bound: code handed &b.Semaphore cannot over-release it either, as a
// Python function given a BoundedSemaphore where it expects a Semaphore
// cannot.
//
// The zero value is a BoundedSemaphore whose counter and bound are 0, so
// that its Release panics, as Python's BoundedSemaphore(0).release() raises
// (SM-08). A zero value's embedded Semaphore knows of the bound only once
// a method of the BoundedSemaphore has been called; until then a release
// through &b.Semaphore is not checked, so hand out &b.Semaphore only of a
// BoundedSemaphore made by NewBoundedSemaphore.
//
// Python: threading.BoundedSemaphore.
type BoundedSemaphore struct {
	Semaphore
}

// NewSemaphore returns a semaphore whose counter starts at value.
//
// NewSemaphore panics if value is negative (SM-01).
//
// Python: threading.Semaphore.
func NewSemaphore(value int) *Semaphore {
	s := &Semaphore{}
	s.init(value)
	return s
}

// NewBoundedSemaphore returns a bounded semaphore whose counter starts,
// and must stay, at or below value.
//
// NewBoundedSemaphore panics if value is negative (SM-01).
//
// Python: threading.BoundedSemaphore.
func NewBoundedSemaphore(value int) *BoundedSemaphore {
	s := &BoundedSemaphore{}
	s.init(value)
	s.bounded = true
	return s
}

func (s *Semaphore) init(value int) {
	if value < 0 {
		panic("thread: semaphore initial value must be >= 0 (Python: ValueError)")
	}
	s.value, s.initial = value, value
}

// Acquire decrements the counter, blocking while it is zero (SM-03).
//
// Python: threading.Semaphore.acquire.
func (s *Semaphore) Acquire() { _ = s.AcquireContext(context.Background()) }

// TryAcquire decrements the counter if it is above zero and no goroutine
// is blocked acquiring, and reports whether it did. It never blocks.
//
// Python: threading.Semaphore.acquire(blocking=False).
func (s *Semaphore) TryAcquire() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.value > 0 {
		s.value--
		return true
	}
	return false
}

// AcquireTimeout acts like [Semaphore.Acquire] but gives up after d,
// reporting whether it decremented the counter (SM-04). A d <= 0 makes it
// [Semaphore.TryAcquire], without a panic (SM-05): Python's semaphore,
// unlike its lock, accepts a negative timeout.
//
// Python: threading.Semaphore.acquire(timeout=...).
func (s *Semaphore) AcquireTimeout(d time.Duration) bool {
	if s.TryAcquire() {
		return true
	}
	if d <= 0 {
		return false
	}
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	return s.AcquireContext(ctx) == nil
}

// AcquireContext acts like [Semaphore.Acquire] but gives up when ctx is
// done, returning ctx.Err() without having decremented the counter. A
// free permit is taken, and nil returned, even when ctx is already done;
// so is a permit handed over by a release as ctx ends.
//
// Python: none (Go only).
func (s *Semaphore) AcquireContext(ctx context.Context) error {
	s.mu.Lock()
	if s.value > 0 {
		s.value--
		s.mu.Unlock()
		return nil
	}
	if err := ctx.Err(); err != nil {
		s.mu.Unlock()
		return err
	}
	w := waitq.New(struct{}{})
	s.waiters.PushBack(w)
	s.mu.Unlock()
	if w.Wait(ctx) {
		return nil // the releaser took the permit for us
	}
	s.mu.Lock()
	gaveUp := s.waiters.Remove(w)
	s.mu.Unlock()
	if !gaveUp {
		return nil // a release handed us the permit as ctx ended
	}
	return ctx.Err()
}

// Release increments the counter, or hands the permit to the goroutine
// that has waited longest in Acquire.
//
// A [BoundedSemaphore]'s Release panics if the counter would exceed its
// initial value (SM-08).
//
// Python: threading.Semaphore.release.
func (s *Semaphore) Release() { s.ReleaseN(1) }

// ReleaseN adds n to the counter, waking up to n goroutines blocked in
// Acquire (SM-07).
//
// ReleaseN panics if n < 1. A [BoundedSemaphore]'s ReleaseN panics, and
// changes nothing, if the counter would exceed its initial value (SM-09).
//
// Python: threading.Semaphore.release(n).
func (s *Semaphore) ReleaseN(n int) { s.releaseN(n, false) }

// releaseN is ReleaseN; bound makes s bounded first, for the methods of a
// BoundedSemaphore, whose zero value was not made bounded by a constructor.
func (s *Semaphore) releaseN(n int, bound bool) {
	if n < 1 {
		panic("thread: n must be one or more (Python: ValueError)")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.bounded = s.bounded || bound
	if s.bounded && n > s.initial-s.value {
		panic("thread: Semaphore released too many times (Python: ValueError)")
	}
	for ; n > 0; n-- {
		w := s.waiters.PopFront()
		if w == nil {
			s.value += n
			return
		}
		w.Wake()
	}
}

// Value returns the counter: how many Acquire calls would succeed at once.
// The answer may be out of date as soon as it is returned.
//
// Python: threading.Semaphore._value.
func (s *Semaphore) Value() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.value
}

// String returns "<thread.Semaphore value=3>" (SM-11). Python's repr also
// shows the address; this does not, so that it can be compared in tests.
//
// Python: threading.Semaphore.__repr__.
func (s *Semaphore) String() string {
	return fmt.Sprintf("<thread.Semaphore value=%d>", s.Value())
}

// Release increments the counter, or hands the permit to the goroutine
// that has waited longest in Acquire, as [Semaphore.Release] does.
//
// Release panics if the counter would exceed its initial value (SM-08).
//
// Python: threading.BoundedSemaphore.release.
func (s *BoundedSemaphore) Release() { s.releaseN(1, true) }

// ReleaseN adds n to the counter, waking up to n goroutines blocked in
// Acquire, as [Semaphore.ReleaseN] does.
//
// ReleaseN panics if n < 1, and panics and changes nothing if the counter
// would exceed its initial value (SM-09).
//
// Python: threading.BoundedSemaphore.release(n).
func (s *BoundedSemaphore) ReleaseN(n int) { s.releaseN(n, true) }

// String returns "<thread.BoundedSemaphore value=2/3>": the counter and
// the initial value (SM-11).
//
// Python: threading.BoundedSemaphore.__repr__.
func (s *BoundedSemaphore) String() string {
	return fmt.Sprintf("<thread.BoundedSemaphore value=%d/%d>", s.Value(), s.initial)
}
