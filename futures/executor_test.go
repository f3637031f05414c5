package futures_test

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
	"weak"

	"github.com/pyconc/pyconc/futures"
)

// EX-01; CPython: Lib/test/test_concurrent_futures/executor.py
// ExecutorTest.test_submit, test_submit_keyword (a closure carries the
// arguments).
func TestSubmit(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		ex := k.new()
		defer ex.Shutdown()
		pow := func(x, y int) int {
			r := 1
			for range y {
				r *= x
			}
			return r
		}
		f := mustSubmit(t, ex, func() int { return pow(2, 8) })
		if v, err := f.Result(); v != 256 || err != nil {
			t.Errorf("Submit(pow(2, 8)).Result() = %v, %v; want 256, nil", v, err)
		}
		mul := func(x, y int) int { return x * y }
		g, err := futures.SubmitErr(ex, func() (int, error) { return mul(2, 8), nil })
		if err != nil {
			t.Fatal(err)
		}
		if v, err := g.Result(); v != 16 || err != nil {
			t.Errorf("SubmitErr(mul(2, 8)).Result() = %v, %v; want 16, nil", v, err)
		}
	})
}

// EX-19; CPython: Lib/test/test_concurrent_futures/test_deadlock.py
// ExecutorDeadlockTest.test_exit_during_func_exec_on_worker. A task's
// error, panic or runtime.Goexit is stored in its future, and the worker
// goes on.
func TestTaskFailures(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		ex := k.new(futures.MaxWorkers(1))
		defer ex.Shutdown()
		errZero := errors.New("ZeroDivisionError")
		f, _ := futures.SubmitErr(ex, func() (int, error) { return 0, errZero })
		if _, err := f.Result(); err != errZero {
			t.Errorf("SubmitErr of a failing call: error = %v; want %v", err, errZero)
		}
		g := mustSubmit(t, ex, func() int { panic(errZero) })
		var pe *futures.PanicError
		if err := g.Exception(); !errors.As(err, &pe) || pe.Value != errZero || !errors.Is(err, errZero) {
			t.Errorf("panicking call: error = %v; want a *PanicError of %v", err, errZero)
		}
		h := mustSubmit(t, ex, func() int { runtime.Goexit(); return 1 })
		if err := h.Exception(); !errors.Is(err, futures.ErrGoexit) || !errors.As(err, &pe) {
			t.Errorf("call to runtime.Goexit: error = %v; want a *PanicError matching ErrGoexit", err)
		}
		if v, err := mustSubmit(t, ex, func() int { return 3 }).Result(); v != 3 || err != nil {
			t.Errorf("after the failures, Result() = %v, %v; want 3, nil", v, err)
		}
	})
}

// EX-02; CPython: Lib/test/test_concurrent_futures/test_shutdown.py
// ExecutorShutdownTest.test_run_after_shutdown.
func TestSubmitAfterShutdown(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		ex := k.new()
		ex.Shutdown()
		f, err := futures.Submit(ex, func() int { return 1 })
		if f != nil || !errors.Is(err, futures.ErrShutdown) {
			t.Fatalf("Submit after Shutdown = %v, %v; want nil, ErrShutdown", f, err)
		}
		if got, want := err.Error(), "futures: cannot schedule new futures after shutdown"; got != want {
			t.Errorf("error = %q; want %q", got, want)
		}
		if _, err := futures.SubmitErr(ex, func() (int, error) { return 1, nil }); !errors.Is(err, futures.ErrShutdown) {
			t.Errorf("SubmitErr after Shutdown: error = %v; want ErrShutdown", err)
		}
	})
}

// EX-04: Shutdown may be called several times, also concurrently, with
// any options.
func TestShutdownTwice(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		ex := k.new()
		mustSubmit(t, ex, func() int { return 1 })
		var wg sync.WaitGroup
		for i := range 8 {
			wg.Go(func() {
				ex.Shutdown(futures.ShutdownWait(i%2 == 0), futures.CancelFutures(i%3 == 0))
			})
		}
		wg.Wait()
		ex.Shutdown()
		ex.Shutdown(futures.ShutdownWait(false))
	})
}

