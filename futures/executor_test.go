package futures_test

import (
	"errors"
	"fmt"
	"runtime"
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
