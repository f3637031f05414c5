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

// EV-01; CPython: Lib/test/lock_tests.py EventTests.test_is_set
func TestEventIsSet(t *testing.T) {
	var e thread.Event
	var got []bool
	got = append(got, e.IsSet())
	e.Set()
	got = append(got, e.IsSet())
	e.Set()
	got = append(got, e.IsSet())
	e.Clear()
	got = append(got, e.IsSet())
	e.Clear()
	got = append(got, e.IsSet())
	if diff := cmp.Diff([]bool{false, true, true, false, false}, got); diff != "" {
		t.Errorf("IsSet() after nothing, Set, Set, Clear, Clear (-want +got):\n%s", diff)
	}
}

// checkEventNotify is CPython's EventTests._check_notify: five goroutines
// wait twice; all are woken by one Set, and the second wait returns at
// once.
func checkEventNotify(t *testing.T, e *thread.Event) {
	t.Helper()
	const n = 5
	var first, second atomic.Int32
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			if e.WaitContext(context.Background()) == nil {
				first.Add(1)
			}
			if e.WaitContext(context.Background()) == nil {
				second.Add(1)
			}
		})
	}
	synctest.Wait()
	if got := first.Load(); got != 0 {
		t.Fatalf("%d waits returned before Set; want 0", got)
	}
	e.Set()
	wg.Wait()
	if first.Load() != n || second.Load() != n {
		t.Errorf("first and second waits returned true %d and %d times; want %d and %d", first.Load(), second.Load(), n, n)
	}
}

// EV-02; CPython: Lib/test/lock_tests.py EventTests.test_notify
func TestEventNotify(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var e thread.Event
		checkEventNotify(t, &e)
		// Another time, after an explicit Clear.
		e.Set()
		e.Clear()
		checkEventNotify(t, &e)
		if !thread.EventQuiet(&e) {
			t.Error("the event keeps a wake-up channel with nobody waiting")
		}
	})
}

// EV-03; CPython: Lib/test/lock_tests.py EventTests.test_timeout
func TestEventTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var e thread.Event
		type result struct {
			Zero, Timed bool
			Took        time.Duration
		}
		run := func() []result {
			var mu sync.Mutex
			var results []result
			var wg sync.WaitGroup
			for range 5 {
				wg.Go(func() {
					zero := e.WaitTimeout(0)
					start := time.Now()
					timed := e.WaitTimeout(500 * time.Millisecond)
					mu.Lock()
					results = append(results, result{zero, timed, time.Since(start)})
					mu.Unlock()
				})
			}
			wg.Wait()
			return results
		}
		unset := result{false, false, 500 * time.Millisecond}
		if diff := cmp.Diff([]result{unset, unset, unset, unset, unset}, run()); diff != "" {
			t.Errorf("waits on an unset event (-want +got):\n%s", diff)
		}
		// The event is set.
		e.Set()
		set := result{true, true, 0}
		if diff := cmp.Diff([]result{set, set, set, set, set}, run()); diff != "" {
			t.Errorf("waits on a set event (-want +got):\n%s", diff)
		}
	})
}

// EV-04: wait(-1) on an unset event returns False at once.
func TestEventWaitNegative(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var e thread.Event
		start := time.Now()
		if got := e.WaitTimeout(-time.Second); got || time.Since(start) != 0 {
			t.Errorf("WaitTimeout(-1s) = %v after %v; want false at once", got, time.Since(start))
		}
		e.Set()
		if got := e.WaitTimeout(-time.Second); !got {
			t.Errorf("WaitTimeout(-1s) on a set event = %v; want true", got)
		}
	})
}

// EV-05; CPython: Lib/test/lock_tests.py EventTests.test_set_and_clear
func TestEventSetAndClear(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var e thread.Event
		var mu sync.Mutex
		var results []bool
		var wg sync.WaitGroup
		for range 5 {
			wg.Go(func() {
				r := e.WaitTimeout(time.Second)
				mu.Lock()
				results = append(results, r)
				mu.Unlock()
			})
		}
		time.Sleep(500 * time.Millisecond)
		e.Set()
		e.Clear()
		wg.Wait()
		if diff := cmp.Diff([]bool{true, true, true, true, true}, results); diff != "" {
			t.Errorf("wait results (-want +got):\n%s", diff)
		}
	})
}