// EX-05; CPython: test_shutdown.py ExecutorShutdownTest.test_hang_issue12364.
func TestShutdownWaitsForQueuedWork(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		synctest.Test(t, func(t *testing.T) {
			ex := k.new(futures.MaxWorkers(5))
			fs := make([]*futures.Future[int], 50)
			for i := range fs {
				fs[i] = mustSubmit(t, ex, func() int { time.Sleep(100 * time.Millisecond); return i })
			}
			ex.Shutdown()
			for i, f := range fs {
				if !f.Done() {
					t.Fatalf("future %d not done after Shutdown", i)
				}
				if v, err := f.Result(); v != i || err != nil {
					t.Errorf("future %d: Result() = %v, %v", i, v, err)
				}
			}
		})
	})
}

// EX-06; CPython: test_shutdown.py ThreadPoolShutdownTest.test_shutdown_no_wait,
// ProcessPoolShutdownTest.test_shutdown_no_wait. Shutdown(ShutdownWait(false))
// returns while work is blocked; the work then completes and the workers
// exit (the bubble ends only when they have).
func TestShutdownNoWait(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		synctest.Test(t, func(t *testing.T) {
			ex := k.new(futures.MaxWorkers(5))
			release := make(chan struct{})
			var results []*futures.Future[int]
			for i := -5; i < 5; i++ {
				results = append(results, mustSubmit(t, ex, func() int { <-release; return max(i, -i) }))
			}
			ex.Shutdown(futures.ShutdownWait(false))
			if _, err := futures.Submit(ex, func() int { return 0 }); !errors.Is(err, futures.ErrShutdown) {
				t.Errorf("Submit after Shutdown(ShutdownWait(false)) = %v; want ErrShutdown", err)
			}
			close(release)
			for i, f := range results {
				if v, err := f.Result(); v != max(i-5, 5-i) || err != nil {
					t.Errorf("abs(%d) = %v, %v", i-5, v, err)
				}
			}
		})
	})
}

// EX-07; CPython: test_shutdown.py ExecutorShutdownTest.test_cancel_futures.
// With five workers busy, Shutdown(CancelFutures(true)) cancels exactly
// the 45 queued calls and waits for the five running ones, which finish
// normally.
func TestShutdownCancelFutures(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		synctest.Test(t, func(t *testing.T) {
			ex := k.new(futures.MaxWorkers(5))
			release := make(chan struct{})
			fs := make([]*futures.Future[int], 50)
			for i := range fs {
				fs[i] = mustSubmit(t, ex, func() int { <-release; return i })
			}
			synctest.Wait() // five workers, each blocked in a call
			done := make(chan struct{})
			go func() {
				ex.Shutdown(futures.CancelFutures(true))
				close(done)
			}()
			synctest.Wait() // Shutdown is waiting for the running calls
			cancelled := 0
			for _, f := range fs {
				if f.Cancelled() {
					cancelled++
				}
			}
			if cancelled != 45 {
				t.Errorf("%d futures cancelled; want 45", cancelled)
			}
			select {
			case <-done:
				t.Fatal("Shutdown returned while calls were running")
			default:
			}
			close(release)
			<-done
			for i, f := range fs {
				if f.Cancelled() {
					continue
				}
				if v, err := f.ResultTimeout(0); v != i || err != nil {
					t.Errorf("running future %d: ResultTimeout(0) = %v, %v", i, v, err)
				}
			}
		})
	})
}

