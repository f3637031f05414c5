package thread_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pyconc/pyconc/thread"
)

// conditionTypes are the Conditions the ConditionTests run on: the
// default RLock, a zero value, and a plain Lock.
var conditionTypes = []struct {
	name string
	new  func() *thread.Condition
}{
	{"RLock", func() *thread.Condition { return thread.NewCondition(nil) }},
	{"Zero", func() *thread.Condition { return new(thread.Condition) }},
	{"Lock", func() *thread.Condition { return thread.NewCondition(new(thread.Lock)) }},
}

func forEachCondition(t *testing.T, test func(t *testing.T, newCond func() *thread.Condition)) {
	for _, tc := range conditionTypes {
		t.Run(tc.name, func(t *testing.T) { test(t, tc.new) })
	}
}

const (
	waitUnacquired   = "thread: cannot wait on un-acquired lock (Python: RuntimeError)"
	notifyUnacquired = "thread: cannot notify on un-acquired lock (Python: RuntimeError)"
)

// CV-01, CV-02, CV-14; CPython: Lib/test/lock_tests.py
// ConditionTests.test_acquire
func TestConditionAcquire(t *testing.T) {
	cond := thread.NewCondition(nil)
	// By default we have an RLock: the condition can be acquired twice.
	cond.Acquire()
	cond.Acquire()
	cond.Release()
	cond.Release()

	var lock thread.Lock
	cond = thread.NewCondition(&lock)
	cond.Acquire()
	if lock.TryAcquire() {
		t.Error("lock.TryAcquire() = true while the condition is held")
	}
	cond.Release()
	if !lock.TryAcquire() {
		t.Error("lock.TryAcquire() = false after cond.Release()")
	}
	if cond.TryAcquire() {
		t.Error("cond.TryAcquire() = true while the lock is held")
	}
	lock.Release()
	func() { // with cond:
		cond.Acquire()
		defer cond.Release()
		if lock.TryAcquire() {
			t.Error("lock.TryAcquire() = true inside `with cond`")
		}
	}()
	if lock.Locked() {
		t.Error("lock still held after `with cond`")
	}
}

// CV-01: NewCondition(nil), and a nil *Lock or *RLock, mean a new RLock.
func TestConditionNilLock(t *testing.T) {
	for _, c := range []*thread.Condition{
		thread.NewCondition(nil),
		thread.NewCondition((*thread.Lock)(nil)),
		thread.NewCondition((*thread.RLock)(nil)),
	} {
		c.Acquire()
		if !c.TryAcquire() {
			t.Error("the condition's lock is not reentrant; want an RLock")
		}
		c.Release()
		c.Release()
	}
}

// CPython: Lib/test/lock_tests.py BaseLockTests.test_repr,
// BaseLockTests.test_locked_repr, run on Condition by
// Lib/test/test_threading.py ConditionAsRLockTests: a Condition prints as
// Python's repr does, its lock and its number of waiters, and printing it
// while others wait on it is not a data race.
func TestConditionString(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := thread.NewCondition(nil)
		if got, want := c.String(), "<Condition(<unlocked thread.RLock owner=0 count=0>, 0)>"; got != want {
			t.Errorf("String() = %q; want %q", got, want)
		}
		if got, want := fmt.Sprint(new(thread.Condition)), "<Condition(<unlocked thread.RLock owner=0 count=0>, 0)>"; got != want {
			t.Errorf("zero Condition String() = %q; want %q", got, want)
		}
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() {
				c.Acquire()
				c.Wait()
				c.Release()
			})
		}
		synctest.Wait()
		c.Acquire()
		c.Acquire()
		want := fmt.Sprintf("<Condition(<locked thread.RLock owner=%d count=2>, 2)>", thread.GetIdent())
		if got := fmt.Sprint(c); got != want {
			t.Errorf("String() = %q; want %q", got, want)
		}
		c.NotifyAll()
		c.Release()
		c.Release()
		wg.Wait()
		var l thread.Lock
		lc := thread.NewCondition(&l)
		l.Acquire()
		if got, want := lc.String(), "<Condition(<locked thread.Lock>, 0)>"; got != want {
			t.Errorf("String() = %q; want %q", got, want)
		}
		l.Release()
	})
}

