package thread_test

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"

	"github.com/pyconc/pyconc/thread"
)

// rlockTypes are the types CPython runs RLockTests on: RLock, and
// Condition, which is built on an RLock by default (CV-15).
var rlockTypes = []struct {
	name string
	new  func() locker
}{
	{"RLock", func() locker { return new(thread.RLock) }},
	{"Condition", func() locker { return thread.NewCondition(nil) }},
	{"ZeroCondition", func() locker { return new(thread.Condition) }},
	{"ConditionOnRLock", func() locker { return thread.NewCondition(new(thread.RLock)) }},
}

func forEachRLock(t *testing.T, test func(t *testing.T, newLock func() locker)) {
	for _, tc := range rlockTypes {
		t.Run(tc.name, func(t *testing.T) { test(t, tc.new) })
	}
}

const unacquired = "thread: cannot release un-acquired lock (Python: RuntimeError)"

// RL-02; CPython: Lib/test/lock_tests.py RLockTests.test_reacquire
func TestRLockReacquire(t *testing.T) {
	forEachRLock(t, func(t *testing.T, newLock func() locker) {
		l := newLock()
		l.Acquire()
		l.Acquire()
		l.Release()
		l.Acquire()
		l.Release()
		var got bool
		inGoroutine(func() { got = l.TryAcquire() })
		if got {
			t.Errorf("TryAcquire() from another goroutine = true; the lock is still held once")
		}
		l.Release()
		inGoroutine(func() {
			if got = l.TryAcquire(); got {
				l.Release()
			}
		})
		if !got {
			t.Errorf("TryAcquire() from another goroutine = false after as many releases as acquires")
		}
	})
}

// RL-02 for the other acquire forms: each adds a level for the owner at
// once, whatever its timeout or context.
func TestRLockReacquireEveryForm(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var r thread.RLock
		r.Acquire()
		if !r.TryAcquire() {
			t.Error("TryAcquire() by the owner = false")
		}
		if !r.AcquireTimeout(0) {
			t.Error("AcquireTimeout(0) by the owner = false")
		}
		if err := r.AcquireContext(cancelled()); err != nil {
			t.Errorf("AcquireContext(done ctx) by the owner = %v; want nil", err)
		}
		if got := thread.RLockRecursionCount(&r); got != 4 {
			t.Errorf("recursion count = %d; want 4", got)
		}
		for range 4 {
			r.Release()
		}
		mustPanic(t, unacquired, r.Release)
	})
}

// RL-03; CPython: Lib/test/lock_tests.py RLockTests.test_release_unacquired
func TestRLockReleaseUnacquired(t *testing.T) {
	forEachRLock(t, func(t *testing.T, newLock func() locker) {
		l := newLock()
		mustPanic(t, unacquired, l.Release)
		l.Acquire()
		l.Acquire()
		l.Release()
		l.Acquire()
		l.Release()
		l.Release()
		mustPanic(t, unacquired, l.Release)
	})
}

// CPython: Lib/test/lock_tests.py RLockTests.test_release_save_unacquired
func TestRLockReleaseSaveUnacquired(t *testing.T) {
	var r thread.RLock
	mustPanic(t, unacquired, func() { thread.RLockReleaseSave(&r) })
	r.Acquire()
	r.Acquire()
	r.Release()
	r.Acquire()
	r.Release()
	r.Release()
	mustPanic(t, unacquired, func() { thread.RLockReleaseSave(&r) })
}

// RL-04; CPython: Lib/test/lock_tests.py RLockTests.test_different_thread
func TestRLockDifferentGoroutine(t *testing.T) {
	forEachRLock(t, func(t *testing.T, newLock func() locker) {
		l := newLock()
		acquired, finish := make(chan struct{}), make(chan struct{})
		var wg sync.WaitGroup
		wg.Go(func() {
			l.Acquire()
			close(acquired)
			<-finish
			l.Release()
		})
		<-acquired
		mustPanic(t, unacquired, l.Release)
		close(finish)
		wg.Wait()
	})
}

// RL-04: a release by a goroutine that does not own the lock changes
// nothing: the owner keeps its recursion level, and nobody else can take
// the lock until the owner has released every level.
func TestRLockNonOwnerReleaseChangesNothing(t *testing.T) {
	var r thread.RLock
	r.Acquire()
	r.Acquire()
	var taken bool
	inGoroutine(func() {
		mustPanic(t, unacquired, r.Release)
		taken = r.TryAcquire()
	})
	if taken {
		t.Fatal("another goroutine took the RLock after its failed Release")
	}
	if got := thread.RLockRecursionCount(&r); got != 2 {
		t.Errorf("owner's recursion count = %d after a non-owner's Release; want 2", got)
	}
	r.Release()
	r.Release()
	inGoroutine(func() {
		if taken = r.TryAcquire(); taken {
			r.Release()
		}
	})
	if !taken {
		t.Error("the RLock is not free after the owner's releases")
	}
}

