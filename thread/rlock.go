package thread

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/pyconc/pyconc/internal/goid"
)

// An RLock is a reentrant lock: the goroutine that holds it may acquire
// it again, and it is free only after as many releases as acquires (RL-02).
// Only the owner may release it (RL-04). The zero value is an unlocked
// RLock. An RLock must not be copied after first use.
//
// The owner is the goroutine, identified as [GetIdent] identifies it: an
// RLock acquired in one goroutine cannot be released by another, even one
// the first started.
//
// Python's `with rlock:` is
//
//	rlock.Acquire()
//	defer rlock.Release()
//
// Python has a C RLock and a pure-Python one that behave alike (RL-01);
// there is one here.
//
// As for [Lock], acquire(False, 1) (RL-08) and a None timeout cannot be
// written in Go; a negative timeout panics. Like Python 3.11's RLock it has
// no Locked method (RL-10).
//
// Python: threading.RLock.
type RLock struct {
	lock  Lock
	owner atomic.Int64 // goroutine ID of the holder, 0 when free
	// depth is the recursion level minus one, written only by the owner
	// and 0 whenever r is free, so that a first acquire and a last
	// release need not touch it.
	depth atomic.Int64
}

// Acquire locks r, blocking until it is free, or adds one level if the
// calling goroutine already holds it.
//
// Python: threading.RLock.acquire.
func (r *RLock) Acquire() { _ = r.AcquireContext(context.Background()) }

// TryAcquire acts like [RLock.Acquire] but never blocks, reporting whether
// it acquired r.
//
// Python: threading.RLock.acquire(blocking=False).
func (r *RLock) TryAcquire() bool {
	me := goid.Current()
	if r.owner.Load() == me {
		r.depth.Add(1)
		return true
	}
	if !r.lock.TryAcquire() {
		return false
	}
	r.owner.Store(me)
	return true
}

// AcquireTimeout acts like [RLock.Acquire] but gives up after d,
// reporting whether it acquired r. A free or already owned lock is
// acquired at once whatever d is; d == 0 makes it [RLock.TryAcquire].
//
// AcquireTimeout panics if d is negative (RL-08).
//
// Python: threading.RLock.acquire(timeout=...).
func (r *RLock) AcquireTimeout(d time.Duration) bool {
	checkTimeout(d)
	if r.TryAcquire() {
		return true
	}
	if d == 0 {
		return false
	}
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	return r.AcquireContext(ctx) == nil
}

// AcquireContext acts like [RLock.Acquire] but gives up when ctx is done,
// returning ctx.Err() without having acquired r. A free or already owned
// lock is acquired, and nil returned, even when ctx is already done.
//
// Python: none (Go only).
func (r *RLock) AcquireContext(ctx context.Context) error {
	me := goid.Current()
	if r.owner.Load() == me {
		r.depth.Add(1)
		return nil
	}
	if err := r.lock.AcquireContext(ctx); err != nil {
		return err
	}
	r.owner.Store(me)
	return nil
}

// Release removes one level of r; the last release unlocks it, waking a
// goroutine blocked acquiring it if there is one.
//
// Release panics if the calling goroutine does not hold r: if r is not
// locked (RL-03) or another goroutine holds it (RL-04).
//
// Python: threading.RLock.release.
func (r *RLock) Release() {
	if r.owner.Load() != goid.Current() {
		panic("thread: cannot release un-acquired lock (Python: RuntimeError)")
	}
	if d := r.depth.Load(); d > 0 {
		r.depth.Store(d - 1)
		return
	}
	r.owner.Store(0)
	r.lock.Release()
}

// String returns r's state as Python's repr shows it, without the
// address (RL-09): "<unlocked thread.RLock owner=0 count=0>" or
// "<locked thread.RLock owner=18 count=2>", where the owner is the
// holder's goroutine ID ([GetIdent]). Read while other goroutines use r,
// the parts may come from slightly different moments.
//
// Python: threading.RLock.__repr__.
func (r *RLock) String() string {
	owner, count := r.owner.Load(), r.depth.Load()+1
	state := "locked"
	if owner == 0 {
		state, count = "unlocked", 0
	}
	return fmt.Sprintf("<%s thread.RLock owner=%d count=%d>", state, owner, count)
}

// isOwned reports whether the calling goroutine holds r (RL-07).
func (r *RLock) isOwned() bool { return r.owner.Load() == goid.Current() }

// recursionCount returns r's recursion level if the calling goroutine
// holds it, else 0 (RL-05).
func (r *RLock) recursionCount() int64 {
	if !r.isOwned() {
		return 0
	}
	return r.depth.Load() + 1
}

// releaseSave releases r completely, whatever its recursion level, and
// returns the level, for [Condition.Wait] to restore (CV-11). The caller
// must hold r.
func (r *RLock) releaseSave() int64 {
	if !r.isOwned() {
		panic("thread: cannot release un-acquired lock (Python: RuntimeError)")
	}
	n := r.depth.Load() + 1
	r.depth.Store(0)
	r.owner.Store(0)
	r.lock.Release()
	return n
}

// acquireRestore blocks until it holds r again, at recursion level n.
func (r *RLock) acquireRestore(n int64) {
	r.lock.Acquire()
	r.depth.Store(n - 1)
	r.owner.Store(goid.Current())
}
