package thread_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pyconc/pyconc/thread"
)

// semaphoreTypes are the types CPython runs BaseSemaphoreTests on. Each
// constructor returns the *Semaphore to test (a BoundedSemaphore's
// embedded one keeps its bound).
var semaphoreTypes = []struct {
	name string
	new  func(value int) *thread.Semaphore
}{
	{"Semaphore", thread.NewSemaphore},
	{"BoundedSemaphore", func(value int) *thread.Semaphore { return &thread.NewBoundedSemaphore(value).Semaphore }},
}

func forEachSemaphore(t *testing.T, test func(t *testing.T, newSem func(int) *thread.Semaphore)) {
	for _, tc := range semaphoreTypes {
		t.Run(tc.name, func(t *testing.T) { test(t, tc.new) })
	}
}

// SM-01; CPython: Lib/test/lock_tests.py BaseSemaphoreTests.test_constructor
func TestSemaphoreConstructor(t *testing.T) {
	const want = "thread: semaphore initial value must be >= 0 (Python: ValueError)"
	forEachSemaphore(t, func(t *testing.T, newSem func(int) *thread.Semaphore) {
		mustPanic(t, want, func() { newSem(-1) })
		mustPanic(t, want, func() { newSem(-int(^uint(0) >> 1)) })
	})
}

// SM-03; CPython: Lib/test/lock_tests.py BaseSemaphoreTests.test_acquire,
// BaseSemaphoreTests.test_try_acquire
func TestSemaphoreAcquire(t *testing.T) {
	forEachSemaphore(t, func(t *testing.T, newSem func(int) *thread.Semaphore) {
		s := newSem(1)
		s.Acquire()
		s.Release()
		s = newSem(2)
		s.Acquire()
		s.Acquire()
		s.Release()
		s.Release()

		s = newSem(2)
		var got []bool
		got = append(got, s.TryAcquire(), s.TryAcquire(), s.TryAcquire())
		s.Release()
		got = append(got, s.TryAcquire())
		if diff := cmp.Diff([]bool{true, true, false, true}, got); diff != "" {
			t.Errorf("TryAcquire results (-want +got):\n%s", diff)
		}
	})
}

// SM-02; CPython: Lib/test/lock_tests.py BaseSemaphoreTests.test_default_value.
// Go has no default arguments: Python's Semaphore() is NewSemaphore(1).
func TestSemaphoreDefaultValue(t *testing.T) {
	forEachSemaphore(t, func(t *testing.T, newSem func(int) *thread.Semaphore) {
		synctest.Test(t, func(t *testing.T) {
			s := newSem(1)
			s.Acquire()
			var finished atomic.Bool
			go func() {
				s.Acquire()
				s.Release()
				finished.Store(true)
			}()
			synctest.Wait()
			if finished.Load() {
				t.Fatal("a second Acquire of a semaphore of 1 did not block")
			}
			s.Release()
			synctest.Wait()
			if !finished.Load() {
				t.Fatal("Acquire still blocked after Release")
			}
		})
	})
}

// The zero Semaphore has a counter of 0.
func TestSemaphoreZeroValue(t *testing.T) {
	var s thread.Semaphore
	if s.TryAcquire() {
		t.Error("TryAcquire() on a zero Semaphore = true; want false")
	}
	s.Release()
	if !s.TryAcquire() {
		t.Error("TryAcquire() after Release = false; want true")
	}
}

// SM-04; CPython: Lib/test/lock_tests.py BaseSemaphoreTests.test_acquire_timeout
func TestSemaphoreAcquireTimeout(t *testing.T) {
	forEachSemaphore(t, func(t *testing.T, newSem func(int) *thread.Semaphore) {
		synctest.Test(t, func(t *testing.T) {
			s := newSem(2)
			var got []bool
			got = append(got, s.AcquireTimeout(5*time.Millisecond), s.AcquireTimeout(5*time.Millisecond),
				s.AcquireTimeout(5*time.Millisecond))
			s.Release()
			got = append(got, s.AcquireTimeout(5*time.Millisecond))
			if diff := cmp.Diff([]bool{true, true, false, true}, got); diff != "" {
				t.Errorf("AcquireTimeout results (-want +got):\n%s", diff)
			}
			start := time.Now()
			if s.AcquireTimeout(500 * time.Millisecond) {
				t.Error("AcquireTimeout(500ms) at 0 = true")
			}
			if took := time.Since(start); took != 500*time.Millisecond {
				t.Errorf("AcquireTimeout(500ms) took %v; want 500ms", took)
			}
		})
	})
}