// EX-08; CPython: test_shutdown.py ThreadPoolShutdownTest.test_context_manager_shutdown.
// "with Executor() as e:" is a deferred Shutdown, which waits, and lets a
// panic through.
func TestDeferredShutdown(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		var ex futures.Executor
		func() {
			ex = k.new(futures.MaxWorkers(5))
			defer ex.Shutdown()
			got, errs := collect(futures.Map(ex, func(x int) int { return max(x, -x) }, []int{-5, -4, -3, -2, -1, 0, 1, 2, 3, 4}))
			if want := []int{5, 4, 3, 2, 1, 0, 1, 2, 3, 4}; fmt.Sprint(got) != fmt.Sprint(want) || errs != nil {
				t.Errorf("Map(abs) = %v, %v; want %v", got, errs, want)
			}
		}()
		if _, err := futures.Submit(ex, func() int { return 0 }); !errors.Is(err, futures.ErrShutdown) {
			t.Errorf("after the deferred Shutdown, Submit = %v; want ErrShutdown", err)
		}
		v := mustPanic(t, func() {
			ex := k.new()
			defer ex.Shutdown()
			panic("raised in the with block")
		})
		if v != "raised in the with block" {
			t.Errorf("panic = %v; want it to pass the deferred Shutdown", v)
		}
	})
}

// EX-16; CPython: executor.py ExecutorTest.test_no_stale_references. The
// executor drops its reference to a call once it has run, even if the
// future is discarded.
func TestNoStaleReferences(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		ex := k.new(futures.MaxWorkers(1))
		defer ex.Shutdown()
		type object struct{ payload [64]byte }
		ran := make(chan struct{})
		var wp weak.Pointer[object]
		func() {
			obj := new(object)
			wp = weak.Make(obj)
			futures.Submit(ex, func() int { obj.payload[0] = 1; close(ran); return 0 })
		}()
		<-ran
		// The worker finishes the future after the call returns: wait for
		// it by running one more call through the only worker.
		mustSubmit(t, ex, func() int { return 0 }).Result()
		runtime.GC()
		if wp.Value() != nil {
			t.Error("the executor still references the call's object")
		}
	})
}

// EX-17; CPython: executor.py ExecutorTest.test_max_workers_negative.
func TestMaxWorkersNegative(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		for _, n := range []int{0, -1} {
			wantPanic(t, "futures: max_workers must be greater than 0 (Python: ValueError)", func() { k.new(futures.MaxWorkers(n)) })
		}
	})
}

// EX-20; CPython: test_shutdown.py ExecutorShutdownTest.test_hang_gh94440.
func TestSubmitCancelShutdown(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		synctest.Test(t, func(t *testing.T) {
			ex := k.new(futures.MaxWorkers(1))
			mustSubmit(t, ex, func() int { return 0 }).Result()
			mustSubmit(t, ex, func() int { return 0 }).Cancel()
			ex.Shutdown()
		})
	})
}

// EX-21; CPython: executor.py ExecutorTest.test_shutdown_race_issue12456.
func TestMapThenShutdown(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		ex := k.new(futures.MaxWorkers(2))
		futures.Map(ex, func(x int) string { return fmt.Sprint(x) }, []int{2, 2, 2})
		ex.Shutdown()
	})
}

// EX-23; CPython: test_shutdown.py ThreadPoolShutdownTest.test_del_shutdown,
// ProcessPoolShutdownTest.test_del_shutdown. An executor nobody references
// any more finishes its queued work, and its workers exit.
func TestDroppedExecutor(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		var started atomic.Int32
		res := func() func(func(int, error) bool) {
			ex := k.new(futures.MaxWorkers(5))
			return futures.Map(ex, func(x int) int { started.Add(1); return max(x, -x) }, []int{-5, -4, -3, -2, -1, 0, 1, 2, 3, 4})
		}()
		for range 3 {
			runtime.GC() // the cleanup closes the engine
		}
		i := -5
		for v, err := range res {
			if v != max(i, -i) || err != nil {
				t.Errorf("abs(%d) = %v, %v", i, v, err)
			}
			i++
		}
		if started.Load() != 10 {
			t.Errorf("%d calls ran; want 10", started.Load())
		}
		// goleak, at the end of the package, checks that the workers exited.
	})
}

