package pool_test

import (
	"context"
	"errors"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/pyconc/pyconc/pool"
)

// PL-05: apply blocks and returns the function's result; arguments are a
// closure's. CPython: _TestPool.test_apply.
func TestApply(t *testing.T) {
	p := newPool(t, pool.Processes(4))
	if v, err := pool.Apply(p, func() int { return sqr(5) }); v != 25 || err != nil {
		t.Errorf("Apply(sqr(5)) = %v, %v; want 25, nil", v, err)
	}
	x := 3
	if v, err := pool.ApplyErr(p, func() (int, error) { return sqr(x), nil }); v != 9 || err != nil {
		t.Errorf("ApplyErr(sqr(x=3)) = %v, %v; want 9, nil", v, err)
	}
}

// PL-14, PL-19: a panic comes back as a PanicError with the value and the
// stack of the goroutine that panicked; a returned error comes back as it
// is, not wrapped. CPython: _TestPool.test_traceback,
// _TestPool.test_wrapped_exception.
func TestApplyErrors(t *testing.T) {
	p := newPool(t, pool.Processes(1))
	errFoo := errors.New("foo")
	if _, err := pool.ApplyErr(p, func() (int, error) { return 0, errFoo }); err != errFoo {
		t.Errorf("ApplyErr returning errFoo: %v; want errFoo itself", err)
	}
	_, err := pool.Apply(p, raise123)
	var pe *pool.PanicError
	if !errors.As(err, &pe) || pe.Value != 123 {
		t.Fatalf("Apply of panic(123): %v; want a PanicError with value 123", err)
	}
	if !strings.Contains(string(pe.Stack), "pool_test.raise123") || !strings.HasPrefix(err.Error(), "panic: 123\n") {
		t.Errorf("PanicError does not show the panicking function:\n%s", err)
	}
	// errors.Is sees through panic(err).
	if _, err := pool.Apply(p, func() int { panic(errFoo) }); !errors.Is(err, errFoo) {
		t.Errorf("Apply of panic(errFoo): %v; want errors.Is errFoo", err)
	}
}

func raise123() int { panic(123) }

// PL-10: the error callback receives the task's error, and Get returns it.
// CPython: _TestPoolWorkerErrors.test_async_error_callback.
func TestApplyAsyncErrorCallback(t *testing.T) {
	p := newPool(t, pool.Processes(2))
	errKey := errors.New(`KeyError("key")`)
	var got error
	var cbCalled bool
	r := pool.ApplyAsyncErr(p, func() (int, error) { return 0, errKey },
		pool.ErrorCallback(func(err error) { got = err }),
		pool.Callback(func(int) { cbCalled = true }))
	if _, err := r.Get(); err != errKey {
		t.Errorf("Get() error = %v; want errKey", err)
	}
	if got != errKey || cbCalled {
		t.Errorf("error callback got %v, callback called %v; want errKey, false", got, cbCalled)
	}
}

// AR-06: the callback is called with the result before Get returns.
// CPython: no test.
func TestApplyAsyncCallbackBeforeGet(t *testing.T) {
	p := newPool(t, pool.Processes(2))
	for range 100 {
		var got []int
		r := pool.ApplyAsync(p, func() int { return 7 },
			pool.Callback(func(v int) { got = append(got, v) }),
			pool.ErrorCallback(func(error) { t.Error("error callback called") }))
		if v, err := r.Get(); v != 7 || err != nil || len(got) != 1 || got[0] != 7 {
			t.Fatalf("Get() = %v, %v with callback calls %v; want 7, nil after [7]", v, err, got)
		}
	}
}

// A panic in a callback is logged and goes no further: the result is
// still set and the worker goes on.
func TestCallbackPanics(t *testing.T) {
	logs := captureLog(t)
	p := newPool(t, pool.Processes(1))
	r := pool.ApplyAsync(p, func() int { return 1 }, pool.Callback(func(int) { panic("in callback") }))
	if v, err := r.Get(); v != 1 || err != nil {
		t.Errorf("Get() = %v, %v; want 1, nil", v, err)
	}
	if v, err := pool.Apply(p, func() int { return 2 }); v != 2 || err != nil {
		t.Errorf("Apply after a callback panic = %v, %v; want 2, nil", v, err)
	}
	if out := logs.String(); !strings.Contains(out, "pool: exception calling callback for <ApplyResult at 0x") ||
		!strings.Contains(out, "in callback") {
		t.Errorf("log = %q; want the callback's panic", out)
	}
}

// AR-01, AR-02, AR-04: Ready is false until the task completes; Successful
// panics with Python's ValueError text until then; Get returns the value
// after the task's own delay. CPython: _TestPool.test_async.
func TestAsyncResultReady(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := pool.New(pool.Processes(1))
		defer p.Terminate()
		start := time.Now()
		r := pool.ApplyAsync(p, func() int { time.Sleep(100 * time.Millisecond); return 49 })
		if r.Ready() {
			t.Error("Ready() before the task completed")
		}
		want := regexp.MustCompile(`^pool: <ApplyResult at 0x[0-9a-f]+ state=pending> not ready \(Python: ValueError\)$`)
		func() {
			defer func() {
				if msg, _ := recover().(string); !want.MatchString(msg) {
					t.Errorf("Successful() before ready panicked with %q; want %v", msg, want)
				}
			}()
			r.Successful()
		}()
		if v, err := r.Get(); v != 49 || err != nil || time.Since(start) != 100*time.Millisecond {
			t.Errorf("Get() = %v, %v after %v; want 49, nil after 100ms", v, err, time.Since(start))
		}
		if !r.Ready() || !r.Successful() {
			t.Errorf("after Get: Ready %v, Successful %v; want true, true", r.Ready(), r.Successful())
		}
		failed := pool.ApplyAsync(p, func() int { panic("x") })
		failed.Wait()
		if failed.Successful() {
			t.Error("Successful() of a panicked task = true")
		}
		failed.Get()
	})
}