// SM-05: a timeout <= 0 is a non-blocking try, not an error.
func TestSemaphoreNonPositiveTimeout(t *testing.T) {
	forEachSemaphore(t, func(t *testing.T, newSem func(int) *thread.Semaphore) {
		synctest.Test(t, func(t *testing.T) {
			s := newSem(1)
			if !s.AcquireTimeout(-time.Second) {
				t.Error("AcquireTimeout(-1s) at 1 = false; want true")
			}
			start := time.Now()
			if s.AcquireTimeout(0) || s.AcquireTimeout(-time.Second) {
				t.Error("AcquireTimeout(<= 0) at 0 = true; want false")
			}
			if took := time.Since(start); took != 0 {
				t.Errorf("AcquireTimeout(<= 0) took %v; want 0", took)
			}
		})
	})
}

// AcquireContext takes a free permit even with a done context; at 0 it
// returns ctx.Err() and leaves the counter unchanged.
func TestSemaphoreAcquireContext(t *testing.T) {
	forEachSemaphore(t, func(t *testing.T, newSem func(int) *thread.Semaphore) {
		synctest.Test(t, func(t *testing.T) {
			s := newSem(1)
			if err := s.AcquireContext(cancelled()); err != nil {
				t.Fatalf("AcquireContext(done ctx) at 1 = %v; want nil", err)
			}
			if err := s.AcquireContext(cancelled()); err != context.Canceled {
				t.Errorf("AcquireContext(done ctx) at 0 = %v; want %v", err, context.Canceled)
			}
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			start := time.Now()
			if err := s.AcquireContext(ctx); err != context.DeadlineExceeded || time.Since(start) != time.Second {
				t.Errorf("AcquireContext(1s) at 0 = %v after %v; want %v after 1s", err, time.Since(start), context.DeadlineExceeded)
			}
			if got := s.Value(); got != 0 {
				t.Errorf("Value() = %d after failed acquires; want 0", got)
			}
			if got := thread.SemaphoreWaiters(s); got != 0 {
				t.Errorf("%d waiters left; want 0", got)
			}
		})
	})
}

// SM-06; CPython: Lib/test/lock_tests.py SemaphoreTests.test_release_unacquired
func TestSemaphoreReleaseUnacquired(t *testing.T) {
	s := thread.NewSemaphore(2)
	s.Release()
	s.Release()
	if got := s.Value(); got != 4 {
		t.Errorf("Value() = %d; want 4", got)
	}
	s.Acquire()
	s.Acquire()
	s.Release()
}

// SM-08; CPython: Lib/test/lock_tests.py BoundedSemaphoreTests.test_release_unacquired,
// Lib/test/test_threading.py ThreadTests.test_BoundedSemaphore_limit
func TestBoundedSemaphoreReleaseUnacquired(t *testing.T) {
	const want = "thread: Semaphore released too many times (Python: ValueError)"
	s := thread.NewBoundedSemaphore(1)
	mustPanic(t, want, s.Release)
	s.Acquire()
	s.Release()
	mustPanic(t, want, s.Release)
	mustPanic(t, want, s.Semaphore.Release) // the embedded Semaphore keeps the bound
	for limit := range 4 {
		bs := thread.NewBoundedSemaphore(limit)
		var wg sync.WaitGroup
		for range limit {
			wg.Go(bs.Acquire)
		}
		wg.Wait()
		for range limit {
			wg.Go(bs.Release)
		}
		wg.Wait()
		mustPanic(t, want, bs.Release)
	}
}

// SM-08: the zero BoundedSemaphore is Python's BoundedSemaphore(0), whose
// every release raises; once it has been used as a BoundedSemaphore, its
// embedded Semaphore keeps the bound too.
func TestBoundedSemaphoreZeroValue(t *testing.T) {
	const want = "thread: Semaphore released too many times (Python: ValueError)"
	var b thread.BoundedSemaphore
	mustPanic(t, want, b.Release)
	mustPanic(t, want, func() { b.ReleaseN(1) })
	mustPanic(t, want, b.Semaphore.Release)
	if b.TryAcquire() {
		t.Error("TryAcquire() on a zero BoundedSemaphore = true; want false")
	}
	if got, want := b.String(), "<thread.BoundedSemaphore value=0/0>"; got != want {
		t.Errorf("String() = %q; want %q", got, want)
	}
}