// CV-03; CPython: Lib/test/lock_tests.py ConditionTests.test_unacquired_wait
func TestConditionUnacquiredWait(t *testing.T) {
	forEachCondition(t, func(t *testing.T, newCond func() *thread.Condition) {
		synctest.Test(t, func(t *testing.T) {
			c := newCond()
			never := func() bool { return false }
			mustPanic(t, waitUnacquired, c.Wait)
			mustPanic(t, waitUnacquired, func() { c.WaitTimeout(time.Second) })
			mustPanic(t, waitUnacquired, func() { c.WaitTimeout(0) })
			mustPanic(t, waitUnacquired, func() { c.WaitContext(context.Background()) })
			mustPanic(t, waitUnacquired, func() { c.WaitContext(cancelled()) })
			mustPanic(t, waitUnacquired, func() { c.WaitFor(never) })
			mustPanic(t, waitUnacquired, func() { c.WaitForTimeout(never, time.Second) })
			mustPanic(t, waitUnacquired, func() { c.WaitForTimeout(never, 0) })
			mustPanic(t, waitUnacquired, func() { c.WaitForContext(context.Background(), never) })
		})
	})
}

// CV-03, CV-04 on an RLock held by another goroutine: only the owner holds
// it. On a plain Lock, held by anyone counts (CPython's _is_owned
// fallback), so another goroutine may notify.
func TestConditionHeldByAnother(t *testing.T) {
	for _, c := range []*thread.Condition{thread.NewCondition(nil), new(thread.Condition)} {
		c.Acquire()
		inGoroutine(func() {
			mustPanic(t, waitUnacquired, c.Wait)
			mustPanic(t, notifyUnacquired, c.Notify)
			mustPanic(t, notifyUnacquired, c.NotifyAll)
		})
		c.Release()
	}
	c := thread.NewCondition(new(thread.Lock))
	c.Acquire()
	inGoroutine(func() {
		defer func() {
			if r := recover(); r != nil {
				t.Errorf("Notify() while another goroutine holds the Lock panicked: %v; want allowed, as in CPython", r)
			}
		}()
		c.Notify()
		c.NotifyAll()
	})
	c.Release()
}

// CV-04; CPython: Lib/test/lock_tests.py ConditionTests.test_unacquired_notify
func TestConditionUnacquiredNotify(t *testing.T) {
	forEachCondition(t, func(t *testing.T, newCond func() *thread.Condition) {
		c := newCond()
		mustPanic(t, notifyUnacquired, c.Notify)
		mustPanic(t, notifyUnacquired, func() { c.NotifyN(3) })
		mustPanic(t, notifyUnacquired, func() { c.NotifyN(0) })
		mustPanic(t, notifyUnacquired, c.NotifyAll)
	})
}

type waitResult struct {
	OK    bool
	Phase int
}

// checkNotify is CPython's ConditionTests._check_notify. Five goroutines
// wait twice each; the test notifies 3, then 5, then all, and checks who
// woke in which phase. synctest.Wait takes the place of CPython's
// _wait() sleeps: it returns once every goroutine is blocked.
func checkNotify(t *testing.T, c *thread.Condition) {
	t.Helper()
	const n = 5
	var mu sync.Mutex
	var results1, results2 []waitResult
	phase := 0 // guarded by c's lock
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			c.Acquire()
			ok := c.WaitContext(context.Background()) == nil
			p := phase
			c.Release()
			mu.Lock()
			results1 = append(results1, waitResult{ok, p})
			mu.Unlock()
			c.Acquire()
			ok = c.WaitContext(context.Background()) == nil
			p = phase
			c.Release()
			mu.Lock()
			results2 = append(results2, waitResult{ok, p})
			mu.Unlock()
		})
	}
	check := func(want1, want2 []waitResult) {
		t.Helper()
		synctest.Wait()
		mu.Lock()
		defer mu.Unlock()
		if diff := cmp.Diff(want1, results1); diff != "" {
			t.Errorf("results1 (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(want2, results2); diff != "" {
			t.Errorf("results2 (-want +got):\n%s", diff)
		}
	}
	times := func(r waitResult, k int) []waitResult {
		var rs []waitResult
		for range k {
			rs = append(rs, r)
		}
		return rs
	}
	check(nil, nil)
	// Notify 3 goroutines at first.
	c.Acquire()
	c.NotifyN(3)
	synctest.Wait()
	phase = 1
	c.Release()
	check(times(waitResult{true, 1}, 3), nil)
	// Notify 5: two in their first wait, three in their second.
	c.Acquire()
	c.NotifyN(5)
	synctest.Wait()
	phase = 2
	c.Release()
	check(append(times(waitResult{true, 1}, 3), times(waitResult{true, 2}, 2)...),
		times(waitResult{true, 2}, 3))
	// Notify all: the last two, in their second wait.
	c.Acquire()
	c.NotifyAll()
	synctest.Wait()
	phase = 3
	c.Release()
	check(append(times(waitResult{true, 1}, 3), times(waitResult{true, 2}, 2)...),
		append(times(waitResult{true, 2}, 3), times(waitResult{true, 3}, 2)...))
	wg.Wait()
}

