package thread_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pyconc/pyconc/thread"
)

// The parties and default timeout of CPython's BarrierTests.
const (
	barrierN       = 5
	barrierTimeout = 2 * time.Second
)

// runParties is CPython's BarrierTests.run_threads: f runs in n-1 new
// goroutines and in the calling one, and runParties returns when all have
// finished.
func runParties(n int, f func()) {
	var wg sync.WaitGroup
	for range n - 1 {
		wg.Go(f)
	}
	f()
	wg.Wait()
}

// BR-01; CPython: Lib/test/lock_tests.py BarrierTests.test_repr
func TestBarrierString(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := thread.NewBarrier(3)
		if got, want := b.String(), "<thread.Barrier waiters=0/3>"; got != want {
			t.Errorf("String() = %q; want %q", got, want)
		}
		if b.Parties() != 3 || b.NWaiting() != 0 || b.Broken() {
			t.Errorf("Parties(), NWaiting(), Broken() = %d, %d, %v; want 3, 0, false", b.Parties(), b.NWaiting(), b.Broken())
		}
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() { b.Wait() })
		}
		synctest.Wait()
		if got, want := b.String(), "<thread.Barrier waiters=2/3>"; got != want {
			t.Errorf("String() = %q; want %q", got, want)
		}
		if got := b.NWaiting(); got != 2 {
			t.Errorf("NWaiting() = %d; want 2", got)
		}
		b.Abort()
		wg.Wait()
		if got, want := b.String(), "<thread.Barrier: broken>"; got != want {
			t.Errorf("String() = %q; want %q", got, want)
		}
		if !b.Broken() {
			t.Error("Broken() = false after Abort")
		}
	})
}

// BR-12: a barrier needs at least one party. Python 3.11 accepts 0 and -1.
func TestBarrierParties(t *testing.T) {
	const want = "thread: parties must be > 0 (Python: ValueError)"
	mustPanic(t, want, func() { thread.NewBarrier(0) })
	mustPanic(t, want, func() { thread.NewBarrier(-1) })
	var zero thread.Barrier
	mustPanic(t, want, func() { zero.Wait() })
}

// multipass is CPython's BarrierTests.multipass: n rounds of two waits,
// checking after each that every party has done its part of the round.
func multipass(t *testing.T, b *thread.Barrier, mu *sync.Mutex, results *[2]int, n int) {
	m := b.Parties()
	for i := range n {
		mu.Lock()
		results[0]++
		if results[1] != i*m {
			t.Errorf("round %d: %d second-half arrivals before the first wait; want %d", i, results[1], i*m)
		}
		mu.Unlock()
		if _, err := b.Wait(); err != nil {
			t.Errorf("Wait() = %v", err)
		}
		mu.Lock()
		results[1]++
		if results[0] != (i+1)*m {
			t.Errorf("round %d: %d first-half arrivals after the first wait; want %d", i, results[0], (i+1)*m)
		}
		mu.Unlock()
		if _, err := b.Wait(); err != nil {
			t.Errorf("Wait() = %v", err)
		}
	}
	if got := b.NWaiting(); got != 0 {
		t.Errorf("NWaiting() = %d at the end; want 0", got)
	}
	if b.Broken() {
		t.Error("Broken() = true at the end")
	}
}

// BR-03; CPython: Lib/test/lock_tests.py BarrierTests.test_barrier,
// BarrierTests.test_barrier_10
func TestBarrierLockstep(t *testing.T) {
	for _, passes := range []int{1, 10} {
		synctest.Test(t, func(t *testing.T) {
			b := thread.NewBarrier(barrierN, thread.Timeout(barrierTimeout))
			var mu sync.Mutex
			var results [2]int
			runParties(barrierN, func() { multipass(t, b, &mu, &results, passes) })
		})
	}
}