// SM-07, SM-09: ReleaseN(n) with fewer than n goroutines waiting wakes
// them all and adds the rest to the counter; a BoundedSemaphore counts the
// permits handed to waiters against its bound.
func TestSemaphoreReleaseNSurplus(t *testing.T) {
	forEachSemaphore(t, func(t *testing.T, newSem func(int) *thread.Semaphore) {
		synctest.Test(t, func(t *testing.T) {
			s := newSem(3)
			for range 3 {
				s.Acquire()
			}
			var woken atomic.Int32
			var wg sync.WaitGroup
			for range 2 {
				wg.Go(func() {
					s.Acquire()
					woken.Add(1)
				})
			}
			synctest.Wait()
			s.ReleaseN(3)
			wg.Wait()
			if got, v := woken.Load(), s.Value(); got != 2 || v != 1 {
				t.Errorf("after ReleaseN(3) with 2 waiting: %d woken, Value() = %d; want 2, 1", got, v)
			}
		})
	})
	synctest.Test(t, func(t *testing.T) {
		b := thread.NewBoundedSemaphore(3)
		for range 3 {
			b.Acquire()
		}
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(b.Acquire)
		}
		synctest.Wait()
		b.ReleaseN(3) // two to the waiters, one to the counter
		wg.Wait()
		// The two woken goroutines hold their permits: releasing three
		// would exceed the bound.
		mustPanic(t, "thread: Semaphore released too many times (Python: ValueError)", func() { b.ReleaseN(3) })
		b.ReleaseN(2)
		if got := b.Value(); got != 3 {
			t.Errorf("Value() = %d; want 3", got)
		}
	})
}

// SM-07; CPython: Lib/test/lock_tests.py BaseSemaphoreTests.test_multirelease
func TestSemaphoreMultiRelease(t *testing.T) {
	forEachSemaphore(t, func(t *testing.T, newSem func(int) *thread.Semaphore) {
		synctest.Test(t, func(t *testing.T) {
			contended(t, newSem(7), func(s *thread.Semaphore, n int) { s.ReleaseN(n) })
		})
	})
	const want = "thread: n must be one or more (Python: ValueError)"
	forEachSemaphore(t, func(t *testing.T, newSem func(int) *thread.Semaphore) {
		s := newSem(1)
		mustPanic(t, want, func() { s.ReleaseN(0) })
		mustPanic(t, want, func() { s.ReleaseN(-1) })
		if got := s.Value(); got != 1 {
			t.Errorf("Value() = %d after rejected releases; want 1", got)
		}
	})
}

// SM-12; CPython: Lib/test/lock_tests.py BaseSemaphoreTests.test_acquire_contended
func TestSemaphoreAcquireContended(t *testing.T) {
	forEachSemaphore(t, func(t *testing.T, newSem func(int) *thread.Semaphore) {
		synctest.Test(t, func(t *testing.T) {
			contended(t, newSem(7), func(s *thread.Semaphore, n int) {
				for range n {
					s.Release()
				}
			})
		})
	})
}

// contended is CPython's test_acquire_contended and test_multirelease:
// a semaphore of 7, one permit held, 10 goroutines acquiring twice each;
// release(n) frees exactly n of them per phase. It runs in a synctest
// bubble, whose Wait replaces CPython's polling.
func contended(t *testing.T, s *thread.Semaphore, release func(s *thread.Semaphore, n int)) {
	t.Helper()
	s.Acquire()
	var mu sync.Mutex
	var results1, results2 []int
	phase := 0 // guarded by mu
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			s.Acquire()
			mu.Lock()
			results1 = append(results1, phase)
			mu.Unlock()
			s.Acquire()
			mu.Lock()
			results2 = append(results2, phase)
			mu.Unlock()
		})
	}
	check := func(want []int) {
		t.Helper()
		synctest.Wait()
		mu.Lock()
		defer mu.Unlock()
		got := slices.Sorted(slices.Values(append(slices.Clone(results1), results2...)))
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("phases of the acquisitions (-want +got):\n%s", diff)
		}
	}
	phases := func(counts ...int) []int {
		var ps []int
		for p, n := range counts {
			for range n {
				ps = append(ps, p)
			}
		}
		return ps
	}
	check(phases(6))
	mu.Lock()
	phase = 1
	mu.Unlock()
	release(s, 7)
	check(phases(6, 7))
	mu.Lock()
	phase = 2
	mu.Unlock()
	release(s, 6)
	check(phases(6, 7, 6))
	// The semaphore is still locked.
	if s.TryAcquire() {
		t.Error("TryAcquire() = true with goroutines still waiting")
	}
	// Final release, to let the last goroutine finish.
	s.Release()
	wg.Wait()
}

