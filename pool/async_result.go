package pool

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/pyconc/pyconc/internal/future"
	"github.com/pyconc/pyconc/internal/panics"
)

// An AsyncResult is the result of work sent to a pool without waiting for
// it: Python's AsyncResult (ApplyResult and MapResult). [ApplyAsync] and
// [ApplyAsyncErr] return one for a single call, [MapAsync],
// [MapAsyncErr], [StarMapAsync] and [StarMapAsyncErr] for a whole map.
//
// It is ready once the work has returned or failed, or the pool was
// terminated; from then on its value and error never change. Get and its
// forms wait for it; [AsyncResult.DoneChan] serves select. An
// AsyncResult is the same future core as futures.Future.
//
// Python: multiprocessing.pool.AsyncResult.
type AsyncResult[T any] struct {
	c       future.Core[T]
	p       *Pool
	cb      func(T)
	errback func(error)
	claimed atomic.Bool // a callback is being called, or the result was set
	tn      tnode
}

// init prepares r for pool p, with the callbacks of cfg.
func (r *AsyncResult[T]) init(p *Pool, kind future.Kind, cfg *config, call string) {
	r.p = p
	r.c.Init(kind, nil, nil, &p.report)
	r.cb = callbackFor[T](cfg, call)
	r.errback = cfg.errback
	r.tn.owner = r
}

// accept fails r if its pool is not running, reporting whether the pool
// accepted it (see Pool.accept).
func (r *AsyncResult[T]) accept(feed bool) bool {
	if !r.p.accept(feed, false) {
		var zero T
		r.settle(zero, ErrNotRunning)
		return false
	}
	return true
}

// settle makes r ready with v and err, unless it is ready already or being
// made ready: it calls the callback that applies first, so that it has
// run before Get returns (AR-06). The result is set even if the callback
// calls runtime.Goexit.
func (r *AsyncResult[T]) settle(v T, err error) {
	if r.cb != nil || r.errback != nil {
		if !r.claimed.CompareAndSwap(false, true) {
			return
		}
		defer r.finish(v, err)
		r.callback(v, err)
		return
	}
	r.finish(v, err)
}

// finish sets the result.
func (r *AsyncResult[T]) finish(v T, err error) {
	if r.c.Finish(v, err) && err != nil && r.errback != nil {
		r.c.Outcome() // the error callback saw it: do not report it again
	}
}

// terminate fails r because its pool was terminated.
func (r *AsyncResult[T]) terminate() {
	var zero T
	r.settle(zero, ErrTerminated)
}

// callback calls the callback or error callback that applies, logging a
// panic, as futures logs a panic in a done callback.
func (r *AsyncResult[T]) callback(v T, err error) {
	defer func() {
		if x := recover(); x != nil {
			slog.Error("pool: exception calling callback for "+r.c.String(), "panic", panics.New(x))
		}
	}()
	switch {
	case err == nil && r.cb != nil:
		r.cb(v)
	case err != nil && r.errback != nil:
		r.errback(err)
	}
}

// Get waits until the result is ready and returns it: the value, or the
// error the work failed with — its own error, a [*PanicError],
// [ErrTerminated], [ErrNotRunning] or an error matching [ErrBrokenPool]
// (AR-04). For a map it is the error of one failing item (see [Map]).
//
// Python: multiprocessing.pool.AsyncResult.get.
func (r *AsyncResult[T]) Get() (T, error) {
	r.c.Wait(context.Background())
	return r.c.Outcome()
}

// GetTimeout acts like [AsyncResult.Get] but gives up after d, returning
// [ErrTimeout], Python's multiprocessing.TimeoutError (AR-03); the result
// is unchanged and may be got later. A d of zero or less does not wait.
//
// Python: multiprocessing.pool.AsyncResult.get(timeout=...).
func (r *AsyncResult[T]) GetTimeout(d time.Duration) (T, error) {
	if !r.c.WaitTimeout(d) {
		var zero T
		return zero, ErrTimeout
	}
	return r.c.Outcome()
}

// GetContext acts like [AsyncResult.Get] but gives up when ctx is done,
// returning ctx.Err(); the result is unchanged and may be got later.
//
// Python: none (Go only).
func (r *AsyncResult[T]) GetContext(ctx context.Context) (T, error) {
	if err := r.c.Wait(ctx); err != nil {
		var zero T
		return zero, err
	}
	return r.c.Outcome()
}

// Wait waits until the result is ready.
//
// Python: multiprocessing.pool.AsyncResult.wait.
func (r *AsyncResult[T]) Wait() { r.c.Wait(context.Background()) }

// WaitTimeout waits until the result is ready or d has passed, and
// reports whether it is ready. Python's wait(timeout) returns None either
// way (AR-05); the Go form says which. A d of zero or less does not wait.
//
// Python: multiprocessing.pool.AsyncResult.wait(timeout=...).
func (r *AsyncResult[T]) WaitTimeout(d time.Duration) bool { return r.c.WaitTimeout(d) }

// WaitContext waits until the result is ready, returning nil, or until ctx
// is done, returning ctx.Err().
//
// Python: none (Go only).
func (r *AsyncResult[T]) WaitContext(ctx context.Context) error { return r.c.Wait(ctx) }

// Ready reports whether the result is ready (AR-01).
//
// Python: multiprocessing.pool.AsyncResult.ready.
func (r *AsyncResult[T]) Ready() bool { return r.c.IsDone() }

// Successful reports whether the work returned without an error. It does
// not count as reading the error (see the package documentation on
// panics).
//
// Successful panics if the result is not ready, with Python's message
// "pool: <ApplyResult at 0x… state=pending> not ready (Python:
// ValueError)" (AR-02).
//
// Python: multiprocessing.pool.AsyncResult.successful.
func (r *AsyncResult[T]) Successful() bool {
	if !r.c.IsDone() {
		panic("pool: " + r.c.String() + " not ready (Python: ValueError)")
	}
	_, err := r.c.Peek()
	return err == nil
}

// DoneChan returns a channel that is closed when the result is ready, for
// use in a select statement.
//
// Python: none (Go only).
func (r *AsyncResult[T]) DoneChan() <-chan struct{} { return r.c.DoneChan() }

// String describes the result: "<ApplyResult at 0xc000010000
// state=pending>", "<MapResult at 0xc000010000 state=finished returned
// []int>", or "… raised *errors.errorString>".
//
// Python: repr() of multiprocessing.pool.ApplyResult.
func (r *AsyncResult[T]) String() string { return r.c.String() }
