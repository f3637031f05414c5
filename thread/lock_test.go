package thread_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/pyconc/pyconc/thread"
)

// cancelled returns a context that is already done.
func cancelled() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}

// locker is what CPython's BaseLockTests need of a lock.
type locker interface {
	Acquire()
	TryAcquire() bool
	AcquireTimeout(time.Duration) bool
	AcquireContext(context.Context) error
	Release()
}

// baseLockTypes are the types CPython runs BaseLockTests on: Lock, RLock,
// and Condition, which passes the lock suites of the lock it is built on
// (CV-15).
var baseLockTypes = []struct {
	name string
	new  func() locker
}{
	{"Lock", func() locker { return new(thread.Lock) }},
	{"RLock", func() locker { return new(thread.RLock) }},
	{"Condition", func() locker { return thread.NewCondition(nil) }},
	{"ZeroCondition", func() locker { return new(thread.Condition) }},
	{"ConditionOnLock", func() locker { return thread.NewCondition(new(thread.Lock)) }},
}

// forEachLock runs test as a subtest for every type in baseLockTypes.
func forEachLock(t *testing.T, test func(t *testing.T, newLock func() locker)) {
	for _, tc := range baseLockTypes {
		t.Run(tc.name, func(t *testing.T) { test(t, tc.new) })
	}
}

// inGoroutine runs f in a new goroutine and waits for it: CPython's
// Bunch(f, 1).wait_for_finished().
func inGoroutine(f func()) {
	var wg sync.WaitGroup
	wg.Go(f)
	wg.Wait()
}

// CPython: Lib/test/lock_tests.py BaseLockTests.test_acquire_release
func TestBaseLockAcquireRelease(t *testing.T) {
	forEachLock(t, func(t *testing.T, newLock func() locker) {
		l := newLock()
		l.Acquire()
		l.Release()
		l.Acquire()
		l.Release()
	})
}

// LK-02; CPython: Lib/test/lock_tests.py BaseLockTests.test_try_acquire,
// BaseLockTests.test_try_acquire_contended. RL-06 for RLock.
func TestBaseLockTryAcquire(t *testing.T) {
	forEachLock(t, func(t *testing.T, newLock func() locker) {
		l := newLock()
		if got := l.TryAcquire(); !got {
			t.Fatalf("TryAcquire() on a free lock = %v; want true", got)
		}
		var got bool
		inGoroutine(func() { got = l.TryAcquire() })
		if got {
			t.Errorf("TryAcquire() from another goroutine while held = %v; want false", got)
		}
		l.Release()
		inGoroutine(func() {
			got = l.TryAcquire()
			if got {
				l.Release()
			}
		})
		if !got {
			t.Errorf("TryAcquire() from another goroutine after Release = %v; want true", got)
		}
	})
}

// LK-15; CPython: Lib/test/lock_tests.py BaseLockTests.test_acquire_contended
func TestBaseLockAcquireContended(t *testing.T) {
	forEachLock(t, func(t *testing.T, newLock func() locker) {
		synctest.Test(t, func(t *testing.T) {
			l := newLock()
			l.Acquire()
			const n = 5
			var finished atomic.Int32
			var wg sync.WaitGroup
			for range n {
				wg.Go(func() {
					l.Acquire()
					l.Release()
					finished.Add(1)
				})
			}
			synctest.Wait() // all five are blocked in Acquire
			if got := finished.Load(); got != 0 {
				t.Fatalf("%d goroutines finished while the lock was held; want 0", got)
			}
			l.Release()
			wg.Wait()
			if got := finished.Load(); got != n {
				t.Errorf("%d goroutines finished; want %d", got, n)
			}
		})
	})
}

// CPython: Lib/test/lock_tests.py BaseLockTests.test_thread_leak. Using a
// lock from goroutines pyconc did not start does not make them dummy
// threads: Enumerate does not list them, even while they still run (after
// they end, pruning would hide a leak).
func TestBaseLockThreadLeak(t *testing.T) {
	forEachLock(t, func(t *testing.T, newLock func() locker) {
		l := newLock()
		const n = 15
		release := make(chan struct{})
		idents := make(chan int64, n)
		var wg sync.WaitGroup
		for range n {
			wg.Go(func() {
				l.Acquire()
				l.Release()
				if l.TryAcquire() {
					l.Release()
				}
				idents <- thread.GetIdent()
				<-release
			})
		}
		mine := make(map[int64]bool)
		for range n {
			mine[<-idents] = true
		}
		for _, th := range thread.Enumerate() {
			if mine[th.Ident()] {
				t.Errorf("%v is listed: using the lock registered a thread", th)
			}
		}
		close(release)
		wg.Wait()
	})
}