// Shutdown waiting from one of the executor's own calls would wait for
// itself: it panics as Python's raises RuntimeError from Thread.join;
// without the wait it works.
func TestShutdownFromWorker(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		ex := k.new(futures.MaxWorkers(1))
		f := mustSubmit(t, ex, func() (v any) {
			defer func() { v = recover() }()
			ex.Shutdown()
			return nil
		})
		want := fmt.Sprintf("futures: cannot join current thread: %s.Shutdown waits for the executor's workers, and was called from one (Python: RuntimeError)", k.name)
		if v, _ := f.Result(); v != want {
			t.Errorf("Shutdown from a worker panicked with %v; want %q", v, want)
		}
		g := mustSubmit(t, ex, func() bool { ex.Shutdown(futures.ShutdownWait(false)); return true })
		if ok, err := g.Result(); !ok || err != nil {
			t.Errorf("Shutdown(ShutdownWait(false)) from a worker: %v, %v", ok, err)
		}
		ex.Shutdown()
	})
}

// EX-07, EX-04; CPython: test_shutdown.py ExecutorShutdownTest.test_cancel_futures
// (with a second, concurrent shutdown). A waiting Shutdown returns only
// when every future is done, also those that a concurrent Shutdown(CancelFutures(true)) took
// out of the queue and is still cancelling (Python's shutdown cancels
// under the lock every shutdown takes). Here the canceller is held in the
// done callback of the first queued future, with the second not yet
// cancelled, while the workers have nothing left to run.
func TestShutdownWaitsForConcurrentCancel(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		synctest.Test(t, func(t *testing.T) {
			ex := k.new(futures.MaxWorkers(1))
			release := make(chan struct{})
			mustSubmit(t, ex, func() int { <-release; return 1 })
			b := mustSubmit(t, ex, func() int { return 2 })
			c := mustSubmit(t, ex, func() int { return 3 })
			unblock := make(chan struct{})
			b.AddDoneCallback(func(*futures.Future[int]) { <-unblock })
			synctest.Wait() // the worker runs the first call
			go ex.Shutdown(futures.CancelFutures(true), futures.ShutdownWait(false))
			synctest.Wait() // in b's callback, c still pending
			close(release)
			returned := make(chan struct{})
			go func() {
				ex.Shutdown()
				if !c.Done() || !c.Cancelled() {
					t.Errorf("Shutdown returned with %v", c)
				}
				close(returned)
			}()
			synctest.Wait()
			select {
			case <-returned:
				t.Fatal("Shutdown returned while a concurrent Shutdown was cancelling")
			default:
			}
			close(unblock)
			<-returned
		})
	})
}

// EX-04, EX-07; CPython: none (Python's shutdown deadlocks here). A done
// callback of a future that Shutdown(CancelFutures(true)) cancels may
// call Shutdown itself, which does not wait for the cancelling
// Shutdown, its own caller (Python's deadlocks on its shutdown lock).
func TestShutdownFromCancelCallback(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		synctest.Test(t, func(t *testing.T) {
			ex := k.new(futures.MaxWorkers(1))
			release := make(chan struct{})
			mustSubmit(t, ex, func() int { <-release; return 1 })
			b := mustSubmit(t, ex, func() int { return 2 })
			nested := false
			b.AddDoneCallback(func(*futures.Future[int]) {
				go func() { synctest.Wait(); close(release) }()
				ex.Shutdown()
				nested = true
			})
			synctest.Wait()
			ex.Shutdown(futures.CancelFutures(true))
			if !nested || !b.Cancelled() {
				t.Errorf("nested Shutdown returned %v, %v", nested, b)
			}
		})
	})
}

