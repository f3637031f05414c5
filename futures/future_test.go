package futures_test

import (
	"context"
	"errors"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pyconc/pyconc/futures"
)

// stateFutures are the futures of CPython's util.py, by name.
var stateFutures = []struct {
	name string
	make func() *futures.Future[int]
	// running, done, cancelled are what the predicates report (FU-01,
	// FU-02).
	running, done, cancelled bool
}{
	{"PENDING", pendingFuture, false, false, false},
	{"RUNNING", runningFuture, true, false, false},
	{"CANCELLED", cancelledFuture, false, true, true},
	{"CANCELLED_AND_NOTIFIED", cancelledAndNotifiedFuture, false, true, true},
	{"EXCEPTION", exceptionFuture, false, true, false},
	{"SUCCESSFUL", successfulFuture, false, true, false},
}

// FU-01, FU-02; CPython: Lib/test/test_concurrent_futures/test_future.py
// FutureTests.test_running, test_done, test_cancelled.
func TestPredicates(t *testing.T) {
	for _, s := range stateFutures {
		f := s.make()
		if f.Running() != s.running || f.Done() != s.done || f.Cancelled() != s.cancelled {
			t.Errorf("%s: Running, Done, Cancelled = %v, %v, %v; want %v, %v, %v", s.name,
				f.Running(), f.Done(), f.Cancelled(), s.running, s.done, s.cancelled)
		}
	}
}

// FU-03; CPython: test_future.py FutureTests.test_cancel.
func TestCancel(t *testing.T) {
	for _, tc := range []struct {
		name          string
		make          func() *futures.Future[int]
		want          bool
		thenCancelled bool
	}{
		{"PENDING", pendingFuture, true, true},
		{"RUNNING", runningFuture, false, false},
		{"CANCELLED", cancelledFuture, true, true},
		{"CANCELLED_AND_NOTIFIED", cancelledAndNotifiedFuture, true, true},
		{"EXCEPTION", exceptionFuture, false, false},
		{"SUCCESSFUL", successfulFuture, false, false},
	} {
		f := tc.make()
		wasRunning, wasDone := f.Running(), f.Done()
		if got := f.Cancel(); got != tc.want {
			t.Errorf("%s: Cancel() = %v; want %v", tc.name, got, tc.want)
		}
		if f.Cancelled() != tc.thenCancelled {
			t.Errorf("%s: after Cancel, Cancelled() = %v", tc.name, f.Cancelled())
		}
		if !tc.thenCancelled && (f.Running() != wasRunning || f.Done() != wasDone) {
			t.Errorf("%s: a failed Cancel changed the state to %v", tc.name, f)
		}
	}
}

// FU-04; CPython: test_future.py FutureTests.test_done_callback_with_cancel.
func TestDoneCallbackWithCancel(t *testing.T) {
	f := futures.NewFuture[int]()
	calls := 0
	f.AddDoneCallback(func(g *futures.Future[int]) {
		calls++
		if !g.Cancelled() {
			t.Error("callback: Cancelled() = false")
		}
	})
	if !f.Cancel() {
		t.Fatal("Cancel() = false")
	}
	if !f.Cancel() {
		t.Fatal("second Cancel() = false")
	}
	if calls != 1 {
		t.Errorf("callback called %d times; want 1", calls)
	}
}

// FU-05, FU-06; CPython: test_future.py FutureTests.test_result_with_timeout.
func TestResultWithTimeout(t *testing.T) {
	for _, d := range []time.Duration{0, -time.Second} {
		if _, err := pendingFuture().ResultTimeout(d); err != futures.ErrTimeout {
			t.Errorf("PENDING.ResultTimeout(%v) error = %v; want ErrTimeout", d, err)
		}
		if _, err := runningFuture().ResultTimeout(d); err != futures.ErrTimeout {
			t.Errorf("RUNNING.ResultTimeout(%v) error = %v; want ErrTimeout", d, err)
		}
		if _, err := cancelledFuture().ResultTimeout(d); err != futures.ErrCancelled {
			t.Errorf("CANCELLED.ResultTimeout(%v) error = %v; want ErrCancelled", d, err)
		}
		if _, err := cancelledAndNotifiedFuture().ResultTimeout(d); err != futures.ErrCancelled {
			t.Errorf("CANCELLED_AND_NOTIFIED.ResultTimeout(%v) error = %v; want ErrCancelled", d, err)
		}
		if _, err := exceptionFuture().ResultTimeout(d); err != errOS {
			t.Errorf("EXCEPTION.ResultTimeout(%v) error = %v; want the OSError", d, err)
		}
		if v, err := successfulFuture().ResultTimeout(d); v != 42 || err != nil {
			t.Errorf("SUCCESSFUL.ResultTimeout(%v) = %v, %v; want 42, nil", d, v, err)
		}
	}
}