// AcquireContext with a done context takes a lock that is free while a
// Release's wake-up is still on its way to a parked goroutine, as it takes
// any free lock. Before the fix it returned ctx.Err() in that window:
// the state word was not 0, and the slow path checked ctx first.
func TestLockAcquireContextFreeWhileWakePending(t *testing.T) {
	var l thread.Lock
	thread.LockWakePending(&l)
	if l.Locked() {
		t.Fatal("the lock is locked; want free with a wake-up pending")
	}
	if err := l.AcquireContext(cancelled()); err != nil {
		t.Fatalf("AcquireContext(done ctx) on a free lock = %v; want nil", err)
	}
	if !l.Locked() {
		t.Error("AcquireContext returned nil without locking")
	}
	var r thread.RLock
	thread.LockWakePending(thread.RLockLock(&r))
	if err := r.AcquireContext(cancelled()); err != nil {
		t.Fatalf("RLock.AcquireContext(done ctx) on a free lock = %v; want nil", err)
	}
	if got := thread.RLockRecursionCount(&r); got != 1 {
		t.Errorf("recursion count = %d; want 1", got)
	}
}

// LK-13; CPython: Lib/test/lock_tests.py BaseLockTests.test_with. Python's
// `with lock:` is Acquire and a deferred Release, which also runs when the
// body panics; the panic goes on.
func TestBaseLockWith(t *testing.T) {
	forEachLock(t, func(t *testing.T, newLock func() locker) {
		l := newLock()
		with := func(err error) {
			l.Acquire()
			defer l.Release()
			if err != nil {
				panic(err)
			}
		}
		check := func() {
			t.Helper()
			var got bool
			inGoroutine(func() {
				if got = l.TryAcquire(); got {
					l.Release()
				}
			})
			if !got {
				t.Errorf("lock still held after the with block")
			}
		}
		with(nil)
		check()
		boom := errors.New("TypeError")
		func() {
			defer func() {
				if r := recover(); r != boom {
					t.Errorf("recover() = %v; want the body's panic %v", r, boom)
				}
			}()
			with(boom)
		}()
		check()
	})
}

// LK-03, LK-06, LK-07, RL-06, RL-08; CPython: Lib/test/lock_tests.py
// BaseLockTests.test_timeout
func TestBaseLockTimeout(t *testing.T) {
	forEachLock(t, func(t *testing.T, newLock func() locker) {
		synctest.Test(t, func(t *testing.T) {
			l := newLock()
			const negative = "thread: timeout value must be positive (Python: ValueError)"
			mustPanic(t, negative, func() { l.AcquireTimeout(-100 * time.Second) })
			mustPanic(t, negative, func() { l.AcquireTimeout(-1) })
			if !l.AcquireTimeout(thread.TimeoutMax) {
				t.Fatal("AcquireTimeout(TimeoutMax) on a free lock = false; want true")
			}
			l.Release()

			start := time.Now()
			if !l.AcquireTimeout(5 * time.Second) {
				t.Fatal("AcquireTimeout(5s) on a free lock = false; want true")
			}
			if d := time.Since(start); d != 0 {
				t.Errorf("AcquireTimeout(5s) on a free lock took %v; want 0", d)
			}
			var got bool
			var took time.Duration
			inGoroutine(func() {
				start := time.Now()
				got = l.AcquireTimeout(500 * time.Millisecond)
				took = time.Since(start)
			})
			if got || took != 500*time.Millisecond {
				t.Errorf("AcquireTimeout(500ms) on a held lock = %v after %v; want false after 500ms", got, took)
			}
			l.Release()
		})
	})
}

// LK-04: a zero timeout is a non-blocking try.
func TestBaseLockZeroTimeout(t *testing.T) {
	forEachLock(t, func(t *testing.T, newLock func() locker) {
		synctest.Test(t, func(t *testing.T) {
			l := newLock()
			if !l.AcquireTimeout(0) {
				t.Fatal("AcquireTimeout(0) on a free lock = false; want true")
			}
			var got bool
			start := time.Now()
			inGoroutine(func() { got = l.AcquireTimeout(0) })
			if got || time.Since(start) != 0 {
				t.Errorf("AcquireTimeout(0) on a held lock = %v after %v; want false at once", got, time.Since(start))
			}
			l.Release()
		})
	})
}