// FU-09, FU-11; CPython: none (Lib/concurrent/futures/thread.py
// _WorkItem.run and _base.py set_running_or_notify_cancel). A future
// that the caller finished, or marked running, before a worker took it is skipped by the worker, which logs Python's "Future … in
// unexpected state" and goes on; where Python's worker thread dies of the
// RuntimeError, and a Go panic in a worker would end the program.
func TestSubmittedFutureSetByCaller(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		for _, tc := range []struct {
			name string
			set  func(f *futures.Future[int])
			want string // the state in the log
		}{
			{"SetResult", func(f *futures.Future[int]) { f.SetResult(42) }, "state=finished returned int"},
			{"SetException", func(f *futures.Future[int]) { f.SetException(errOS) }, "state=finished raised *errors.errorString"},
			{"SetRunningOrNotifyCancel", func(f *futures.Future[int]) { f.SetRunningOrNotifyCancel() }, "state=running"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					log := captureLog(t)
					ex := k.new(futures.MaxWorkers(1))
					defer ex.Shutdown()
					release := make(chan struct{})
					mustSubmit(t, ex, func() int { <-release; return 1 })
					ran := false
					f := mustSubmit(t, ex, func() int { ran = true; return 2 })
					tc.set(f)
					close(release)
					if v, err := mustSubmit(t, ex, func() int { return 3 }).Result(); v != 3 || err != nil {
						t.Fatalf("the next call: %v, %v", v, err)
					}
					if ran {
						t.Error("the worker ran the call of a future set by its caller")
					}
					if n := futures.WorkersStarted(ex); n != 1 {
						t.Errorf("%d workers started; want the one, going on", n)
					}
					if s := log.String(); !strings.Contains(s, tc.want+"> in unexpected state") {
						t.Errorf("log = %q; want the future in unexpected state", s)
					}
					if tc.name == "SetResult" {
						if v, err := f.Result(); v != 42 || err != nil {
							t.Errorf("Result() = %v, %v; want the caller's 42", v, err)
						}
					}
					if tc.name == "SetRunningOrNotifyCancel" {
						f.SetResult(5) // the caller that took it over finishes it
					}
				})
			})
		}
	})
}

// falseyError is an error that looks like none: a nil pointer of its
// type, or one with an empty message.
type falseyError struct{ msg string }

func (e *falseyError) Error() string {
	if e == nil {
		return ""
	}
	return e.msg
}

// No spec id (after 3.11); CPython: executor.py
// ExecutorTest.test_swallows_falsey_exceptions (gh-132063): an exception that is false in a boolean
// context is still the call's exception. The Go forms of such an error, a
// nil pointer in a non-nil error and an error with an empty message, are
// the future's error everywhere: Result, Exception, Wait(FirstException),
// MapErr and String.
func TestSwallowsNoFalseyErrors(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		ex := k.new()
		defer ex.Shutdown()
		for _, tc := range []struct {
			name string
			err  error
		}{
			{"nil pointer", (*falseyError)(nil)},
			{"empty message", &falseyError{}},
			{"errors.New(\"\")", errors.New("")},
		} {
			f, _ := futures.SubmitErr(ex, func() (int, error) { return 0, tc.err })
			if _, err := f.Result(); err != tc.err {
				t.Errorf("%s: Result() error = %#v; want %#v", tc.name, err, tc.err)
			}
			if err := f.Exception(); err != tc.err {
				t.Errorf("%s: Exception() = %#v; want %#v", tc.name, err, tc.err)
			}
			if !strings.Contains(f.String(), "state=finished raised") {
				t.Errorf("%s: String() = %s; want raised", tc.name, f)
			}
			pending := futures.NewFuture[int]()
			if done, notDone := futures.Wait([]*futures.Future[int]{f, pending}, futures.FirstException); len(done) != 1 || len(notDone) != 1 {
				t.Errorf("%s: Wait(FirstException) = %v, %v; want the failed one done at once", tc.name, done, notDone)
			}
			got, errs := collect(futures.MapErr(ex, func(i int) (int, error) {
				if i == 1 {
					return 0, tc.err
				}
				return i, nil
			}, []int{0, 1, 2}))
			if len(got) != 1 || len(errs) != 1 || errs[0] != tc.err {
				t.Errorf("%s: MapErr = %v, %#v; want [0] then the error", tc.name, got, errs)
			}
		}
	})
}