// CV-05, CV-08, CV-10; CPython: Lib/test/lock_tests.py
// ConditionTests.test_notify
func TestConditionNotify(t *testing.T) {
	forEachCondition(t, func(t *testing.T, newCond func() *thread.Condition) {
		synctest.Test(t, func(t *testing.T) {
			c := newCond()
			checkNotify(t, c)
			// A second time, to check internal state is still ok.
			checkNotify(t, c)
		})
	})
}

// CV-08; CPython: Lib/test/_test_multiprocessing.py
// _TestCondition.test_notify_n
func TestConditionNotifyN(t *testing.T) {
	forEachCondition(t, func(t *testing.T, newCond func() *thread.Condition) {
		synctest.Test(t, func(t *testing.T) {
			c := newCond()
			var woken atomic.Int32
			var wg sync.WaitGroup
			for range 6 {
				wg.Go(func() {
					c.Acquire()
					c.Wait()
					woken.Add(1)
					c.Release()
				})
			}
			notify := func(f func(), want int32) {
				t.Helper()
				c.Acquire()
				f()
				c.Release()
				synctest.Wait()
				if got := woken.Load(); got != want {
					t.Errorf("%d goroutines woken; want %d", got, want)
				}
			}
			notify(func() {}, 0)
			notify(func() { c.NotifyN(0) }, 0)
			notify(func() { c.NotifyN(-1) }, 0)
			notify(func() { c.NotifyN(2) }, 2)
			notify(func() { c.NotifyN(4) }, 6)
			notify(func() { c.NotifyN(3) }, 6) // nobody left: a no-op
			notify(c.Notify, 6)
			notify(c.NotifyAll, 6)
			wg.Wait()
			if got := thread.ConditionWaiters(c); got != 0 {
				t.Errorf("%d waiters left; want 0", got)
			}
		})
	})
}

// CV-06; CPython: Lib/test/lock_tests.py ConditionTests.test_timeout
func TestConditionTimeout(t *testing.T) {
	forEachCondition(t, func(t *testing.T, newCond func() *thread.Condition) {
		synctest.Test(t, func(t *testing.T) {
			c := newCond()
			const n = 5
			var mu sync.Mutex
			type result struct {
				Took time.Duration
				OK   bool
			}
			var results []result
			var wg sync.WaitGroup
			for range n {
				wg.Go(func() {
					c.Acquire()
					start := time.Now()
					ok := c.WaitTimeout(500 * time.Millisecond)
					took := time.Since(start)
					c.Release()
					mu.Lock()
					results = append(results, result{took, ok})
					mu.Unlock()
				})
			}
			wg.Wait()
			want := []result{{500 * time.Millisecond, false}, {500 * time.Millisecond, false},
				{500 * time.Millisecond, false}, {500 * time.Millisecond, false}, {500 * time.Millisecond, false}}
			if diff := cmp.Diff(want, results); diff != "" {
				t.Errorf("results (-want +got):\n%s", diff)
			}
		})
	})
}

// CV-07: wait(0) and wait(-1) return False at once; the lock stays held.
func TestConditionWaitNonPositive(t *testing.T) {
	forEachCondition(t, func(t *testing.T, newCond func() *thread.Condition) {
		synctest.Test(t, func(t *testing.T) {
			c := newCond()
			c.Acquire()
			for _, d := range []time.Duration{0, -time.Second} {
				start := time.Now()
				if got := c.WaitTimeout(d); got || time.Since(start) != 0 {
					t.Errorf("WaitTimeout(%v) = %v after %v; want false at once", d, got, time.Since(start))
				}
			}
			if err := c.WaitContext(cancelled()); err != context.Canceled {
				t.Errorf("WaitContext(done ctx) = %v; want %v", err, context.Canceled)
			}
			var got bool
			inGoroutine(func() { got = c.TryAcquire() })
			if got {
				t.Error("the lock was free after the waits; want still held")
			}
			c.Release()
		})
	})
}

// CV-09: waiters are woken in the order they began waiting.
func TestConditionFIFO(t *testing.T) {
	forEachCondition(t, func(t *testing.T, newCond func() *thread.Condition) {
		synctest.Test(t, func(t *testing.T) {
			c := newCond()
			var order []int // guarded by c's lock
			var wg sync.WaitGroup
			for i := range 6 {
				wg.Go(func() {
					c.Acquire()
					c.Wait()
					order = append(order, i)
					c.Release()
				})
				synctest.Wait() // i is waiting before i+1 starts
			}
			for range 6 {
				c.Acquire()
				c.Notify()
				c.Release()
				synctest.Wait()
			}
			wg.Wait()
			if diff := cmp.Diff([]int{0, 1, 2, 3, 4, 5}, order); diff != "" {
				t.Errorf("wake-up order (-want +got):\n%s", diff)
			}
		})
	})
}