// AcquireContext: a free lock is taken even with a done context; a held
// one is not, and a wait that is cancelled leaves the lock as it was.
func TestBaseLockAcquireContext(t *testing.T) {
	forEachLock(t, func(t *testing.T, newLock func() locker) {
		synctest.Test(t, func(t *testing.T) {
			l := newLock()
			done, cancel := context.WithCancel(context.Background())
			cancel()
			if err := l.AcquireContext(done); err != nil {
				t.Fatalf("AcquireContext(done ctx) on a free lock = %v; want nil", err)
			}
			var err error
			inGoroutine(func() { err = l.AcquireContext(done) })
			if err != context.Canceled {
				t.Errorf("AcquireContext(done ctx) on a held lock = %v; want %v", err, context.Canceled)
			}

			ctx, cancel := context.WithCancel(context.Background())
			errc := make(chan error)
			go func() { errc <- l.AcquireContext(ctx) }()
			synctest.Wait()
			cancel()
			if err := <-errc; err != context.Canceled {
				t.Errorf("AcquireContext cancelled while waiting = %v; want %v", err, context.Canceled)
			}
			ctx, cancel = context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			start := time.Now()
			go func() { errc <- l.AcquireContext(ctx) }()
			if err := <-errc; err != context.DeadlineExceeded || time.Since(start) != time.Second {
				t.Errorf("AcquireContext(1s deadline) = %v after %v; want %v after 1s", err, time.Since(start), context.DeadlineExceeded)
			}
			l.Release()
			inGoroutine(func() {
				if !l.TryAcquire() {
					t.Error("lock not free after its waiters gave up")
					return
				}
				l.Release()
			})
		})
	})
}

// LK-09; CPython: Lib/test/test_threading.py
// ThreadingExceptionTests.test_releasing_unacquired_lock
func TestLockReleaseUnlocked(t *testing.T) {
	const want = "thread: release unlocked lock (Python: RuntimeError)"
	var l thread.Lock
	mustPanic(t, want, l.Release)
	l.Acquire()
	l.Release()
	mustPanic(t, want, l.Release)
	if !thread.LockQuiet(&l) {
		t.Error("a failed Release changed the lock's state")
	}
}

// LK-10; CPython: Lib/test/lock_tests.py LockTests.test_different_thread
func TestLockDifferentGoroutine(t *testing.T) {
	var l thread.Lock
	l.Acquire()
	inGoroutine(l.Release)
	l.Acquire()
	l.Release()
}

// LK-11; CPython: Lib/test/lock_tests.py LockTests.test_reacquire
func TestLockReacquire(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var l thread.Lock
		var phase atomic.Int32
		go func() {
			l.Acquire()
			phase.Add(1)
			l.Acquire() // not reentrant: blocks until someone releases
			phase.Add(1)
		}()
		synctest.Wait()
		if got := phase.Load(); got != 1 {
			t.Fatalf("phase = %d; want 1: the second Acquire did not block", got)
		}
		l.Release()
		synctest.Wait()
		if got := phase.Load(); got != 2 {
			t.Fatalf("phase = %d; want 2 after Release", got)
		}
		l.Release()
	})
}

// LK-12; CPython: Lib/test/lock_tests.py LockTests.test_state_after_timeout
func TestLockStateAfterTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var l thread.Lock
		l.Acquire()
		if got := l.AcquireTimeout(10 * time.Millisecond); got {
			t.Fatalf("AcquireTimeout(10ms) = %v; want false", got)
		}
		if !l.Locked() {
			t.Errorf("Locked() = false while held")
		}
		l.Release()
		if l.Locked() {
			t.Errorf("Locked() = true after Release")
		}
		if !l.TryAcquire() {
			t.Errorf("TryAcquire() = false after Release")
		}
		l.Release()
		if !thread.LockQuiet(&l) {
			t.Errorf("lock not quiet after a timed-out acquire")
		}
	})
}