// AR-03: GetTimeout gives up after the timeout with ErrTimeout, Python's
// multiprocessing.TimeoutError, and the result can still be got later.
// CPython: _TestPool.test_async_timeout.
func TestAsyncResultGetTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := pool.New(pool.Processes(3))
		defer p.Terminate()
		r := pool.ApplyAsync(p, func() int { time.Sleep(time.Second); return 36 })
		start := time.Now()
		if _, err := r.GetTimeout(100 * time.Millisecond); !errors.Is(err, pool.ErrTimeout) {
			t.Errorf("GetTimeout(100ms) error = %v; want ErrTimeout", err)
		}
		if d := time.Since(start); d != 100*time.Millisecond {
			t.Errorf("GetTimeout(100ms) gave up after %v", d)
		}
		if _, err := r.GetTimeout(0); !errors.Is(err, pool.ErrTimeout) {
			t.Errorf("GetTimeout(0) error = %v; want ErrTimeout", err)
		}
		if _, err := r.GetTimeout(-time.Second); !errors.Is(err, pool.ErrTimeout) || time.Since(start) != 100*time.Millisecond {
			t.Errorf("GetTimeout(-1s) error = %v; want ErrTimeout at once", err)
		}
		if v, err := r.GetTimeout(time.Hour); v != 36 || err != nil || time.Since(start) != time.Second {
			t.Errorf("GetTimeout(1h) = %v, %v after %v; want 36, nil after 1s", v, err, time.Since(start))
		}
	})
}

// AR-05: WaitTimeout returns whether the result is ready (Python's
// wait(timeout) returns None either way); WaitContext returns ctx.Err(),
// GetContext too; DoneChan is closed when ready. CPython: no test.
func TestAsyncResultWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := pool.New(pool.Processes(1))
		defer p.Terminate()
		release := make(chan struct{})
		r := pool.ApplyAsync(p, func() int { <-release; return 1 })
		if r.WaitTimeout(time.Second) {
			t.Error("WaitTimeout reported ready before the task finished")
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if err := r.WaitContext(ctx); err != context.DeadlineExceeded {
			t.Errorf("WaitContext = %v; want DeadlineExceeded", err)
		}
		if _, err := r.GetContext(ctx); err != context.DeadlineExceeded {
			t.Errorf("GetContext = %v; want DeadlineExceeded", err)
		}
		select {
		case <-r.DoneChan():
			t.Error("DoneChan closed before the task finished")
		default:
		}
		close(release)
		<-r.DoneChan()
		if !r.WaitTimeout(0) {
			t.Error("WaitTimeout(0) reported not ready after the task finished")
		}
		r.Wait()
		if v, err := r.GetContext(ctx); v != 1 || err != nil {
			t.Errorf("GetContext with a done context after ready = %v, %v; want 1, nil", v, err)
		}
		if s := r.String(); !regexp.MustCompile(`^<ApplyResult at 0x[0-9a-f]+ state=finished returned int>$`).MatchString(s) {
			t.Errorf("String() = %q", s)
		}
	})
}

// PL-24: Terminate fails a result whose task is running at once, and calls
// its error callback: exactly one callback runs for every result.
func TestTerminateRunningApply(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := pool.New(pool.Processes(1))
		var mu sync.Mutex
		var calls []string
		cb := pool.Callback(func(int) { mu.Lock(); calls = append(calls, "callback"); mu.Unlock() })
		ecb := pool.ErrorCallback(func(err error) {
			mu.Lock()
			calls = append(calls, err.Error())
			mu.Unlock()
		})
		running := pool.ApplyAsync(p, func() int { time.Sleep(time.Second); return 1 }, cb, ecb)
		queued := pool.ApplyAsync(p, func() int { return 2 }, cb, ecb)
		synctest.Wait()
		start := time.Now()
		go p.Terminate()
		for _, r := range []*pool.AsyncResult[int]{running, queued} {
			if _, err := r.Get(); !errors.Is(err, pool.ErrTerminated) || time.Since(start) != 0 {
				t.Errorf("Get() = %v after %v; want ErrTerminated at once", err, time.Since(start))
			}
		}
		p.Join()
		want := "pool: terminated before the result was ready"
		if len(calls) != 2 || calls[0] != want || calls[1] != want {
			t.Errorf("callbacks: %q; want the error callback twice with %q", calls, want)
		}
	})
}

// A callback that calls runtime.Goexit ends its worker, which the pool
// replaces, but the result is still set.
func TestCallbackGoexit(t *testing.T) {
	p := newPool(t, pool.Processes(1))
	r := pool.ApplyAsync(p, func() int { return 5 }, pool.Callback(func(int) { runtime.Goexit() }))
	if v, err := r.Get(); v != 5 || err != nil {
		t.Errorf("Get() = %v, %v; want 5, nil", v, err)
	}
	if name, err := pool.Apply(p, currentName); name != "PoolWorker-2" || err != nil {
		t.Errorf("next task ran in %q, %v; want PoolWorker-2", name, err)
	}
}