// BR-02; CPython: Lib/test/lock_tests.py BarrierTests.test_wait_return. The
// goroutines arrive one at a time here, so the indices are their arrival
// order.
func TestBarrierWaitReturn(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := thread.NewBarrier(barrierN, thread.Timeout(barrierTimeout))
		indices := make([]int, barrierN)
		var wg sync.WaitGroup
		for i := range barrierN {
			wg.Go(func() {
				var err error
				if indices[i], err = b.Wait(); err != nil {
					t.Errorf("Wait() = %v", err)
				}
			})
			synctest.Wait()
		}
		wg.Wait()
		if diff := cmp.Diff([]int{0, 1, 2, 3, 4}, indices); diff != "" {
			t.Errorf("indices by arrival (-want +got):\n%s", diff)
		}
	})
}

// BR-04; CPython: Lib/test/lock_tests.py BarrierTests.test_action
func TestBarrierAction(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var calls atomic.Int32
		var caller atomic.Int64
		b := thread.NewBarrier(barrierN, thread.Action(func() {
			calls.Add(1)
			caller.Store(thread.GetIdent())
		}))
		var mu sync.Mutex
		last := map[int]int64{} // index → goroutine
		runParties(barrierN, func() {
			i, err := b.Wait()
			if err != nil {
				t.Errorf("Wait() = %v", err)
			}
			if got := calls.Load(); got != 1 {
				t.Errorf("action called %d times when Wait returned; want 1", got)
			}
			mu.Lock()
			last[i] = thread.GetIdent()
			mu.Unlock()
		})
		if caller.Load() != last[barrierN-1] {
			t.Error("the action did not run in the last goroutine to arrive")
		}
	})
}

// BR-05: an action that panics breaks the barrier; the last arrival
// panics and the others get ErrBrokenBarrier.
func TestBarrierActionPanics(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := thread.NewBarrier(3, thread.Action(func() { panic("action failed") }))
		errs := make(chan error, 2)
		for range 2 {
			go func() {
				_, err := b.Wait()
				errs <- err
			}()
		}
		synctest.Wait()
		func() {
			defer func() {
				if r := recover(); r != "action failed" {
					t.Errorf("recover() = %v; want the action's panic", r)
				}
			}()
			b.Wait()
		}()
		for range 2 {
			if err := <-errs; !errors.Is(err, thread.ErrBrokenBarrier) {
				t.Errorf("Wait() of another party = %v; want %v", err, thread.ErrBrokenBarrier)
			}
		}
		if !b.Broken() {
			t.Error("Broken() = false after the action panicked")
		}
	})
}

// BR-05, BR-07: a barrier broken by its action's panic stays broken for
// later waits, and Reset makes it usable again, action and all.
func TestBarrierActionPanicsThenReset(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		calls := 0 // the action runs in one goroutine per round, before release
		b := thread.NewBarrier(3, thread.Action(func() {
			calls++
			if calls == 1 {
				panic("action failed")
			}
		}))
		errs := make(chan error, 2)
		for range 2 {
			go func() {
				_, err := b.Wait()
				errs <- err
			}()
		}
		synctest.Wait()
		func() {
			defer func() { recover() }()
			b.Wait()
		}()
		for range 2 {
			if err := <-errs; err != thread.ErrBrokenBarrier {
				t.Errorf("Wait() of another party = %v; want %v", err, thread.ErrBrokenBarrier)
			}
		}
		if _, err := b.Wait(); err != thread.ErrBrokenBarrier {
			t.Errorf("Wait() after the action panicked = %v; want %v", err, thread.ErrBrokenBarrier)
		}
		b.Reset()
		var mu sync.Mutex
		var indices []int
		runParties(3, func() {
			i, err := b.Wait()
			if err != nil {
				t.Errorf("Wait() after Reset = %v", err)
			}
			mu.Lock()
			indices = append(indices, i)
			mu.Unlock()
		})
		slices.Sort(indices)
		if diff := cmp.Diff([]int{0, 1, 2}, indices); diff != "" || calls != 2 || b.Broken() {
			t.Errorf("after Reset: indices (-want +got):\n%s; action calls %d, broken %v; want 2 calls, not broken", diff, calls, b.Broken())
		}
	})
}