// FU-06: a positive timeout waits for about that long, and no longer.
func TestResultTimeoutWaits(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := futures.NewFuture[int]()
		start := time.Now()
		if _, err := f.ResultTimeout(3 * time.Second); err != futures.ErrTimeout {
			t.Fatalf("ResultTimeout = %v; want ErrTimeout", err)
		}
		if d := time.Since(start); d != 3*time.Second {
			t.Errorf("ResultTimeout(3s) gave up after %v", d)
		}
		if err := f.ExceptionTimeout(time.Second); err != futures.ErrTimeout {
			t.Errorf("ExceptionTimeout = %v; want ErrTimeout", err)
		}
	})
}

// FU-07; CPython: test_future.py FutureTests.test_result_with_success,
// test_result_with_cancel.
func TestResultBlocksUntilSetOrCancelled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := futures.NewFuture[int]()
		go func() {
			time.Sleep(time.Second) // the main goroutine is waiting by then
			f.SetResult(42)
		}()
		if v, err := f.ResultTimeout(5 * time.Second); v != 42 || err != nil {
			t.Errorf("ResultTimeout = %v, %v; want 42, nil", v, err)
		}

		g := futures.NewFuture[int]()
		go func() {
			time.Sleep(time.Second)
			g.Cancel()
		}()
		if _, err := g.Result(); err != futures.ErrCancelled {
			t.Errorf("Result of a future cancelled while waiting = %v; want ErrCancelled", err)
		}
	})
}

// FU-08; CPython: test_future.py FutureTests.test_exception_with_timeout,
// test_exception_with_success.
func TestException(t *testing.T) {
	for _, tc := range []struct {
		name string
		make func() *futures.Future[int]
		want error
	}{
		{"PENDING", pendingFuture, futures.ErrTimeout},
		{"RUNNING", runningFuture, futures.ErrTimeout},
		{"CANCELLED", cancelledFuture, futures.ErrCancelled},
		{"CANCELLED_AND_NOTIFIED", cancelledAndNotifiedFuture, futures.ErrCancelled},
		{"EXCEPTION", exceptionFuture, errOS},
		{"SUCCESSFUL", successfulFuture, nil},
	} {
		if got := tc.make().ExceptionTimeout(0); got != tc.want {
			t.Errorf("%s.ExceptionTimeout(0) = %v; want %v", tc.name, got, tc.want)
		}
	}
	synctest.Test(t, func(t *testing.T) {
		f := futures.NewFuture[int]()
		go func() {
			time.Sleep(time.Second)
			f.SetException(errOS)
		}()
		if err := f.Exception(); err != errOS {
			t.Errorf("Exception() = %v; want the OSError", err)
		}
	})
}

// The context forms give up with ctx.Err(), and return a done future's
// outcome even when ctx is done.
func TestResultContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		f := futures.NewFuture[int]()
		if _, err := f.ResultContext(ctx); err != context.DeadlineExceeded {
			t.Errorf("ResultContext = %v; want DeadlineExceeded", err)
		}
		if err := f.ExceptionContext(ctx); err != context.DeadlineExceeded {
			t.Errorf("ExceptionContext = %v; want DeadlineExceeded", err)
		}
		f.SetResult(7)
		if v, err := f.ResultContext(ctx); v != 7 || err != nil {
			t.Errorf("ResultContext of a done future with ctx done = %v, %v; want 7, nil", v, err)
		}
		if err := f.ExceptionContext(ctx); err != nil {
			t.Errorf("ExceptionContext of a done future = %v; want nil", err)
		}
		g := futures.NewFuture[int]()
		go func() {
			time.Sleep(100 * time.Millisecond)
			g.SetException(errOS)
		}()
		if err := g.ExceptionContext(context.Background()); err != errOS {
			t.Errorf("ExceptionContext = %v; want the OSError", err)
		}
	})
}

