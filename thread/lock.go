package thread

import (
	"context"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pyconc/pyconc/internal/waitq"
)

// TimeoutMax is the largest timeout any XTimeout method accepts: the
// largest [time.Duration], about 292 years. Every Duration is therefore
// valid, and none overflows as Python's timeout > TIMEOUT_MAX does (LK-07).
// On 64-bit Linux Python's TIMEOUT_MAX is 9223372036.0 seconds, the same
// number of whole seconds.
//
// Python: threading.TIMEOUT_MAX.
const TimeoutMax time.Duration = math.MaxInt64

// The bits of Lock.state. The word also counts the parked goroutines,
// in units of lockWaiter.
const (
	lockLocked      = 1 << iota // held
	lockWoken                   // a woken waiter is competing for the lock
	lockWaiterShift = iota
	lockWaiter      = 1 << lockWaiterShift
)

// lockSpins is how many times a contended acquire looks at the lock
// again, yielding the processor (runtime.Gosched) between looks, before it
// parks. A lock is usually free again within nanoseconds, and parking and
// waking cost microseconds; yielding rather than re-reading in a tight
// loop leaves the cache line to the holder and lets it run if it shares
// this processor. Tuned with BenchmarkLockContended.
const lockSpins = 20

// A Lock is a mutual-exclusion lock that any goroutine may release: the
// primitive lock of Python's threading module. The zero value is an
// unlocked Lock. A Lock must not be copied after first use.
//
// Unlike [sync.Mutex], a Lock has Python's methods: blocking, trying and
// timed acquires, [Lock.Locked], and a String for printing. It is not
// reentrant: a goroutine that acquires a Lock it already holds blocks until
// another goroutine releases it (LK-11). It is not owned either: any
// goroutine may release it (LK-10).
//
// A Lock promises no fairness, like Python's: a goroutine that calls
// Acquire while the lock is free takes it even if others have been
// waiting, and a woken waiter competes again. This is what makes it fast
// under contention.
//
// Python's `with lock:` is
//
//	lock.Acquire()
//	defer lock.Release()
//
// Python's threading.Lock is a function returning a _thread.lock, a type
// that cannot be instantiated directly (LK-01); a Go Lock is declared like
// any variable.
//
// Python's acquire(blocking, timeout) becomes four methods ([Lock.Acquire],
// [Lock.TryAcquire], [Lock.AcquireTimeout], [Lock.AcquireContext]), so
// acquire(False, 1) has nothing to reject (LK-05) and a timeout cannot be
// None (LK-08). Python's acquire(timeout=-1) is Acquire.
//
// Python: threading.Lock.
type Lock struct {
	state atomic.Int32 // lockLocked | lockWoken | parked*lockWaiter

	mu      sync.Mutex // guards waiters
	waiters waitq.List[struct{}]
}

// Acquire locks l, blocking until it is free.
//
// Python: threading.Lock.acquire.
func (l *Lock) Acquire() {
	if l.state.CompareAndSwap(0, lockLocked) {
		return
	}
	_ = l.acquireSlow(context.Background())
}

// TryAcquire locks l if it is free and reports whether it did. It never
// blocks.
//
// Python: threading.Lock.acquire(blocking=False).
func (l *Lock) TryAcquire() bool {
	for {
		old := l.state.Load()
		if old&lockLocked != 0 {
			return false
		}
		if l.state.CompareAndSwap(old, old|lockLocked) {
			return true
		}
	}
}

// AcquireTimeout acts like [Lock.Acquire] but gives up after d, reporting
// whether it locked l. A free lock is taken at once whatever d is; d == 0
// makes it [Lock.TryAcquire] (LK-04).
//
// AcquireTimeout panics if d is negative (LK-06); Python's timeout=-1,
// wait forever, is [Lock.Acquire].
//
// Python: threading.Lock.acquire(timeout=...).
func (l *Lock) AcquireTimeout(d time.Duration) bool {
	checkTimeout(d)
	if l.TryAcquire() {
		return true
	}
	if d == 0 {
		return false
	}
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	return l.AcquireContext(ctx) == nil
}

// AcquireContext acts like [Lock.Acquire] but gives up when ctx is done,
// returning ctx.Err() without having locked l. A free lock is taken, and
// nil returned, even when ctx is already done.
//
// Python: none (Go only).
func (l *Lock) AcquireContext(ctx context.Context) error {
	// TryAcquire, not the CompareAndSwap(0, ...) of Acquire: a free lock
	// may have waiters counted, or one woken and not yet running, and a
	// done ctx must not make acquireSlow give up on it.
	if l.TryAcquire() {
		return nil
	}
	return l.acquireSlow(ctx)
}