// abortOrBreak is the body of CPython's test_abort and test_abort_and_reset:
// the goroutine with index N/2 aborts instead of waiting a second time.
func abortOrBreak(t *testing.T, b *thread.Barrier, results1, results2 *atomic.Int32) {
	i, err := b.Wait()
	if err != nil {
		t.Errorf("first Wait() = %v", err)
		return
	}
	if i == barrierN/2 {
		b.Abort() // CPython raises RuntimeError and aborts in the handler
		return
	}
	if _, err := b.Wait(); errors.Is(err, thread.ErrBrokenBarrier) {
		results2.Add(1)
	} else {
		results1.Add(1)
	}
}

// BR-06; CPython: Lib/test/lock_tests.py BarrierTests.test_abort
func TestBarrierAbort(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := thread.NewBarrier(barrierN, thread.Timeout(barrierTimeout))
		var results1, results2 atomic.Int32
		runParties(barrierN, func() { abortOrBreak(t, b, &results1, &results2) })
		if results1.Load() != 0 || results2.Load() != barrierN-1 {
			t.Errorf("passed, broken = %d, %d; want 0, %d", results1.Load(), results2.Load(), barrierN-1)
		}
		if !b.Broken() {
			t.Error("Broken() = false after Abort")
		}
		if _, err := b.Wait(); !errors.Is(err, thread.ErrBrokenBarrier) {
			t.Errorf("Wait() after Abort = %v; want %v", err, thread.ErrBrokenBarrier)
		}
	})
}

// BR-07; CPython: Lib/test/lock_tests.py BarrierTests.test_reset
func TestBarrierReset(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := thread.NewBarrier(barrierN, thread.Timeout(barrierTimeout))
		var results1, results2, results3 atomic.Int32
		runParties(barrierN, func() {
			i, err := b.Wait()
			if err != nil {
				t.Errorf("first Wait() = %v", err)
			}
			if i == barrierN/2 {
				// Wait until the other goroutines are all in the barrier.
				for b.NWaiting() < barrierN-1 {
					time.Sleep(time.Millisecond)
				}
				b.Reset()
			} else if _, err := b.Wait(); errors.Is(err, thread.ErrBrokenBarrier) {
				results2.Add(1)
			} else {
				results1.Add(1)
			}
			// Now, pass the barrier again.
			if _, err := b.Wait(); err != nil {
				t.Errorf("Wait() after Reset = %v", err)
			}
			results3.Add(1)
		})
		if results1.Load() != 0 || results2.Load() != barrierN-1 || results3.Load() != barrierN {
			t.Errorf("results = %d, %d, %d; want 0, %d, %d", results1.Load(), results2.Load(), results3.Load(), barrierN-1, barrierN)
		}
	})
}

// BR-07; CPython: Lib/test/lock_tests.py BarrierTests.test_abort_and_reset
func TestBarrierAbortAndReset(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := thread.NewBarrier(barrierN, thread.Timeout(barrierTimeout))
		b2 := thread.NewBarrier(barrierN)
		var results1, results2, results3 atomic.Int32
		runParties(barrierN, func() {
			abortOrBreak(t, b, &results1, &results2)
			// Synchronize and reset the barrier. Must synchronize first so
			// that everyone has left it when we reset, and after so that
			// no one enters it before the reset.
			if i, _ := b2.Wait(); i == barrierN/2 {
				b.Reset()
			}
			b2.Wait()
			if _, err := b.Wait(); err != nil {
				t.Errorf("Wait() after Reset = %v", err)
			}
			results3.Add(1)
		})
		if results1.Load() != 0 || results2.Load() != barrierN-1 || results3.Load() != barrierN {
			t.Errorf("results = %d, %d, %d; want 0, %d, %d", results1.Load(), results2.Load(), results3.Load(), barrierN-1, barrierN)
		}
	})
}