// FU-09; CPython: test_future.py FutureTests.test_multiple_set_result,
// test_multiple_set_exception.
func TestMultipleSet(t *testing.T) {
	re := regexp.MustCompile(`^futures: FINISHED: <Future at 0x[0-9a-f]+ state=finished returned int> \(Python: InvalidStateError\)$`)
	f := futures.NewFuture[int]()
	f.SetResult(1)
	if v := mustPanic(t, func() { f.SetResult(2) }); !re.MatchString(v.(string)) {
		t.Errorf("second SetResult panicked with %q", v)
	}
	if !f.Done() {
		t.Error("Done() = false")
	}
	if v, err := f.Result(); v != 1 || err != nil {
		t.Errorf("Result() = %v, %v; want the first result, 1", v, err)
	}

	re = regexp.MustCompile(`^futures: FINISHED: <Future at 0x[0-9a-f]+ state=finished raised \*errors.errorString> \(Python: InvalidStateError\)$`)
	g := futures.NewFuture[int]()
	g.SetException(errOS)
	if v := mustPanic(t, func() { g.SetException(errors.New("second")) }); !re.MatchString(v.(string)) {
		t.Errorf("second SetException panicked with %q", v)
	}
	if err := g.Exception(); err != errOS {
		t.Errorf("Exception() = %v; want the first error", err)
	}
}

// FU-10: setting a cancelled future panics with CANCELLED.
func TestSetCancelled(t *testing.T) {
	re := regexp.MustCompile(`^futures: CANCELLED: <Future at 0x[0-9a-f]+ state=cancelled> \(Python: InvalidStateError\)$`)
	for _, make := range []func() *futures.Future[int]{cancelledFuture, cancelledAndNotifiedFuture} {
		f := make()
		if v := mustPanic(t, func() { f.SetResult(1) }); !re.MatchString(v.(string)) {
			t.Errorf("SetResult on a cancelled future panicked with %q", v)
		}
		if v := mustPanic(t, func() { f.SetException(errOS) }); !re.MatchString(v.(string)) {
			t.Errorf("SetException on a cancelled future panicked with %q", v)
		}
		if _, err := f.Result(); err != futures.ErrCancelled {
			t.Errorf("Result() = %v; want ErrCancelled", err)
		}
	}
}

// SetException(nil) finishes the future with the zero value, as Python's
// set_exception(None) leaves result() returning None.
func TestSetExceptionNil(t *testing.T) {
	f := futures.NewFuture[string]()
	f.SetException(nil)
	if v, err := f.Result(); v != "" || err != nil {
		t.Errorf("Result() = %q, %v; want \"\", nil", v, err)
	}
}

// FU-11: SetRunningOrNotifyCancel in every state.
func TestSetRunningOrNotifyCancel(t *testing.T) {
	f := futures.NewFuture[int]()
	if !f.SetRunningOrNotifyCancel() || !f.Running() {
		t.Fatal("pending: SetRunningOrNotifyCancel() = false, or not running after")
	}
	if f.Cancel() {
		t.Error("Cancel() of a running future = true")
	}
	g := cancelledFuture()
	if g.SetRunningOrNotifyCancel() {
		t.Error("cancelled: SetRunningOrNotifyCancel() = true")
	}
	if !g.Cancelled() || !g.Done() {
		t.Error("cancelled future changed state")
	}
	log := captureLog(t)
	wantPanic(t, "futures: Future in unexpected state (Python: RuntimeError)", func() { f.SetRunningOrNotifyCancel() })
	if !regexp.MustCompile(`Future <Future at 0x[0-9a-f]+ state=running> in unexpected state`).MatchString(log.String()) {
		t.Errorf("log = %q; want the unexpected state", log)
	}
	wantPanic(t, "futures: Future in unexpected state (Python: RuntimeError)", func() { successfulFuture().SetRunningOrNotifyCancel() })
}

