package futures_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pyconc/pyconc/futures"
)

// waitResult is what Wait returned, by name.
type waitResult struct{ Done, NotDone []string }

func named(n names, done, notDone []*futures.Future[int]) waitResult {
	return waitResult{n.of(done), n.of(notDone)}
}

// WT-01; CPython: Lib/test/test_concurrent_futures/test_wait.py WaitTests.test_20369.
func TestWaitDuplicates(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		ex := k.new()
		defer ex.Shutdown()
		future := mustSubmit(t, ex, func() int { return 1 * 2 })
		done, notDone := futures.Wait([]*futures.Future[int]{future, future}, futures.AllCompleted)
		if diff := cmp.Diff(waitResult{Done: []string{"future"}}, named(names{future: "future"}, done, notDone)); diff != "" {
			t.Errorf("Wait (-want +got):\n%s", diff)
		}
	})
}

// WT-03, WT-06; CPython: test_wait.py WaitTests.test_first_completed. A
// cancelled future is done at once in pyconc, so where Python's
// CANCELLED_FUTURE (cancelled, never notified) is in not_done, here it
// is done, and Wait returns at once.
func TestWaitFirstCompleted(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		synctest.Test(t, func(t *testing.T) {
			ex := k.new()
			defer ex.Shutdown()
			event := make(chan struct{})
			future1 := mustSubmit(t, ex, func() int { time.Sleep(time.Second); return 21 * 2 })
			future2 := mustSubmit(t, ex, func() int { <-event; return 0 })
			n := names{future1: "future1", future2: "future2"}
			start := time.Now()
			done, notDone := futures.Wait([]*futures.Future[int]{future1, future2}, futures.FirstCompleted)
			if diff := cmp.Diff(waitResult{[]string{"future1"}, []string{"future2"}}, named(n, done, notDone)); diff != "" {
				t.Errorf("Wait (-want +got):\n%s", diff)
			}
			if d := time.Since(start); d != time.Second {
				t.Errorf("returned after %v; want 1s", d)
			}
			cancelled := cancelledFuture()
			n[cancelled] = "CANCELLED"
			done, notDone = futures.Wait([]*futures.Future[int]{cancelled, future2}, futures.FirstCompleted)
			if diff := cmp.Diff(waitResult{[]string{"CANCELLED"}, []string{"future2"}}, named(n, done, notDone)); diff != "" {
				t.Errorf("Wait with a cancelled future (-want +got):\n%s", diff)
			}
			close(event)
			future2.Result()
		})
	})
}

// WT-03; CPython: test_wait.py WaitTests.test_first_completed_some_already_completed.
func TestWaitFirstCompletedSomeAlreadyCompleted(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		ex := k.new()
		defer ex.Shutdown()
		event := make(chan struct{})
		future1 := mustSubmit(t, ex, func() int { <-event; return 0 })
		cn, sf := cancelledAndNotifiedFuture(), successfulFuture()
		n := names{cn: "CANCELLED_AND_NOTIFIED", sf: "SUCCESSFUL", future1: "future1"}
		done, notDone := futures.Wait([]*futures.Future[int]{cn, sf, future1}, futures.FirstCompleted)
		if diff := cmp.Diff(waitResult{[]string{"CANCELLED_AND_NOTIFIED", "SUCCESSFUL"}, []string{"future1"}}, named(n, done, notDone)); diff != "" {
			t.Errorf("Wait (-want +got):\n%s", diff)
		}
		close(event)
		future1.Result()
	})
}