// EV-06; CPython: Lib/test/lock_tests.py EventTests.test_repr
func TestEventString(t *testing.T) {
	var e thread.Event
	if got, want := e.String(), "<thread.Event: unset>"; got != want {
		t.Errorf("String() = %q; want %q", got, want)
	}
	e.Set()
	if got, want := fmt.Sprint(&e), "<thread.Event: set>"; got != want {
		t.Errorf("String() = %q; want %q", got, want)
	}
}

// WaitContext returns nil on a set event even with a done context, and
// ctx.Err() on an unset one; a waiter that gives up leaves nothing behind.
func TestEventWaitContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var e thread.Event
		if err := e.WaitContext(cancelled()); err != context.Canceled {
			t.Errorf("WaitContext(done ctx) on an unset event = %v; want %v", err, context.Canceled)
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		start := time.Now()
		if err := e.WaitContext(ctx); err != context.DeadlineExceeded || time.Since(start) != time.Second {
			t.Errorf("WaitContext(1s) = %v after %v; want %v after 1s", err, time.Since(start), context.DeadlineExceeded)
		}
		if !thread.EventQuiet(&e) {
			t.Error("the event keeps a wake-up channel after its only waiter gave up")
		}
		e.Set()
		if err := e.WaitContext(cancelled()); err != nil {
			t.Errorf("WaitContext(done ctx) on a set event = %v; want nil", err)
		}
	})
}

// TestEventGiveUpRacesSet sets the event exactly as waiters give up, and
// clears it at once: every waiter that did not give up first reports true,
// and those whose context never ends always do.
func TestEventGiveUpRacesSet(t *testing.T) {
	for i := range 200 {
		synctest.Test(t, func(t *testing.T) {
			var e thread.Event
			ctx, cancel := context.WithCancel(context.Background())
			var patient, timed, cancellable atomic.Int32
			var wg sync.WaitGroup
			for range 3 {
				wg.Go(func() {
					e.Wait()
					patient.Add(1)
				})
				wg.Go(func() {
					if e.WaitTimeout(time.Second) {
						timed.Add(1)
					}
				})
				wg.Go(func() {
					if e.WaitContext(ctx) == nil {
						cancellable.Add(1)
					}
				})
			}
			synctest.Wait()
			switch i % 3 {
			case 0:
				time.Sleep(time.Second)
				e.Set()
			case 1:
				cancel()
				e.Set()
			case 2:
				go cancel()
				e.Set()
			}
			e.Clear()
			wg.Wait()
			if got := patient.Load(); got != 3 {
				t.Errorf("%d of 3 patient waiters woke", got)
			}
			if i%3 != 0 && timed.Load() != 3 {
				t.Errorf("%d of 3 waiters with a later timeout woke", timed.Load())
			}
			if !thread.EventQuiet(&e) {
				t.Error("the event keeps a wake-up channel with nobody waiting")
			}
			cancel()
		})
	}
}

// TestEventSetClearStorm sets and clears the event from several
// goroutines while others wait; a final Set releases every waiter.
func TestEventSetClearStorm(t *testing.T) {
	var e thread.Event
	stop := make(chan struct{})
	var storm, waiters sync.WaitGroup
	for range 2 {
		storm.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				e.Set()
				e.Clear()
			}
		})
	}
	var woke atomic.Int32
	for range 8 {
		waiters.Go(func() {
			for range 100 {
				e.Wait()
			}
			woke.Add(1)
		})
	}
	waiters.Wait()
	close(stop)
	storm.Wait()
	if woke.Load() != 8 {
		t.Errorf("%d of 8 waiters finished", woke.Load())
	}
}