// BR-08; CPython: Lib/test/lock_tests.py BarrierTests.test_timeout
func TestBarrierTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := thread.NewBarrier(barrierN, thread.Timeout(barrierTimeout))
		var broken atomic.Int32
		runParties(barrierN, func() {
			i, err := b.Wait()
			if err != nil {
				t.Errorf("first Wait() = %v", err)
			}
			if i == barrierN/2 {
				time.Sleep(time.Second) // one goroutine is late
			}
			// The default timeout is 2s, so this is shorter.
			if _, err := b.WaitTimeout(500 * time.Millisecond); errors.Is(err, thread.ErrBrokenBarrier) {
				broken.Add(1)
			}
		})
		if got := broken.Load(); got != barrierN {
			t.Errorf("%d WaitTimeout calls failed with ErrBrokenBarrier; want %d", got, barrierN)
		}
	})
}

// BR-08: the exact time a lone waiter gives up, and the barrier it leaves
// broken.
func TestBarrierTimeoutBreaks(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := thread.NewBarrier(2)
		start := time.Now()
		i, err := b.WaitTimeout(500 * time.Millisecond)
		if i != -1 || err != thread.ErrBrokenBarrier || time.Since(start) != 500*time.Millisecond {
			t.Errorf("WaitTimeout(500ms) = %d, %v after %v; want -1, %v after 500ms", i, err, time.Since(start), thread.ErrBrokenBarrier)
		}
		if !b.Broken() {
			t.Error("Broken() = false after a timeout")
		}
		start = time.Now()
		if _, err := b.Wait(); err != thread.ErrBrokenBarrier || time.Since(start) != 0 {
			t.Errorf("Wait() on a broken barrier = %v after %v; want %v at once", err, time.Since(start), thread.ErrBrokenBarrier)
		}
		if _, err := b.WaitTimeout(0); err != thread.ErrBrokenBarrier {
			t.Errorf("WaitTimeout(0) on a broken barrier = %v; want %v", err, thread.ErrBrokenBarrier)
		}
		b.Reset()
		if _, err := b.WaitTimeout(0); err != thread.ErrBrokenBarrier || !b.Broken() {
			t.Errorf("WaitTimeout(0), not the last party = %v, broken %v; want %v, broken", err, b.Broken(), thread.ErrBrokenBarrier)
		}
	})
}

// BR-09; CPython: Lib/test/lock_tests.py BarrierTests.test_default_timeout
func TestBarrierDefaultTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// A barrier with a low default timeout.
		b := thread.NewBarrier(barrierN, thread.Timeout(300*time.Millisecond))
		var broken atomic.Int32
		start := time.Now()
		runParties(barrierN, func() {
			i, err := b.Wait()
			if err != nil {
				t.Errorf("first Wait() = %v", err)
			}
			if i == barrierN/2 {
				// One goroutine is later than the default timeout.
				time.Sleep(time.Second)
			}
			if _, err := b.Wait(); errors.Is(err, thread.ErrBrokenBarrier) {
				broken.Add(1)
			}
		})
		if got := broken.Load(); got != barrierN {
			t.Errorf("%d Wait calls failed with ErrBrokenBarrier; want %d", got, barrierN)
		}
		if took := time.Since(start); took != time.Second {
			t.Errorf("took %v; want 1s (the late goroutine)", took)
		}
		// The default timeout also bounds WaitContext.
		b.Reset()
		start = time.Now()
		if _, err := b.WaitContext(context.Background()); err != thread.ErrBrokenBarrier || time.Since(start) != 300*time.Millisecond {
			t.Errorf("WaitContext = %v after %v; want %v after 300ms", err, time.Since(start), thread.ErrBrokenBarrier)
		}
	})
}

// BR-10; CPython: Lib/test/lock_tests.py BarrierTests.test_single_thread
func TestBarrierSingle(t *testing.T) {
	b := thread.NewBarrier(1)
	for range 3 {
		if i, err := b.Wait(); i != 0 || err != nil {
			t.Errorf("Wait() = %d, %v; want 0, nil", i, err)
		}
	}
	if i, err := b.WaitContext(cancelled()); i != 0 || err != nil {
		t.Errorf("WaitContext(done ctx) = %d, %v; want 0, nil: the last party never waits", i, err)
	}
}