// CV-11: wait releases an RLock held recursively, so that others can take
// it, and restores the recursion level.
func TestConditionWaitRestoresRecursion(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var r thread.RLock
		c := thread.NewCondition(&r)
		var level int64
		done := make(chan struct{})
		go func() {
			defer close(done)
			r.Acquire()
			r.Acquire()
			c.Wait()
			level = thread.RLockRecursionCount(&r)
			r.Release()
			r.Release()
		}()
		synctest.Wait()
		if !r.TryAcquire() {
			t.Fatal("RLock not free while its owner waits; Wait must release every level")
		}
		c.Notify()
		r.Release()
		<-done
		if level != 2 {
			t.Errorf("recursion count after Wait = %d; want 2", level)
		}
	})
}

// CV-12: wait_for returns at once, without needing the lock, when the
// predicate already holds.
func TestConditionWaitForTrueUnlocked(t *testing.T) {
	forEachCondition(t, func(t *testing.T, newCond func() *thread.Condition) {
		c := newCond()
		yes := func() bool { return true }
		c.WaitFor(yes)
		if !c.WaitForTimeout(yes, time.Second) {
			t.Error("WaitForTimeout(true) = false")
		}
		if !c.WaitForTimeout(yes, 0) {
			t.Error("WaitForTimeout(true, 0) = false")
		}
		if err := c.WaitForContext(cancelled(), yes); err != nil {
			t.Errorf("WaitForContext(done, true) = %v; want nil", err)
		}
	})
}

// CV-13; CPython: Lib/test/lock_tests.py ConditionTests.test_waitfor
func TestConditionWaitFor(t *testing.T) {
	forEachCondition(t, func(t *testing.T, newCond func() *thread.Condition) {
		synctest.Test(t, func(t *testing.T) {
			c := newCond()
			state := 0 // guarded by c's lock
			done := make(chan struct{})
			go func() {
				defer close(done)
				c.Acquire()
				defer c.Release()
				c.WaitFor(func() bool { return state == 4 })
				if state != 4 {
					t.Errorf("state = %d after WaitFor; want 4", state)
				}
			}()
			for range 4 {
				time.Sleep(10 * time.Millisecond)
				c.Acquire()
				state++
				c.Notify()
				c.Release()
			}
			<-done
		})
	})
}

// CV-13; CPython: Lib/test/lock_tests.py ConditionTests.test_waitfor_timeout.
// The timeout is for the whole call, not for each wake-up, and the
// predicate is asked once more when it runs out.
func TestConditionWaitForTimeout(t *testing.T) {
	forEachCondition(t, func(t *testing.T, newCond func() *thread.Condition) {
		synctest.Test(t, func(t *testing.T) {
			c := newCond()
			state, calls := 0, 0 // guarded by c's lock
			done := make(chan struct{})
			go func() {
				defer close(done)
				c.Acquire()
				defer c.Release()
				start := time.Now()
				got := c.WaitForTimeout(func() bool { calls++; return state == 4 }, 100*time.Millisecond)
				if took := time.Since(start); got || took != 100*time.Millisecond {
					t.Errorf("WaitForTimeout = %v after %v; want false after 100ms", got, took)
				}
				// Once at first, once after each of 3 notifications, once
				// when the time is up.
				if calls != 5 {
					t.Errorf("predicate called %d times; want 5", calls)
				}
			}()
			// Only increment 3 times, so state == 4 is never reached.
			for range 3 {
				time.Sleep(10 * time.Millisecond)
				c.Acquire()
				state++
				c.Notify()
				c.Release()
			}
			<-done
		})
	})
}

// WaitForContext returns ctx.Err() if the predicate is still false when
// ctx ends, and nil if it became true.
func TestConditionWaitForContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := thread.NewCondition(nil)
		c.Acquire()
		defer c.Release()
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if err := c.WaitForContext(ctx, func() bool { return false }); err != context.DeadlineExceeded {
			t.Errorf("WaitForContext(false) = %v; want %v", err, context.DeadlineExceeded)
		}
		calls := 0
		if err := c.WaitForContext(ctx, func() bool { calls++; return calls == 2 }); err != nil {
			t.Errorf("WaitForContext(true when re-asked) = %v; want nil", err)
		}
		if !c.WaitForTimeout(func() bool { calls++; return calls == 4 }, 0) {
			t.Error("WaitForTimeout(true when re-asked, 0) = false; want true")
		}
	})
}