// FU-12; CPython: test_future.py FutureTests.test_repr.
func TestString(t *testing.T) {
	for _, tc := range []struct {
		f    *futures.Future[int]
		want string
	}{
		{pendingFuture(), `<Future at 0x[0-9a-f]+ state=pending>`},
		{runningFuture(), `<Future at 0x[0-9a-f]+ state=running>`},
		{cancelledFuture(), `<Future at 0x[0-9a-f]+ state=cancelled>`},
		{cancelledAndNotifiedFuture(), `<Future at 0x[0-9a-f]+ state=cancelled>`},
		{exceptionFuture(), `<Future at 0x[0-9a-f]+ state=finished raised \*errors.errorString>`},
		{successfulFuture(), `<Future at 0x[0-9a-f]+ state=finished returned int>`},
	} {
		if got := tc.f.String(); !regexp.MustCompile("^" + tc.want + "$").MatchString(got) {
			t.Errorf("String() = %q; want match for %q", got, tc.want)
		}
	}
	ex := futures.NewThreadPoolExecutor()
	defer ex.Shutdown()
	f := mustSubmit(t, ex, func() int { panic("boom") })
	f.Exception()
	if got, want := f.String(), "state=finished raised panic(string)>"; !strings.HasSuffix(got, want) {
		t.Errorf("String() of a panicked call = %q; want suffix %q", got, want)
	}
}

// FU-13; CPython: test_future.py FutureTests.test_done_callback_with_result,
// test_done_callback_with_exception. The callbacks run in order, after
// the state change, with the future.
func TestDoneCallbacks(t *testing.T) {
	f := futures.NewFuture[int]()
	var got []string
	for _, name := range []string{"first", "second", "third"} {
		f.AddDoneCallback(func(g *futures.Future[int]) {
			if g != f {
				t.Errorf("callback %s got %v; want %v", name, g, f)
			}
			v, err := g.ResultTimeout(0)
			if err != nil {
				t.Errorf("callback %s: ResultTimeout(0) = %v, %v", name, v, err)
			}
			got = append(got, name)
		})
	}
	f.SetResult(5)
	if diff := cmp.Diff([]string{"first", "second", "third"}, got); diff != "" {
		t.Errorf("callback order (-want +got):\n%s", diff)
	}

	g := futures.NewFuture[int]()
	var gotErr error
	g.AddDoneCallback(func(g *futures.Future[int]) { gotErr = g.Exception() })
	g.SetException(errOS)
	if gotErr != errOS {
		t.Errorf("callback saw Exception() = %v; want the OSError", gotErr)
	}
}

// FU-13: a callback runs in the goroutine that completed the future: for
// an executor, the worker.
func TestDoneCallbackRunsInWorker(t *testing.T) {
	ex := futures.NewThreadPoolExecutor(futures.MaxWorkers(1), futures.ThreadNamePrefix("cb"))
	defer ex.Shutdown()
	release := make(chan struct{})
	f := mustSubmit(t, ex, func() int { <-release; return 1 })
	where := make(chan string, 1)
	f.AddDoneCallback(func(*futures.Future[int]) { where <- currentThreadName() })
	close(release)
	if got := <-where; got != "cb_0" {
		t.Errorf("callback ran in %q; want the worker cb_0", got)
	}
}

// FU-14; CPython: test_future.py FutureTests.test_done_callback_already_successful,
// test_done_callback_already_failed, test_done_callback_already_cancelled.
func TestDoneCallbackAlreadyDone(t *testing.T) {
	for _, tc := range []struct {
		name  string
		f     *futures.Future[int]
		check func(*futures.Future[int]) bool
	}{
		{"successful", successfulFuture(), func(f *futures.Future[int]) bool { v, _ := f.Result(); return v == 42 }},
		{"failed", exceptionFuture(), func(f *futures.Future[int]) bool { return f.Exception() == errOS }},
		{"cancelled", cancelledFuture(), func(f *futures.Future[int]) bool { return f.Cancelled() }},
	} {
		called := false
		tc.f.AddDoneCallback(func(f *futures.Future[int]) { called = tc.check(f) })
		if !called {
			t.Errorf("%s: callback not called at once, or saw the wrong outcome", tc.name)
		}
	}
}