// WT-04; CPython: test_wait.py WaitTests.test_first_exception.
func TestWaitFirstException(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		synctest.Test(t, func(t *testing.T) {
			ex := k.new(futures.MaxWorkers(3))
			defer ex.Shutdown()
			event1, event2 := make(chan struct{}), make(chan struct{})
			future1 := mustSubmit(t, ex, func() int { return 2 * 21 })
			future2, _ := futures.SubmitErr(ex, func() (int, error) {
				<-event1
				return 0, errors.New("this is an exception")
			})
			future3 := mustSubmit(t, ex, func() int { <-event2; return 0 })
			go func() { // future1 completes before future2 fails
				future1.Result()
				close(event1)
			}()
			n := names{future1: "future1", future2: "future2", future3: "future3"}
			done, notDone := futures.Wait([]*futures.Future[int]{future1, future2, future3}, futures.FirstException)
			if diff := cmp.Diff(waitResult{[]string{"future1", "future2"}, []string{"future3"}}, named(n, done, notDone)); diff != "" {
				t.Errorf("Wait (-want +got):\n%s", diff)
			}
			close(event2)
			future3.Result()
		})
	})
}

// WT-04; CPython: test_wait.py WaitTests.test_first_exception_some_already_complete.
// CANCELLED_FUTURE counts as done here (WT-06).
func TestWaitFirstExceptionSomeAlreadyComplete(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		synctest.Test(t, func(t *testing.T) {
			ex := k.new()
			defer ex.Shutdown()
			event := make(chan struct{})
			future1, _ := futures.SubmitErr(ex, func() (int, error) { return 0, errors.New("ZeroDivisionError") })
			future2 := mustSubmit(t, ex, func() int { <-event; return 0 })
			sf, cf, cn := successfulFuture(), cancelledFuture(), cancelledAndNotifiedFuture()
			n := names{sf: "SUCCESSFUL", cf: "CANCELLED", cn: "CANCELLED_AND_NOTIFIED", future1: "future1", future2: "future2"}
			done, notDone := futures.Wait([]*futures.Future[int]{sf, cf, cn, future1, future2}, futures.FirstException)
			want := waitResult{[]string{"SUCCESSFUL", "CANCELLED", "CANCELLED_AND_NOTIFIED", "future1"}, []string{"future2"}}
			if diff := cmp.Diff(want, named(n, done, notDone)); diff != "" {
				t.Errorf("Wait (-want +got):\n%s", diff)
			}
			close(event)
			future2.Result()
		})
	})
}

// WT-04; CPython: test_wait.py WaitTests.test_first_exception_one_already_failed.
func TestWaitFirstExceptionOneAlreadyFailed(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		ex := k.new()
		defer ex.Shutdown()
		event := make(chan struct{})
		future1 := mustSubmit(t, ex, func() int { <-event; return 0 })
		ef := exceptionFuture()
		n := names{ef: "EXCEPTION", future1: "future1"}
		done, notDone := futures.Wait([]*futures.Future[int]{ef, future1}, futures.FirstException)
		if diff := cmp.Diff(waitResult{[]string{"EXCEPTION"}, []string{"future1"}}, named(n, done, notDone)); diff != "" {
			t.Errorf("Wait (-want +got):\n%s", diff)
		}
		close(event)
		future1.Result()
	})
}

// WT-04: with no failure FirstException waits for all, and a cancelled
// future is not a failure.
func TestWaitFirstExceptionNoneFails(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := futures.NewThreadPoolExecutor()
		defer ex.Shutdown()
		a := mustSubmit(t, ex, func() int { time.Sleep(time.Second); return 1 })
		b := mustSubmit(t, ex, func() int { time.Sleep(2 * time.Second); return 2 })
		c := futures.NewFuture[int]()
		go func() { time.Sleep(500 * time.Millisecond); c.Cancel() }()
		start := time.Now()
		done, notDone := futures.Wait([]*futures.Future[int]{a, b, c}, futures.FirstException)
		if len(done) != 3 || notDone != nil || time.Since(start) != 2*time.Second {
			t.Errorf("Wait returned %d done, %d not done after %v; want 3, 0, 2s", len(done), len(notDone), time.Since(start))
		}
	})
}