// LK-14; CPython: Lib/test/lock_tests.py BaseLockTests.test_repr,
// BaseLockTests.test_locked_repr
func TestLockString(t *testing.T) {
	var l thread.Lock
	if got, want := l.String(), "<unlocked thread.Lock>"; got != want {
		t.Errorf("String() = %q; want %q", got, want)
	}
	l.Acquire()
	if got, want := fmt.Sprint(&l), "<locked thread.Lock>"; got != want {
		t.Errorf("String() = %q; want %q", got, want)
	}
	l.Release()
}

// MF-08, LK-07: TIMEOUT_MAX is 9223372036.0 seconds on 64-bit Linux; the
// largest Duration is as many whole seconds.
func TestTimeoutMax(t *testing.T) {
	if got := int64(thread.TimeoutMax / time.Second); got != 9223372036 {
		t.Errorf("TimeoutMax = %d whole seconds; want 9223372036", got)
	}
}

// TestLockMutualExclusion runs every acquire form at once on one lock and
// checks that no two goroutines are ever inside together and that every
// successful acquire was counted.
func TestLockMutualExclusion(t *testing.T) {
	var l thread.Lock
	var inside atomic.Int32
	var count, succeeded atomic.Int64
	n := 0 // guarded by l
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(g), 1))
			for range 2000 {
				ok := true
				switch r.IntN(4) {
				case 0:
					l.Acquire()
				case 1:
					ok = l.TryAcquire()
				case 2:
					ok = l.AcquireTimeout(time.Duration(r.IntN(20)) * time.Microsecond)
				case 3:
					ctx, cancel := context.WithCancel(context.Background())
					if r.IntN(2) == 0 {
						cancel() // often ends while waiting or just woken
					} else {
						go cancel()
					}
					ok = l.AcquireContext(ctx) == nil
					cancel()
				}
				if !ok {
					continue
				}
				if inside.Add(1) != 1 {
					t.Error("two goroutines hold the lock at once")
				}
				n++
				succeeded.Add(1)
				inside.Add(-1)
				l.Release()
				count.Add(1)
			}
		})
	}
	wg.Wait()
	if int64(n) != succeeded.Load() {
		t.Errorf("n = %d; want %d", n, succeeded.Load())
	}
	if !thread.LockQuiet(&l) {
		t.Errorf("lock not quiet at the end: %v", &l)
	}
}

// TestLockCancelRacesRelease makes a waiter give up exactly as a Release
// wakes it: the wake-up must pass to the goroutine queued behind it.
func TestLockCancelRacesRelease(t *testing.T) {
	for i := range 300 {
		synctest.Test(t, func(t *testing.T) {
			var l thread.Lock
			l.Acquire()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			first := make(chan error)
			go func() { first <- l.AcquireContext(ctx) }()
			synctest.Wait()
			second := make(chan struct{})
			go func() { l.Acquire(); close(second) }()
			synctest.Wait()
			switch i % 3 {
			case 0: // woken by cancel, then by Release before it runs
				cancel()
				l.Release()
			case 1:
				l.Release()
				cancel()
			case 2:
				go cancel()
				l.Release()
			}
			if err := <-first; err == nil {
				l.Release()
			}
			<-second // a deadlock here fails the bubble
			l.Release()
			synctest.Wait()
			if !thread.LockQuiet(&l) {
				t.Errorf("lock not quiet at the end")
			}
		})
	}
}

// TestLockTimeoutRacesRelease releases the lock at the very instant a
// waiter's timeout ends. Either the waiter got the lock or the lock is
// free: never both, never neither.
func TestLockTimeoutRacesRelease(t *testing.T) {
	for range 300 {
		synctest.Test(t, func(t *testing.T) {
			var l thread.Lock
			l.Acquire()
			got := make(chan bool)
			go func() { got <- l.AcquireTimeout(time.Second) }()
			others := make(chan struct{})
			go func() { l.Acquire(); l.Release(); close(others) }()
			time.Sleep(time.Second)
			l.Release()
			if <-got {
				l.Release()
			}
			<-others
			synctest.Wait()
			if !thread.LockQuiet(&l) {
				t.Errorf("lock not quiet at the end")
			}
		})
	}
}