// RL-05; CPython: Lib/test/lock_tests.py RLockTests.test_recursion_count
func TestRLockRecursionCount(t *testing.T) {
	var r thread.RLock
	var got []int64
	count := func() { got = append(got, thread.RLockRecursionCount(&r)) }
	count()
	r.Acquire()
	count()
	r.Acquire()
	r.Acquire()
	count()
	r.Release()
	count()
	var other int64
	inGoroutine(func() { other = thread.RLockRecursionCount(&r) })
	r.Release()
	r.Release()
	count()
	if want := []int64{0, 1, 3, 2, 0}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("recursion counts = %v; want %v", got, want)
	}
	if other != 0 {
		t.Errorf("recursion count seen by another goroutine = %d; want 0", other)
	}
}

// RL-07; CPython: Lib/test/lock_tests.py RLockTests.test__is_owned
func TestRLockIsOwned(t *testing.T) {
	var r thread.RLock
	if thread.RLockIsOwned(&r) {
		t.Error("isOwned() = true before Acquire")
	}
	r.Acquire()
	if !thread.RLockIsOwned(&r) {
		t.Error("isOwned() = false after Acquire")
	}
	r.Acquire()
	if !thread.RLockIsOwned(&r) {
		t.Error("isOwned() = false after a second Acquire")
	}
	var other bool
	inGoroutine(func() { other = thread.RLockIsOwned(&r) })
	if other {
		t.Error("isOwned() in another goroutine = true")
	}
	r.Release()
	if !thread.RLockIsOwned(&r) {
		t.Error("isOwned() = false with one level left")
	}
	r.Release()
	if thread.RLockIsOwned(&r) {
		t.Error("isOwned() = true after the last Release")
	}
}

// RL-09; CPython: Lib/test/lock_tests.py BaseLockTests.test_repr,
// BaseLockTests.test_locked_repr
func TestRLockString(t *testing.T) {
	var r thread.RLock
	if got, want := r.String(), "<unlocked thread.RLock owner=0 count=0>"; got != want {
		t.Errorf("String() = %q; want %q", got, want)
	}
	r.Acquire()
	r.Acquire()
	want := fmt.Sprintf("<locked thread.RLock owner=%d count=2>", thread.GetIdent())
	if got := r.String(); got != want {
		t.Errorf("String() = %q; want %q", got, want)
	}
	var other string
	inGoroutine(func() { other = r.String() })
	if other != want {
		t.Errorf("String() from another goroutine = %q; want %q", other, want)
	}
	r.Release()
	r.Release()
	if got, want := r.String(), "<unlocked thread.RLock owner=0 count=0>"; got != want {
		t.Errorf("String() = %q; want %q", got, want)
	}
}

// RL-10: Python 3.11's RLock has no locked() method, and neither has
// RLock.
func TestRLockHasNoLocked(t *testing.T) {
	if _, ok := any(new(thread.RLock)).(interface{ Locked() bool }); ok {
		t.Error("RLock has a Locked method; Python 3.11's RLock has none")
	}
}

// TestRLockContended has goroutines take the lock three levels deep,
// through every acquire form, and checks mutual exclusion and the count.
func TestRLockContended(t *testing.T) {
	forEachRLock(t, func(t *testing.T, newLock func() locker) {
		l := newLock()
		var inside atomic.Int32
		n := 0 // guarded by l
		const goroutines, rounds = 6, 500
		var wg sync.WaitGroup
		for range goroutines {
			wg.Go(func() {
				for i := range rounds {
					switch i % 3 {
					case 0:
						l.Acquire()
					case 1:
						for !l.TryAcquire() {
							runtime.Gosched()
						}
					case 2:
						if err := l.AcquireContext(t.Context()); err != nil {
							t.Error(err)
							return
						}
					}
					l.Acquire()
					if !l.TryAcquire() {
						t.Error("TryAcquire() by the owner = false")
					}
					if inside.Add(1) != 1 {
						t.Error("two goroutines hold the lock at once")
					}
					n++
					inside.Add(-1)
					l.Release()
					l.Release()
					l.Release()
				}
			})
		}
		wg.Wait()
		if n != goroutines*rounds {
			t.Errorf("n = %d; want %d", n, goroutines*rounds)
		}
	})
}