// SM-12; CPython: Lib/test/lock_tests.py BaseSemaphoreTests.test_try_acquire_contended
func TestSemaphoreTryAcquireContended(t *testing.T) {
	forEachSemaphore(t, func(t *testing.T, newSem func(int) *thread.Semaphore) {
		s := newSem(4)
		s.Acquire()
		var mu sync.Mutex
		var results []bool
		var wg sync.WaitGroup
		for range 5 {
			wg.Go(func() {
				a, b := s.TryAcquire(), s.TryAcquire()
				mu.Lock()
				results = append(results, a, b)
				mu.Unlock()
			})
		}
		wg.Wait()
		slices.SortFunc(results, func(a, b bool) int {
			if a == b {
				return 0
			}
			if a {
				return 1
			}
			return -1
		})
		want := []bool{false, false, false, false, false, false, false, true, true, true}
		if diff := cmp.Diff(want, results); diff != "" {
			t.Errorf("sorted results (-want +got):\n%s", diff)
		}
	})
}

// SM-09: a bounded ReleaseN that would overflow panics and changes
// nothing.
func TestBoundedSemaphoreReleaseNAllOrNothing(t *testing.T) {
	s := thread.NewBoundedSemaphore(3)
	s.Acquire()
	s.Acquire()
	mustPanic(t, "thread: Semaphore released too many times (Python: ValueError)", func() { s.ReleaseN(3) })
	if got := s.Value(); got != 1 {
		t.Errorf("Value() = %d after a rejected ReleaseN(3); want 1", got)
	}
	s.ReleaseN(2)
	if got := s.Value(); got != 3 {
		t.Errorf("Value() = %d after ReleaseN(2); want 3", got)
	}
	z := thread.NewBoundedSemaphore(0)
	mustPanic(t, "thread: Semaphore released too many times (Python: ValueError)", z.Release)
}

// SM-10; CPython: Lib/test/lock_tests.py BaseSemaphoreTests.test_with
func TestSemaphoreWith(t *testing.T) {
	forEachSemaphore(t, func(t *testing.T, newSem func(int) *thread.Semaphore) {
		s := newSem(2)
		with := func(err error) {
			s.Acquire()
			defer s.Release()
			if !s.TryAcquire() {
				t.Error("TryAcquire() = false with one permit left")
			}
			s.Release()
			func() {
				s.Acquire()
				defer s.Release()
				if s.TryAcquire() {
					t.Error("TryAcquire() = true with no permit left")
				}
				if err != nil {
					panic(err)
				}
			}()
		}
		with(nil)
		if got := s.Value(); got != 2 {
			t.Errorf("Value() = %d after the with block; want 2", got)
		}
		boom := errors.New("TypeError")
		func() {
			defer func() {
				if r := recover(); r != boom {
					t.Errorf("recover() = %v; want %v", r, boom)
				}
			}()
			with(boom)
		}()
		if got := s.Value(); got != 2 {
			t.Errorf("Value() = %d after the with block panicked; want 2", got)
		}
	})
}