// acquireSlow is Acquire after the fast path failed: spin, then park, then
// compete again each time a Release wakes this goroutine.
func (l *Lock) acquireSlow(ctx context.Context) error {
	woken := false // this goroutine owns the lockWoken bit
	for {
		if err := ctx.Err(); err != nil {
			if woken {
				l.passWake()
			}
			return err
		}
		// Spin: the holder is likely to release within nanoseconds.
		for range lockSpins {
			old := l.state.Load()
			if old&lockLocked == 0 {
				new := old | lockLocked
				if woken {
					new &^= lockWoken
				}
				if l.state.CompareAndSwap(old, new) {
					return nil
				}
				continue
			}
			runtime.Gosched()
		}

		// Park. Counting this goroutine in the state word and queueing it
		// happen in one critical section of mu, and the count is added
		// only while the lock is seen held, so the Release that frees it
		// sees the count and then finds the waiter when it takes mu.
		l.mu.Lock()
		for {
			old := l.state.Load()
			if old&lockLocked == 0 {
				new := old | lockLocked
				if woken {
					new &^= lockWoken
				}
				if l.state.CompareAndSwap(old, new) {
					l.mu.Unlock()
					return nil
				}
				continue
			}
			new := old + lockWaiter
			if woken {
				new &^= lockWoken
			}
			if l.state.CompareAndSwap(old, new) {
				break
			}
		}
		w := waitq.New(struct{}{})
		if woken {
			// It was at the front when woken; it keeps its place.
			l.waiters.PushFront(w)
		} else {
			l.waiters.PushBack(w)
		}
		l.mu.Unlock()
		woken = false

		if !w.Wait(ctx) {
			l.mu.Lock()
			removed := l.waiters.Remove(w)
			if removed {
				l.state.Add(-lockWaiter)
			}
			l.mu.Unlock()
			if !removed {
				// A Release woke it as ctx ended: hand the duty to
				// compete for the lock on, or nobody may ever take it.
				l.passWake()
			}
			return ctx.Err()
		}
		woken = true
	}
}

// passWake is called by a woken waiter that gives up. It owns the
// lockWoken bit: if the lock is free and others are parked it wakes the
// next one, who inherits the bit; otherwise it clears the bit, and the
// next Release wakes someone.
func (l *Lock) passWake() {
	for {
		old := l.state.Load()
		if old&lockLocked == 0 && old>>lockWaiterShift > 0 {
			l.wakeOne()
			return
		}
		if l.state.CompareAndSwap(old, old&^lockWoken) {
			return
		}
	}
}

// wakeOne wakes the first parked goroutine. The caller has set the
// lockWoken bit; if no goroutine is parked after all (they gave up), it
// clears the bit instead.
func (l *Lock) wakeOne() {
	l.mu.Lock()
	if w := l.waiters.PopFront(); w != nil {
		l.state.Add(-lockWaiter)
		w.Wake()
	} else {
		l.state.And(^int32(lockWoken))
	}
	l.mu.Unlock()
}

// Release unlocks l. Any goroutine may release a Lock, not only the one
// that acquired it (LK-10). If goroutines are blocked acquiring it, one of
// them is woken to compete for it.
//
// Release panics if l is not locked (LK-09).
//
// Python: threading.Lock.release.
func (l *Lock) Release() {
	if l.state.CompareAndSwap(lockLocked, 0) {
		return
	}
	l.releaseSlow()
}

func (l *Lock) releaseSlow() {
	for {
		old := l.state.Load()
		if old&lockLocked == 0 {
			panic("thread: release unlocked lock (Python: RuntimeError)")
		}
		new := old &^ lockLocked
		wake := old>>lockWaiterShift > 0 && old&lockWoken == 0
		if wake {
			new |= lockWoken
		}
		if l.state.CompareAndSwap(old, new) {
			if wake {
				l.wakeOne()
			}
			return
		}
	}
}

// Locked reports whether l is locked (LK-12). The answer may be out of
// date as soon as it is returned.
//
// Python: threading.Lock.locked.
func (l *Lock) Locked() bool { return l.state.Load()&lockLocked != 0 }

// String returns "<locked thread.Lock>" or "<unlocked thread.Lock>"
// (LK-14). Python's repr also shows the address; this does not, so that it
// can be compared in tests.
//
// Python: threading.Lock.__repr__.
func (l *Lock) String() string {
	if l.Locked() {
		return "<locked thread.Lock>"
	}
	return "<unlocked thread.Lock>"
}

// isOwned reports whether l is locked, by anyone: a Lock has no owner, so
// this is the best a [Condition] can check, as in CPython's fallback
// Condition._is_owned.
func (l *Lock) isOwned() bool { return l.Locked() }

// releaseSave releases l for [Condition.Wait]; there is nothing to save.
func (l *Lock) releaseSave() int64 { l.Release(); return 0 }

// acquireRestore acquires l again after [Condition.Wait].
func (l *Lock) acquireRestore(int64) { l.Acquire() }

// checkTimeout panics, as Python's lock acquire does, if d is negative.
func checkTimeout(d time.Duration) {
	if d < 0 {
		panic("thread: timeout value must be positive (Python: ValueError)")
	}
}
