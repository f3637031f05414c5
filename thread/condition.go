package thread

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pyconc/pyconc/internal/waitq"
)

// A Locker is a lock a [Condition] can be built on: a [*Lock] or an
// [*RLock], nothing else. It has unexported methods, so no other type
// can satisfy it, because a Condition needs more than acquire and release:
// it must know whether the calling goroutine holds the lock, and it must
// release an RLock completely, whatever its recursion level, while it
// waits, and restore that level afterwards (CV-11). Python's Condition
// looks for the private methods _is_owned, _release_save and
// _acquire_restore on its lock for the same reasons.
//
// Python: the lock argument of threading.Condition.
type Locker interface {
	Acquire()
	TryAcquire() bool
	AcquireTimeout(d time.Duration) bool
	AcquireContext(ctx context.Context) error
	Release()

	// isOwned reports whether the calling goroutine may wait or notify.
	isOwned() bool
	// releaseSave releases the lock completely and returns what
	// acquireRestore needs to restore it.
	releaseSave() int64
	// acquireRestore blocks until the lock is held again as it was.
	acquireRestore(saved int64)
}

// A Condition is a condition variable: goroutines that hold its lock wait
// until another goroutine notifies them. Create one with [NewCondition]; the
// zero value is also ready to use, on its own [RLock]. A Condition must not
// be copied after first use.
//
// The lock is acquired and released through the Condition's own methods or
// directly; Python's `with cond:` is
//
//	cond.Acquire()
//	defer cond.Release()
//
// Waiters are woken in the order they began waiting (CV-09), and only by a
// notification or their own timeout: there are no spurious wakeups
// (CV-10). A waiter whose timeout or context ends just as it is notified
// counts the notification: its wait reports success, so no notification is
// ever lost (CPython can lose it). A notification takes its waiters off
// the list, and a waiter that gives up takes itself off, under one
// internal mutex, so NotifyN(n) wakes exactly min(n, waiting) goroutines.
//
// A Condition on a [Lock] considers the lock held when anyone holds it,
// since a Lock has no owner; on an [RLock] only the owner holds it.
//
// The deprecated camelCase alias notifyAll (CV-16) has no Go counterpart.
//
// Python: threading.Condition.
type Condition struct {
	lock Locker                // set by NewCondition; nil in a zero value
	own  atomic.Pointer[RLock] // a zero value's lock, made on first use

	mu      sync.Mutex // guards waiters
	waiters waitq.List[struct{}]
}

// NewCondition returns a condition variable on lock. A nil lock means a
// new [RLock] (CV-01), as Python's Condition() creates one.
//
// Python: threading.Condition.
func NewCondition(lock Locker) *Condition {
	switch l := lock.(type) {
	case nil:
		lock = new(RLock)
	case *Lock:
		if l == nil {
			lock = new(RLock)
		}
	case *RLock:
		if l == nil {
			lock = new(RLock)
		}
	}
	return &Condition{lock: lock}
}

// locker returns c's lock, creating the RLock of a zero value once.
func (c *Condition) locker() Locker {
	if c.lock != nil {
		return c.lock
	}
	if r := c.own.Load(); r != nil {
		return r
	}
	c.own.CompareAndSwap(nil, new(RLock))
	return c.own.Load()
}

// Acquire acquires c's lock, as its Acquire method does (CV-02, CV-15).
//
// Python: threading.Condition.acquire.
func (c *Condition) Acquire() { c.locker().Acquire() }

// TryAcquire acquires c's lock if it can do so at once, as its TryAcquire
// method does.
//
// Python: threading.Condition.acquire(blocking=False).
func (c *Condition) TryAcquire() bool { return c.locker().TryAcquire() }

// AcquireTimeout acquires c's lock, giving up after d, as its
// AcquireTimeout method does; a negative d panics.
//
// Python: threading.Condition.acquire(timeout=...).
func (c *Condition) AcquireTimeout(d time.Duration) bool { return c.locker().AcquireTimeout(d) }

// AcquireContext acquires c's lock, giving up when ctx is done, as its
// AcquireContext method does.
//
// Python: none (Go only).
func (c *Condition) AcquireContext(ctx context.Context) error {
	return c.locker().AcquireContext(ctx)
}

// Release releases c's lock, as its Release method does, panicking as it
// does when the lock is not held.
//
// Python: threading.Condition.release.
func (c *Condition) Release() { c.locker().Release() }

// Wait releases c's lock, blocks until another goroutine notifies c with
// [Condition.Notify], [Condition.NotifyN] or [Condition.NotifyAll], and
// acquires the lock again before it returns (CV-05). It releases an RLock
// completely, however many times it was acquired, and restores that
// recursion level on return (CV-11).
//
// Wait panics if the calling goroutine does not hold the lock (CV-03).
//
// Python: threading.Condition.wait.
func (c *Condition) Wait() { _ = c.WaitContext(context.Background()) }

// WaitTimeout acts like [Condition.Wait] but gives up after d, reporting
// whether it was notified (CV-06). With d <= 0 it returns false at once,
// without releasing the lock (CV-07); Python releases and re-acquires it,
// to the same effect.
//
// WaitTimeout panics if the calling goroutine does not hold the lock.
//
// Python: threading.Condition.wait(timeout=...).
func (c *Condition) WaitTimeout(d time.Duration) bool {
	if d <= 0 {
		c.mustHold("wait")
		return false
	}
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	return c.WaitContext(ctx) == nil
}