// WT-02; CPython: test_wait.py WaitTests.test_all_completed.
func TestWaitAllCompleted(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		ex := k.new()
		defer ex.Shutdown()
		future1, _ := futures.SubmitErr(ex, func() (int, error) { return 0, errors.New("ZeroDivisionError") })
		future2 := mustSubmit(t, ex, func() int { return 2 * 21 })
		sf, cn, ef := successfulFuture(), cancelledAndNotifiedFuture(), exceptionFuture()
		n := names{sf: "SUCCESSFUL", cn: "CANCELLED_AND_NOTIFIED", ef: "EXCEPTION", future1: "future1", future2: "future2"}
		for _, opts := range [][]futures.Option{{futures.AllCompleted}, nil} {
			done, notDone := futures.Wait([]*futures.Future[int]{sf, cn, ef, future1, future2}, opts...)
			want := waitResult{Done: []string{"SUCCESSFUL", "CANCELLED_AND_NOTIFIED", "EXCEPTION", "future1", "future2"}}
			if diff := cmp.Diff(want, named(n, done, notDone)); diff != "" {
				t.Errorf("Wait(%v) (-want +got):\n%s", opts, diff)
			}
		}
	})
}

// WT-05; CPython: test_wait.py WaitTests.test_timeout. A timeout is not an
// error.
func TestWaitTimeout(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		synctest.Test(t, func(t *testing.T) {
			ex := k.new()
			defer ex.Shutdown()
			event := make(chan struct{})
			future := mustSubmit(t, ex, func() int { <-event; return 0 })
			cn, ef, sf := cancelledAndNotifiedFuture(), exceptionFuture(), successfulFuture()
			n := names{cn: "CANCELLED_AND_NOTIFIED", ef: "EXCEPTION", sf: "SUCCESSFUL", future: "future"}
			for _, d := range []time.Duration{50 * time.Millisecond, 0, -time.Second} {
				start := time.Now()
				done, notDone := futures.Wait([]*futures.Future[int]{cn, ef, sf, future}, futures.Timeout(d), futures.AllCompleted)
				want := waitResult{[]string{"CANCELLED_AND_NOTIFIED", "EXCEPTION", "SUCCESSFUL"}, []string{"future"}}
				if diff := cmp.Diff(want, named(n, done, notDone)); diff != "" {
					t.Errorf("Timeout(%v): Wait (-want +got):\n%s", d, diff)
				}
				if took := time.Since(start); took != max(d, 0) {
					t.Errorf("Timeout(%v): returned after %v", d, took)
				}
			}
			close(event)
			future.Result()
		})
	})
}

// WaitContext returns normally when ctx is done.
func TestWaitContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		p, s := pendingFuture(), successfulFuture()
		n := names{p: "pending", s: "successful"}
		done, notDone := futures.WaitContext(ctx, []*futures.Future[int]{p, s})
		if diff := cmp.Diff(waitResult{[]string{"successful"}, []string{"pending"}}, named(n, done, notDone)); diff != "" {
			t.Errorf("WaitContext (-want +got):\n%s", diff)
		}
		go func() { p.SetResult(1) }()
		done, _ = futures.WaitContext(context.Background(), []*futures.Future[int]{p, s}, futures.FirstCompleted)
		if len(done) == 0 {
			t.Error("WaitContext(FirstCompleted) returned nothing done")
		}
		wantPanic(t, "futures: Timeout is not an option of WaitContext (Python: TypeError)", func() {
			futures.WaitContext(ctx, []*futures.Future[int]{p}, futures.Timeout(0))
		})
	})
}

// WT-07: an invalid ReturnWhen panics with Python's ValueError text, even
// when nothing needs waiting for (where Python raises only if it blocks).
func TestWaitInvalidReturnWhen(t *testing.T) {
	for _, fs := range [][]*futures.Future[int]{{successfulFuture()}, {pendingFuture()}} {
		wantPanic(t, "futures: Invalid return condition: ReturnWhen(7) (Python: ValueError)", func() {
			futures.Wait(fs, futures.ReturnWhen(7))
		})
	}
	for r, want := range map[futures.ReturnWhen]string{
		futures.FirstCompleted: "FIRST_COMPLETED", futures.FirstException: "FIRST_EXCEPTION",
		futures.AllCompleted: "ALL_COMPLETED", 0: "ReturnWhen(0)",
	} {
		if got := r.String(); got != want {
			t.Errorf("ReturnWhen(%d).String() = %q; want %q", int(r), got, want)
		}
	}
}

