package pool

import (
	"github.com/pyconc/pyconc/internal/future"
	"github.com/pyconc/pyconc/internal/panics"
)

// applyTask is the engine task of one ApplyAsync, and its result: one
// allocation per call.
type applyTask[R any] struct {
	AsyncResult[R]
	fn  func() (R, error)
	vfn func() R
}

// Run calls the function, unless the result is ready already or the pool
// was terminated, and sets the result. While it runs, the task is in a
// slot, where Terminate finds it.
func (t *applyTask[R]) Run(func()) {
	p := t.p
	defer p.leave(p.enter(&t.tn))
	if p.terminated() {
		t.terminate()
	}
	if t.c.IsDone() {
		return
	}
	fn, vfn := t.fn, t.vfn
	t.fn, t.vfn = nil, nil // let what they hold go once the call returns (PL-28)
	v, err := panics.Call(func() (R, error) {
		if vfn != nil {
			return vfn(), nil
		}
		return fn()
	}, t.goexit)
	t.settle(v, err)
}

// goexit fails the result of a function that called runtime.Goexit.
func (t *applyTask[R]) goexit(e *panics.Error) {
	var zero R
	t.settle(zero, e)
}

// Drop fails the result of a task that will never run.
func (t *applyTask[R]) Drop(err error) {
	var zero R
	t.settle(zero, err)
}

func applyAsync[R any](p *Pool, fn func() (R, error), vfn func() R, call string, opts []Option) *AsyncResult[R] {
	cfg := configure(forApply, call, opts)
	t := &applyTask[R]{fn: fn, vfn: vfn}
	t.init(p, future.KindApplyResult, &cfg, call)
	if t.accept(false) {
		if err := p.eng.Submit(t); err != nil {
			t.Drop(p.submitErr(err))
		}
	}
	return &t.AsyncResult
}

// Apply calls fn in a worker of p and returns its result, waiting for it
// (PL-05). A panic in fn comes back as a [*PanicError]; a pool that is
// not running returns [ErrNotRunning] and fn is not called. Python's args
// and kwds are a closure's variables.
//
// Python: multiprocessing.pool.Pool.apply.
func Apply[R any](p *Pool, fn func() R) (R, error) {
	return applyAsync(p, nil, fn, "Apply", nil).Get()
}

// ApplyErr is [Apply] for a function that returns an error too, which
// ApplyErr returns as it is (PL-19: a pool of goroutines has nothing to
// wrap).
//
// Python: multiprocessing.pool.Pool.apply.
func ApplyErr[R any](p *Pool, fn func() (R, error)) (R, error) {
	return applyAsync(p, fn, nil, "ApplyErr", nil).Get()
}

// ApplyAsync sends fn to a worker of p and returns its [AsyncResult] at
// once. The options are [Callback] (with a func(R)) and [ErrorCallback];
// others panic. If p is not running, the result has failed already with
// [ErrNotRunning] and fn is never called.
//
// Python: multiprocessing.pool.Pool.apply_async.
func ApplyAsync[R any](p *Pool, fn func() R, opts ...Option) *AsyncResult[R] {
	return applyAsync(p, nil, fn, "ApplyAsync", opts)
}

// ApplyAsyncErr is [ApplyAsync] for a function that returns an error too,
// which becomes the result's error.
//
// Python: multiprocessing.pool.Pool.apply_async.
func ApplyAsyncErr[R any](p *Pool, fn func() (R, error), opts ...Option) *AsyncResult[R] {
	return applyAsync(p, fn, nil, "ApplyAsyncErr", opts)
}