// WaitContext acts like [Condition.Wait] but gives up when ctx is done,
// returning ctx.Err(). The lock is held again when it returns, in every
// case: after ctx ends it may still block until the lock is free, as
// Python's wait(timeout) does. If ctx is already done it returns at once,
// without releasing the lock. A notification that arrives as ctx ends
// wins: WaitContext returns nil.
//
// WaitContext panics if the calling goroutine does not hold the lock.
//
// Python: none (Go only).
func (c *Condition) WaitContext(ctx context.Context) error {
	l := c.mustHold("wait")
	if err := ctx.Err(); err != nil {
		return err
	}
	// Queue before releasing the lock: a notification sent as soon as the
	// lock is free must find this waiter.
	w := waitq.New(struct{}{})
	c.mu.Lock()
	c.waiters.PushBack(w)
	c.mu.Unlock()
	saved := l.releaseSave()
	notified := w.Wait(ctx)
	if !notified {
		c.mu.Lock()
		notified = !c.waiters.Remove(w)
		c.mu.Unlock()
	}
	l.acquireRestore(saved)
	if notified {
		return nil
	}
	return ctx.Err()
}

// WaitFor waits, as [Condition.Wait] does, until pred returns true. It
// calls pred with the lock held, first before waiting at all and then
// after every wake-up. If pred is true at once, WaitFor returns without
// checking the lock (CV-12), as Python does.
//
// WaitFor panics if it must wait and the calling goroutine does not hold
// the lock.
//
// Python: threading.Condition.wait_for.
func (c *Condition) WaitFor(pred func() bool) { _ = c.WaitForContext(context.Background(), pred) }

// WaitForTimeout acts like [Condition.WaitFor] but gives up after d in
// all, however many wake-ups there were. It returns the last value pred
// returned: true as soon as pred holds, false if d ran out first (CV-13).
// Like Python, it calls pred once more when the time is up.
//
// WaitForTimeout panics if it must wait and the calling goroutine does not
// hold the lock.
//
// Python: threading.Condition.wait_for(timeout=...).
func (c *Condition) WaitForTimeout(pred func() bool, d time.Duration) bool {
	if pred() {
		return true
	}
	if d <= 0 {
		c.mustHold("wait")
		return pred()
	}
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	return c.waitFor(ctx, pred) == nil
}

// WaitForContext acts like [Condition.WaitFor] but gives up when ctx is
// done. It returns nil if pred returned true, and ctx.Err() if pred was
// still false when called once more after ctx ended.
//
// WaitForContext panics if it must wait and the calling goroutine does not
// hold the lock.
//
// Python: none (Go only).
func (c *Condition) WaitForContext(ctx context.Context, pred func() bool) error {
	if pred() {
		return nil
	}
	return c.waitFor(ctx, pred)
}

// waitFor is WaitForContext after pred was found false.
func (c *Condition) waitFor(ctx context.Context, pred func() bool) error {
	for {
		err := c.WaitContext(ctx)
		if pred() {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// Notify wakes one goroutine waiting on c, the one that has waited
// longest, if any. The woken goroutine returns from its wait only once it
// has acquired the lock, so not before the caller releases it.
//
// Notify panics if the calling goroutine does not hold the lock (CV-04).
//
// Python: threading.Condition.notify.
func (c *Condition) Notify() { c.NotifyN(1) }

// NotifyN wakes up to n goroutines waiting on c, longest-waiting first
// (CV-08). With n <= 0, or no goroutine waiting, it does nothing but check
// the lock.
//
// NotifyN panics if the calling goroutine does not hold the lock.
//
// Python: threading.Condition.notify(n).
func (c *Condition) NotifyN(n int) {
	c.mustHold("notify")
	c.mu.Lock()
	for ; n > 0; n-- {
		w := c.waiters.PopFront()
		if w == nil {
			break
		}
		w.Wake()
	}
	c.mu.Unlock()
}

// NotifyAll wakes every goroutine waiting on c.
//
// NotifyAll panics if the calling goroutine does not hold the lock.
//
// Python: threading.Condition.notify_all.
func (c *Condition) NotifyAll() {
	c.mustHold("notify")
	c.mu.Lock()
	c.waiters.PopAll(func(w *waitq.Waiter[struct{}]) { w.Wake() })
	c.mu.Unlock()
}

// String returns c in Python's repr form without the address: the lock as
// its own String shows it and the number of waiting goroutines, as in
// "<Condition(<locked thread.RLock owner=18 count=1>, 2)>". Read while
// other goroutines use c, the parts may come from slightly different
// moments.
//
// Python: threading.Condition.__repr__.
func (c *Condition) String() string {
	l := c.locker()
	c.mu.Lock()
	n := c.waiters.Len()
	c.mu.Unlock()
	return fmt.Sprintf("<Condition(%v, %d)>", l, n)
}

// mustHold returns c's lock, panicking as Python does if the calling
// goroutine does not hold it; what is "wait" or "notify".
func (c *Condition) mustHold(what string) Locker {
	l := c.locker()
	if !l.isOwned() {
		panic("thread: cannot " + what + " on un-acquired lock (Python: RuntimeError)")
	}
	return l
}