// WT-08: no futures.
func TestWaitEmpty(t *testing.T) {
	for _, when := range []futures.ReturnWhen{futures.FirstCompleted, futures.FirstException, futures.AllCompleted} {
		if done, notDone := futures.Wait[int](nil, when); done != nil || notDone != nil {
			t.Errorf("Wait(nil, %v) = %v, %v", when, done, notDone)
		}
	}
}

// WT-09; CPython: test_wait.py ThreadPoolWaitTests.test_pending_calls_race.
// A hundred futures released at the same instant.
func TestWaitPendingCallsRace(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		for range 20 {
			ex := k.new()
			event := make(chan struct{})
			var fs []*futures.Future[int]
			for i := range 100 {
				fs = append(fs, mustSubmit(t, ex, func() int { <-event; return i }))
			}
			close(event)
			done, notDone := futures.Wait(fs, futures.AllCompleted)
			if len(done) != 100 || notDone != nil {
				t.Fatalf("Wait returned %d done, %d not", len(done), len(notDone))
			}
			ex.Shutdown()
		}
	})
}

// Wait racing with completions in every mode: whatever the interleaving,
// the condition holds when it returns.
func TestWaitRaces(t *testing.T) {
	ex := futures.NewThreadPoolExecutor(futures.MaxWorkers(4))
	defer ex.Shutdown()
	for round := range 200 {
		fs := make([]*futures.Future[int], 8)
		for i := range fs {
			fs[i], _ = futures.SubmitErr(ex, func() (int, error) {
				if i == round%8 && round%3 == 0 {
					return 0, fmt.Errorf("failed %d", i)
				}
				return i, nil
			})
		}
		when := []futures.ReturnWhen{futures.FirstCompleted, futures.FirstException, futures.AllCompleted}[round%3]
		done, notDone := futures.Wait(fs, when)
		switch {
		case len(done)+len(notDone) != 8:
			t.Fatalf("round %d: %d + %d futures", round, len(done), len(notDone))
		case len(done) == 0:
			t.Fatalf("round %d: %v: nothing done", round, when)
		case when == futures.AllCompleted && len(notDone) != 0:
			t.Fatalf("round %d: AllCompleted with %d not done", round, len(notDone))
		}
		if when == futures.FirstException && notDone != nil {
			failed := false
			for _, f := range done {
				failed = failed || f.Exception() != nil
			}
			if !failed {
				t.Fatalf("round %d: FirstException returned early with no failure", round)
			}
		}
		futures.Wait(fs)
	}
}

// WT-05; CPython: test_wait.py WaitTests.test_timeout (future.result()
// after the wait). A Wait that times out cancels nothing: the unfinished futures go
// on, and a later Wait sees them done with their results.
func TestWaitTimeoutCancelsNothing(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := futures.NewThreadPoolExecutor(futures.MaxWorkers(1))
		defer ex.Shutdown()
		release := make(chan struct{})
		running := mustSubmit(t, ex, func() int { <-release; return 1 })
		queued := mustSubmit(t, ex, func() int { return 2 })
		fs := []*futures.Future[int]{running, queued}
		for _, when := range []futures.ReturnWhen{futures.FirstCompleted, futures.FirstException, futures.AllCompleted} {
			if done, notDone := futures.Wait(fs, when, futures.Timeout(time.Second)); done != nil || len(notDone) != 2 {
				t.Errorf("%v: Wait = %v, %v; want both not done", when, done, notDone)
			}
		}
		close(release)
		done, notDone := futures.Wait(fs)
		if len(done) != 2 || notDone != nil {
			t.Fatalf("Wait = %v, %v", done, notDone)
		}
		for i, f := range done {
			if v, err := f.Result(); v != i+1 || err != nil {
				t.Errorf("%v: Result() = %v, %v", f, v, err)
			}
		}
	})
}