// TestLockManyWaitersGiveUp parks many goroutines, lets half of them time
// out or be cancelled while releases go on, and checks that the rest all
// get the lock.
func TestLockManyWaitersGiveUp(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var l thread.Lock
		l.Acquire()
		ctx, cancel := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		var got atomic.Int32
		for i := range 40 {
			wg.Go(func() {
				var ok bool
				switch i % 4 {
				case 0:
					ok = l.AcquireContext(ctx) == nil
				case 1:
					ok = l.AcquireTimeout(time.Duration(i) * time.Millisecond)
				default:
					l.Acquire()
					ok = true
				}
				if ok {
					got.Add(1)
					time.Sleep(time.Millisecond)
					l.Release()
				}
			})
		}
		synctest.Wait()
		if got := thread.LockParked(&l); got != 40 {
			t.Errorf("%d goroutines parked; want 40", got)
		}
		go cancel()
		l.Release()
		wg.Wait()
		if got.Load() < 20 {
			t.Errorf("%d goroutines got the lock; want at least the 20 that never give up", got.Load())
		}
		if !thread.LockQuiet(&l) {
			t.Errorf("lock not quiet at the end")
		}
	})
}

// TestLockTimeoutsCoincide has goroutines hold the lock for whole
// milliseconds and wait for it with timeouts of whole milliseconds, so
// that timeouts keep ending at the very instants of releases.
func TestLockTimeoutsCoincide(t *testing.T) {
	for round := range 10 {
		synctest.Test(t, func(t *testing.T) {
			var l thread.Lock
			var inside atomic.Int32
			var wg sync.WaitGroup
			for g := range 10 {
				wg.Go(func() {
					r := rand.New(rand.NewPCG(uint64(round), uint64(g)))
					for range 40 {
						if !l.AcquireTimeout(time.Duration(1+r.IntN(3)) * time.Millisecond) {
							continue
						}
						if inside.Add(1) != 1 {
							t.Error("two goroutines hold the lock at once")
						}
						time.Sleep(time.Duration(r.IntN(2)) * time.Millisecond)
						inside.Add(-1)
						l.Release()
					}
				})
			}
			wg.Wait()
			if !thread.LockQuiet(&l) {
				t.Errorf("lock not quiet at the end")
			}
		})
	}
}

// A timeout as long as TimeoutMax works as a very long wait.
func TestLockTimeoutMaxWaits(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var l thread.Lock
		l.Acquire()
		got := make(chan bool)
		go func() { got <- l.AcquireTimeout(thread.TimeoutMax) }()
		time.Sleep(time.Hour)
		l.Release()
		if !<-got {
			t.Error("AcquireTimeout(TimeoutMax) = false; want true once released")
		}
		l.Release()
	})
}

// contend runs two goroutines doing b.N locked increments each and
// reports the time per increment.
func contend(b *testing.B, lock, unlock func()) {
	n := 0
	var wg sync.WaitGroup
	b.ResetTimer()
	for range 2 {
		wg.Go(func() {
			for range b.N {
				lock()
				n++
				unlock()
			}
		})
	}
	wg.Wait()
	b.StopTimer()
	if n != 2*b.N {
		b.Fatalf("n = %d; want %d", n, 2*b.N)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(2*b.N), "ns/inc")
}

// BenchmarkLockUncontended is one Acquire and Release by one goroutine.
func BenchmarkLockUncontended(b *testing.B) {
	var l thread.Lock
	for b.Loop() {
		l.Acquire()
		l.Release()
	}
}

// BenchmarkMutexUncontended is BenchmarkLockUncontended for sync.Mutex.
func BenchmarkMutexUncontended(b *testing.B) {
	var mu sync.Mutex
	for b.Loop() {
		mu.Lock()
		//lint:ignore SA2001 the bare cost of a lock and unlock is the point
		mu.Unlock()
	}
}

// BenchmarkLockContended is two goroutines incrementing a counter under
// one Lock, as the seeds' lock counter does.
func BenchmarkLockContended(b *testing.B) {
	var l thread.Lock
	contend(b, l.Acquire, l.Release)
}

// BenchmarkMutexContended is BenchmarkLockContended for sync.Mutex.
func BenchmarkMutexContended(b *testing.B) {
	var mu sync.Mutex
	contend(b, mu.Lock, mu.Unlock)
}

// BenchmarkRLockUncontended is one Acquire and Release of an RLock.
func BenchmarkRLockUncontended(b *testing.B) {
	var l thread.RLock
	for b.Loop() {
		l.Acquire()
		l.Release()
	}
}

// BenchmarkRLockContended is BenchmarkLockContended for an RLock.
func BenchmarkRLockContended(b *testing.B) {
	var l thread.RLock
	contend(b, l.Acquire, l.Release)
}