// FU-15; CPython: test_future.py FutureTests.test_done_callback_raises,
// test_done_callback_raises_already_succeeded.
func TestDoneCallbackPanics(t *testing.T) {
	log := captureLog(t)
	f := futures.NewFuture[int]()
	raised, later := false, false
	f.AddDoneCallback(func(*futures.Future[int]) { raised = true; panic("doh!") })
	f.AddDoneCallback(func(*futures.Future[int]) { later = true })
	f.SetResult(5) // does not panic
	if !raised || !later {
		t.Errorf("callbacks called: panicking %v, later %v; want both", raised, later)
	}
	re := regexp.MustCompile(`exception calling callback for <Future at 0x[0-9a-f]+ state=finished returned int>.*doh!`)
	if !re.MatchString(log.String()) {
		t.Errorf("log = %q; want the callback's panic", log)
	}

	log = captureLog(t)
	g := successfulFuture()
	g.AddDoneCallback(func(*futures.Future[int]) { panic("doh again!") })
	if s := log.String(); !strings.Contains(s, "exception calling callback for") || !strings.Contains(s, "doh again!") {
		t.Errorf("log = %q; want the immediate callback's panic", s)
	}
}

// FU-16: the errors are distinct sentinels; ErrTimeout is pyconc's one
// timeout error. CPython: test_future.py FutureTests.test_class_str.
func TestErrorValues(t *testing.T) {
	all := []error{futures.ErrTimeout, futures.ErrCancelled, futures.ErrBrokenExecutor, futures.ErrShutdown, futures.ErrGoexit}
	for i, a := range all {
		for j, b := range all {
			if (i == j) != errors.Is(a, b) {
				t.Errorf("errors.Is(%v, %v) = %v", a, b, errors.Is(a, b))
			}
		}
	}
	if got, want := futures.ErrShutdown.Error(), "futures: cannot schedule new futures after shutdown"; got != want {
		t.Errorf("ErrShutdown = %q; want %q", got, want)
	}
}

// FU-03, FU-04, FU-13, FU-14; CPython: test_future.py FutureTests.test_cancel,
// test_done_callback_with_cancel, test_done_callback_already_successful,
// run against a worker. Cancel racing a worker's start, and done
// callbacks added racing the completion. Cancel reports true exactly when
// the call never runs; every callback, added before, during or after the
// completion, runs exactly once; nothing is left pending.
func TestCancelAndCallbacksRaceStart(t *testing.T) {
	rounds := 2000
	if raceEnabled {
		rounds = 300
	}
	forExecutors(t, func(t *testing.T, k executorKind) {
		ex := k.new(futures.MaxWorkers(1))
		defer ex.Shutdown()
		for round := range rounds {
			// In half the rounds a call ahead, of a varying length, so
			// that f is sometimes still queued when Cancel comes,
			// sometimes starting, sometimes running.
			if round%2 == 0 {
				mustSubmit(t, ex, func() int {
					for range round % 16 {
						runtime.Gosched()
					}
					return 0
				})
			}
			var ran atomic.Bool
			f := mustSubmit(t, ex, func() int { ran.Store(true); return round })
			var calls atomic.Int32
			var wg sync.WaitGroup
			var cancelled bool
			wg.Go(func() { cancelled = f.Cancel() })
			for range 3 {
				wg.Go(func() { f.AddDoneCallback(func(*futures.Future[int]) { calls.Add(1) }) })
			}
			wg.Wait()
			v, err := f.Result()
			f.AddDoneCallback(func(*futures.Future[int]) { calls.Add(1) })
			switch {
			case cancelled != f.Cancelled():
				t.Fatalf("round %d: Cancel() = %v but Cancelled() = %v", round, cancelled, f.Cancelled())
			case cancelled && (ran.Load() || err != futures.ErrCancelled):
				t.Fatalf("round %d: cancelled, yet ran %v, error %v", round, ran.Load(), err)
			case !cancelled && (!ran.Load() || v != round || err != nil):
				t.Fatalf("round %d: not cancelled, yet ran %v, Result() = %v, %v", round, ran.Load(), v, err)
			}
			// The callbacks may still be running in the worker that
			// completed f, after Result returned.
			for calls.Load() < 4 {
				runtime.Gosched()
			}
			if n := calls.Load(); n != 4 {
				t.Fatalf("round %d: %d callback calls; want 4", round, n)
			}
		}
	})
}