// BR-11: BrokenBarrierError has no message; ErrBrokenBarrier has Go's
// package prefix.
func TestErrBrokenBarrier(t *testing.T) {
	if got, want := thread.ErrBrokenBarrier.Error(), "thread: broken barrier"; got != want {
		t.Errorf("ErrBrokenBarrier.Error() = %q; want %q", got, want)
	}
}

// WaitContext: the goroutine whose context ends gets ctx.Err(); the
// barrier breaks for the others.
func TestBarrierWaitContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := thread.NewBarrier(3)
		ctx, cancel := context.WithCancel(context.Background())
		other := make(chan error)
		go func() {
			_, err := b.Wait()
			other <- err
		}()
		mine := make(chan error)
		go func() {
			_, err := b.WaitContext(ctx)
			mine <- err
		}()
		synctest.Wait()
		cancel()
		if err := <-mine; err != context.Canceled {
			t.Errorf("WaitContext = %v; want %v", err, context.Canceled)
		}
		if err := <-other; err != thread.ErrBrokenBarrier {
			t.Errorf("Wait() of another party = %v; want %v", err, thread.ErrBrokenBarrier)
		}
		b.Reset()
		if _, err := b.WaitContext(cancelled()); err != context.Canceled || !b.Broken() {
			t.Errorf("WaitContext(done ctx), not the last party = %v, broken %v; want %v, broken", err, b.Broken(), context.Canceled)
		}
	})
}

// TestBarrierTimeoutRacesLastArrival lets the last party arrive at the
// instant the first one's timeout or context ends. Either the round
// completes for both or the barrier breaks for both.
func TestBarrierTimeoutRacesLastArrival(t *testing.T) {
	for i := range 200 {
		synctest.Test(t, func(t *testing.T) {
			b := thread.NewBarrier(2)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			type result struct {
				I   int
				Err error
			}
			first := make(chan result)
			go func() {
				var r result
				if i%2 == 0 {
					r.I, r.Err = b.WaitTimeout(time.Second)
				} else {
					r.I, r.Err = b.WaitContext(ctx)
				}
				first <- r
			}()
			synctest.Wait()
			if i%2 == 0 {
				time.Sleep(time.Second)
			} else {
				cancel()
			}
			var last result
			last.I, last.Err = b.Wait()
			got := []result{<-first, last}
			passed := []result{{0, nil}, {1, nil}}
			brokenErr := error(thread.ErrBrokenBarrier)
			if i%2 == 1 {
				brokenErr = context.Canceled
			}
			broken := []result{{-1, brokenErr}, {-1, thread.ErrBrokenBarrier}}
			opt := cmp.Comparer(func(a, b error) bool { return a == b })
			if !cmp.Equal(got, passed, opt) && !cmp.Equal(got, broken, opt) {
				t.Fatalf("results = %v; want %v or %v", got, passed, broken)
			}
			if cmp.Equal(got, passed, opt) == b.Broken() {
				t.Errorf("Broken() = %v after results %v", b.Broken(), got)
			}
		})
	}
}