// EX-02, EX-07; CPython: test_shutdown.py ExecutorShutdownTest.test_run_after_shutdown,
// test_cancel_futures, with the submits racing the shutdown from many
// goroutines. None is
// dropped: each returns ErrShutdown, or a future whose call runs exactly
// once (or, with CancelFutures, is cancelled without running); no call
// runs after the waiting Shutdown returned, and no Submit begun after it
// succeeds.
func TestSubmitRacesShutdown(t *testing.T) {
	rounds := 100
	if raceEnabled {
		rounds = 20
	}
	for round := range rounds {
		k := executorKinds[round%2]
		cancel := round%4 >= 2
		ex := k.new(futures.MaxWorkers(1 + round%3))
		var ran, refused, late atomic.Int64
		var returned atomic.Bool // the waiting Shutdown has returned
		var mu sync.Mutex
		var fs []*futures.Future[int]
		var wg sync.WaitGroup
		start := make(chan struct{})
		for g := range 4 {
			wg.Go(func() {
				<-start
				for i := range 500 {
					after := returned.Load()
					f, err := futures.Submit(ex, func() int {
						ran.Add(1)
						if returned.Load() {
							late.Add(1)
						}
						return g*1000 + i
					})
					if err != nil {
						if !errors.Is(err, futures.ErrShutdown) {
							t.Errorf("Submit: %v", err)
						}
						refused.Add(1)
						continue // keep trying: every later one must fail too
					}
					if after {
						t.Errorf("round %d: a Submit begun after Shutdown returned succeeded", round)
					}
					mu.Lock()
					fs = append(fs, f)
					mu.Unlock()
				}
			})
		}
		close(start)
		runtime.Gosched()
		ex.Shutdown(futures.CancelFutures(cancel))
		returned.Store(true)
		wg.Wait()
		if n := late.Load(); n != 0 {
			t.Fatalf("round %d: %d calls ran after Shutdown returned", round, n)
		}
		cancelled := 0
		for _, f := range fs {
			v, err := f.ResultTimeout(0)
			switch {
			case err == futures.ErrCancelled && cancel:
				cancelled++
			case err != nil || v%1000 >= 500:
				t.Fatalf("round %d: %v: %v, %v", round, f, v, err)
			}
		}
		if got := int(ran.Load()) + cancelled; got != len(fs) {
			t.Fatalf("round %d: %d ran + %d cancelled for %d futures", round, ran.Load(), cancelled, len(fs))
		}
		if int(refused.Load())+len(fs) != 4*500 {
			t.Fatalf("round %d: %d refused + %d accepted of %d", round, refused.Load(), len(fs), 4*500)
		}
	}
}

// CPython: test_thread_pool.py ThreadPoolExecutorTest.test_hang_global_shutdown_lock
// (its fork part does not apply): a call that submits itself again, for
// ever, does not keep the executor from shutting down; the last Submit,
// in a worker, gets ErrShutdown.
func TestSelfResubmittingCallShutsDown(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		ex := k.new(futures.MaxWorkers(1))
		var last atomic.Value
		var calls atomic.Int32
		spinning := make(chan struct{})
		var submit func()
		submit = func() {
			if _, err := futures.Submit(ex, func() int {
				if calls.Add(1) == 100 {
					close(spinning)
				}
				submit()
				return 0
			}); err != nil {
				last.Store(err)
			}
		}
		submit()
		<-spinning
		ex.Shutdown()
		if err, _ := last.Load().(error); !errors.Is(err, futures.ErrShutdown) {
			t.Errorf("the last Submit from a worker: %v; want ErrShutdown", err)
		}
	})
}
