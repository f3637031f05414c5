package pool

import (
	"errors"

	"github.com/pyconc/pyconc/internal/engine"
	"github.com/pyconc/pyconc/internal/future"
	"github.com/pyconc/pyconc/internal/panics"
)

// ErrNotRunning is the error of work sent to a pool after [Pool.Close] or
// [Pool.Terminate]: [Apply], [Map] and the other blocking calls return it,
// the results of [ApplyAsync] and [MapAsync] fail with it, and the
// iterators of [IMap] and [IMapUnordered] yield it once. Nothing was run.
// Python raises ValueError("Pool not running") at the call (PL-23); match
// this one with errors.Is.
//
// Python: ValueError("Pool not running") from multiprocessing.pool.Pool.
var ErrNotRunning = errors.New("pool: Pool not running")

// ErrTerminated is the error of every result that was not ready when
// [Pool.Terminate] was called: Get returns it at once, even while the
// task behind the result is still running, and an [IMap] loop yields it
// once and ends.
//
// Python has no such error: the results of a terminated pool are never
// ready, and get() without a timeout waits forever (PL-24).
//
// Python: none (Go only).
var ErrTerminated = errors.New("pool: terminated before the result was ready")

// ErrTimeout is returned by [AsyncResult.GetTimeout] when the result is
// not ready in time, and yielded by an [IMap] loop whose [Timeout] passed
// before the next result was ready; the result is not lost, and a later
// wait may still get it (AR-03, PL-11). It is the same value as
// futures.ErrTimeout.
//
// Python: multiprocessing.TimeoutError.
var ErrTimeout = future.ErrTimeout

// ErrBrokenPool is matched, with errors.Is, by the error of every result
// of a pool whose [Initializer] failed: the work queued then, and all work
// sent later, fails with an error that reads "pool: a worker initializer
// failed, the pool is not usable anymore: " and the cause, and wraps both
// ErrBrokenPool and what the initializer returned or panicked with. It is
// the same value as futures.ErrBrokenExecutor.
//
// Python has no such error: its pool starts a new worker, whose
// initializer fails again, forever, and the tasks never complete (PL-30).
//
// Python: none (Go only).
var ErrBrokenPool = engine.ErrBroken

// brokenError is the error of a broken pool, matching ErrBrokenPool and
// the initializer's failure.
type brokenError struct{ cause error }

func (e *brokenError) Error() string {
	return "pool: a worker initializer failed, the pool is not usable anymore: " + e.cause.Error()
}

func (e *brokenError) Unwrap() []error { return []error{ErrBrokenPool, e.cause} }

// PanicError is the error of a task that panicked: errors.As(err, &pe)
// gives the value passed to panic and the stack of the goroutine that
// panicked. Its Unwrap returns the value if it is an error, so errors.Is
// sees through panic(err). A task that called runtime.Goexit fails with a
// PanicError whose Value is [ErrGoexit].
//
// Python: the exception a task raised, re-raised by AsyncResult.get.
type PanicError = panics.Error

// ErrGoexit is matched, with errors.Is, by the error of a task that called
// runtime.Goexit. The worker goroutine it ran on ends, and the pool starts
// another in its place.
//
// Python: SystemExit raised in a task (which also ends the worker).
var ErrGoexit = panics.ErrGoexit