// BR-03 under load: five goroutines pass a Barrier(5) in lockstep for many
// rounds, each round's indices are 0..4, and the action runs once per
// round before anyone leaves.
func TestBarrierManyRounds(t *testing.T) {
	const parties, rounds = 5, 1000
	var actions, arrivals atomic.Int64
	b := thread.NewBarrier(parties, thread.Action(func() { actions.Add(1) }))
	masks := make([]atomic.Int32, rounds)
	var wg sync.WaitGroup
	for g := range parties {
		wg.Go(func() {
			for r := range rounds {
				arrivals.Add(1)
				var i int
				var err error
				if g%2 == 0 {
					i, err = b.Wait()
				} else {
					i, err = b.WaitTimeout(time.Hour)
				}
				if err != nil {
					t.Errorf("round %d: Wait() = %v", r, err)
					return
				}
				masks[r].Or(1 << i)
				if got := actions.Load(); got != int64(r+1) {
					t.Errorf("round %d: %d actions ran; want %d", r, got, r+1)
				}
				if got := arrivals.Load(); got < int64(parties*(r+1)) || got > int64(parties*(r+2)-1) {
					t.Errorf("round %d: %d arrivals; want %d to %d", r, got, parties*(r+1), parties*(r+2)-1)
				}
			}
		})
	}
	wg.Wait()
	for r := range masks {
		if got := masks[r].Load(); got != 1<<parties-1 {
			t.Fatalf("round %d: indices %05b; want each of 0..4 once", r, got)
		}
	}
	if b.NWaiting() != 0 || b.Broken() {
		t.Errorf("NWaiting(), Broken() = %d, %v at the end; want 0, false", b.NWaiting(), b.Broken())
	}
}

// A round whose last party has arrived is complete: an Abort while its
// action runs does not fail it, but does fail the next round.
func TestBarrierAbortDuringAction(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		inAction, resume := make(chan struct{}), make(chan struct{})
		b := thread.NewBarrier(2, thread.Action(func() {
			close(inAction)
			<-resume
		}))
		errs := make(chan error, 3)
		go func() { _, err := b.Wait(); errs <- err }()
		synctest.Wait()
		go func() { _, err := b.Wait(); errs <- err }()
		<-inAction
		go func() { _, err := b.Wait(); errs <- err }() // the next round
		synctest.Wait()
		b.Abort()
		close(resume)
		var got []string
		for range 3 {
			err := <-errs
			got = append(got, func() string {
				if err == nil {
					return "nil"
				}
				return err.Error()
			}())
		}
		slices.Sort(got)
		if diff := cmp.Diff([]string{"nil", "nil", "thread: broken barrier"}, got); diff != "" {
			t.Errorf("errors (-want +got):\n%s", diff)
		}
	})
}

// TestBarrierAbortResetStorm aborts and resets a barrier while goroutines
// keep arriving. Every wait ends, with an index or ErrBrokenBarrier, and
// once the storm is over the barrier works again.
func TestBarrierAbortResetStorm(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const parties = 4
		b := thread.NewBarrier(parties)
		stop := make(chan struct{})
		var storm sync.WaitGroup
		storm.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				time.Sleep(time.Millisecond)
				b.Abort()
				time.Sleep(time.Millisecond)
				b.Reset()
			}
		})
		var wg sync.WaitGroup
		var passed, broken atomic.Int32
		for g := range parties {
			wg.Go(func() {
				for r := range 200 {
					var i int
					var err error
					if (g+r)%3 == 0 {
						i, err = b.WaitTimeout(time.Duration(1+r%3) * time.Millisecond)
					} else {
						i, err = b.Wait()
					}
					switch {
					case err == nil && i >= 0 && i < parties:
						passed.Add(1)
					case err == thread.ErrBrokenBarrier && i == -1:
						broken.Add(1)
						time.Sleep(time.Millisecond / 2)
					default:
						t.Errorf("Wait() = %d, %v", i, err)
					}
				}
			})
		}
		wg.Wait()
		close(stop)
		storm.Wait()
		if passed.Load()+broken.Load() != parties*200 {
			t.Errorf("%d passed + %d broken; want %d waits", passed.Load(), broken.Load(), parties*200)
		}
		b.Reset()
		indices := make([]int, parties)
		runParties(parties, func() {
			i, err := b.Wait()
			if err != nil {
				t.Errorf("Wait() after the storm = %v", err)
				return
			}
			indices[i]++
		})
		if diff := cmp.Diff([]int{1, 1, 1, 1}, indices); diff != "" {
			t.Errorf("indices after the storm (-want +got):\n%s", diff)
		}
	})
}