// SM-11; CPython: Lib/test/lock_tests.py SemaphoreTests.test_repr,
// BoundedSemaphoreTests.test_repr
func TestSemaphoreString(t *testing.T) {
	s := thread.NewSemaphore(3)
	if got, want := s.String(), "<thread.Semaphore value=3>"; got != want {
		t.Errorf("String() = %q; want %q", got, want)
	}
	s.Acquire()
	if got, want := fmt.Sprint(s), "<thread.Semaphore value=2>"; got != want {
		t.Errorf("String() = %q; want %q", got, want)
	}
	b := thread.NewBoundedSemaphore(3)
	if got, want := b.String(), "<thread.BoundedSemaphore value=3/3>"; got != want {
		t.Errorf("String() = %q; want %q", got, want)
	}
	b.Acquire()
	if got, want := fmt.Sprint(b), "<thread.BoundedSemaphore value=2/3>"; got != want {
		t.Errorf("String() = %q; want %q", got, want)
	}
}

// SM-13; CPython: Lib/test/test_threading.py ThreadTests.test_various_ops
func TestBoundedSemaphoreGuardsSection(t *testing.T) {
	s := thread.NewBoundedSemaphore(3)
	var running, most atomic.Int32
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			for range 50 {
				s.Acquire()
				n := running.Add(1)
				for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
				}
				if n > 3 {
					t.Errorf("%d goroutines inside a section guarded by BoundedSemaphore(3)", n)
				}
				running.Add(-1)
				s.Release()
			}
		})
	}
	wg.Wait()
	if got := s.Value(); got != 3 {
		t.Errorf("Value() = %d at the end; want 3", got)
	}
}

// Blocked acquirers are served first come, first served.
func TestSemaphoreFIFO(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := thread.NewSemaphore(0)
		var mu sync.Mutex
		var order []int
		var wg sync.WaitGroup
		for i := range 6 {
			wg.Go(func() {
				s.Acquire()
				mu.Lock()
				order = append(order, i)
				mu.Unlock()
			})
			synctest.Wait()
		}
		for range 6 {
			s.Release()
			synctest.Wait()
			// A release hands its permit to a waiter; a newcomer cannot
			// take it.
			if s.TryAcquire() {
				t.Error("TryAcquire() took a permit released to a waiter")
			}
		}
		wg.Wait()
		if diff := cmp.Diff([]int{0, 1, 2, 3, 4, 5}, order); diff != "" {
			t.Errorf("acquisition order (-want +got):\n%s", diff)
		}
	})
}

// TestSemaphoreGiveUpRacesRelease runs acquirers that time out or are
// cancelled while releases hand permits over, and checks that no permit is
// lost or granted twice: at the end the counter is back at its initial
// value, with no waiter left.
func TestSemaphoreGiveUpRacesRelease(t *testing.T) {
	forEachSemaphore(t, func(t *testing.T, newSem func(int) *thread.Semaphore) {
		for round := range 20 {
			synctest.Test(t, func(t *testing.T) {
				const permits = 3
				s := newSem(permits)
				var inside atomic.Int32
				var wg sync.WaitGroup
				for g := range 12 {
					wg.Go(func() {
						r := rand.New(rand.NewPCG(uint64(round), uint64(g)))
						for range 30 {
							var ok bool
							switch r.IntN(4) {
							case 0:
								s.Acquire()
								ok = true
							case 1:
								ok = s.TryAcquire()
							case 2:
								ok = s.AcquireTimeout(time.Duration(r.IntN(3)) * time.Millisecond)
							case 3:
								ctx, cancel := context.WithCancel(context.Background())
								// A zero-delay AfterFunc in a bubble crashes the
								// race detector (go1.26.8: SIGSEGV in
								// __tsan::TraceSwitchPart, the func run on the
								// system stack), so a zero delay cancels here.
								if d := time.Duration(r.IntN(3)) * time.Millisecond; d > 0 {
									time.AfterFunc(d, cancel)
								} else {
									cancel()
								}
								ok = s.AcquireContext(ctx) == nil
								cancel()
							}
							if !ok {
								continue
							}
							if n := inside.Add(1); n > permits {
								t.Errorf("%d goroutines hold permits of a semaphore of %d", n, permits)
							}
							time.Sleep(time.Duration(r.IntN(2)) * time.Millisecond)
							inside.Add(-1)
							s.Release()
						}
					})
				}
				wg.Wait()
				if got := s.Value(); got != permits {
					t.Errorf("Value() = %d at the end; want %d", got, permits)
				}
				if got := thread.SemaphoreWaiters(s); got != 0 {
					t.Errorf("%d waiters left; want 0", got)
				}
			})
		}
	})
}