// TestConditionNotifyRacesTimeout notifies at the very instant a waiter's
// timeout or context ends, with a second waiter queued behind it. The
// notification goes to exactly one of them: the first reports success, or
// the second wakes; never both, never neither.
func TestConditionNotifyRacesTimeout(t *testing.T) {
	forEachCondition(t, func(t *testing.T, newCond func() *thread.Condition) {
		for i := range 150 {
			synctest.Test(t, func(t *testing.T) {
				c := newCond()
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				first := make(chan bool, 1)
				go func() {
					c.Acquire()
					if i%3 == 0 {
						first <- c.WaitTimeout(time.Second)
					} else {
						first <- c.WaitContext(ctx) == nil
					}
					c.Release()
				}()
				synctest.Wait()
				var second atomic.Bool
				go func() {
					c.Acquire()
					c.Wait()
					second.Store(true)
					c.Release()
				}()
				synctest.Wait()
				switch i % 3 {
				case 0: // the timeout ends as Notify runs
					time.Sleep(time.Second)
					c.Acquire()
					c.Notify()
					c.Release()
				case 1: // cancelled, then notified before it can leave
					c.Acquire()
					cancel()
					c.Notify()
					c.Release()
				case 2:
					c.Acquire()
					c.Notify()
					cancel()
					c.Release()
				}
				got := <-first
				synctest.Wait()
				if got == second.Load() {
					t.Fatalf("first waiter = %v, second woken = %v: the notification was lost or given twice", got, second.Load())
				}
				if !got {
					return
				}
				c.Acquire()
				c.Notify()
				c.Release()
				synctest.Wait()
				if !second.Load() {
					t.Fatal("second waiter not woken by a second Notify")
				}
			})
		}
	})
}

// TestConditionCancelRacesNotify cancels waiters while others notify them:
// every notification must be received by someone, so after as many
// notifications as waiters that never give up, they have all returned.
func TestConditionCancelRacesNotify(t *testing.T) {
	forEachCondition(t, func(t *testing.T, newCond func() *thread.Condition) {
		synctest.Test(t, func(t *testing.T) {
			c := newCond()
			ctx, cancel := context.WithCancel(context.Background())
			const n = 20
			var notified, patient atomic.Int32
			var wg sync.WaitGroup
			for i := range n {
				wg.Go(func() {
					c.Acquire()
					defer c.Release()
					if i%2 == 0 {
						if c.WaitContext(ctx) == nil {
							notified.Add(1)
						}
						return
					}
					c.Wait()
					notified.Add(1)
					patient.Add(1)
				})
			}
			synctest.Wait()
			go cancel()
			sent := 0
			for patient.Load() < n/2 {
				// Notify one at a time until every patient waiter woke.
				c.Acquire()
				c.Notify()
				c.Release()
				sent++
				synctest.Wait()
				if got := int(notified.Load()); got != sent {
					t.Fatalf("%d waiters woken by %d notifications", got, sent)
				}
			}
			wg.Wait()
		})
	})
}

// TestConditionProducerConsumer runs producers and consumers on one
// condition, some consumers with timeouts, and checks that every item is
// consumed exactly once.
func TestConditionProducerConsumer(t *testing.T) {
	forEachCondition(t, func(t *testing.T, newCond func() *thread.Condition) {
		c := newCond()
		var items []int // guarded by c's lock
		closed := false
		const producers, perProducer, consumers = 4, 500, 4
		var sum atomic.Int64
		var cw sync.WaitGroup
		for i := range consumers {
			cw.Go(func() {
				c.Acquire()
				defer c.Release()
				for {
					ready := func() bool { return len(items) > 0 || closed }
					if i%2 == 0 {
						c.WaitFor(ready)
					} else if !c.WaitForTimeout(ready, 50*time.Microsecond) {
						continue
					}
					if len(items) == 0 {
						return // closed and drained
					}
					sum.Add(int64(items[0]))
					items = items[1:]
				}
			})
		}
		var pw sync.WaitGroup
		for p := range producers {
			pw.Go(func() {
				for j := range perProducer {
					c.Acquire()
					items = append(items, p*perProducer+j)
					c.Notify()
					c.Release()
				}
			})
		}
		pw.Wait()
		c.Acquire()
		closed = true
		c.NotifyAll()
		c.Release()
		cw.Wait()
		const total = producers * perProducer
		if want := int64(total * (total - 1) / 2); sum.Load() != want {
			t.Errorf("sum of consumed items = %d; want %d", sum.Load(), want)
		}
	})
}
