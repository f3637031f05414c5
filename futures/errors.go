package futures

import (
	"github.com/pyconc/pyconc/internal/engine"
	"github.com/pyconc/pyconc/internal/future"
	"github.com/pyconc/pyconc/internal/panics"
)

// ErrTimeout is returned by [Future.ResultTimeout] and
// [Future.ExceptionTimeout] when the future is not done in time, yielded
// by a [Map] iterator whose [Timeout] passed before the next result was
// ready, and wrapped by the error that ends an [AsCompleted] iteration
// whose Timeout passed, which adds Python's "%d (of %d) futures
// unfinished". Match it with errors.Is.
//
// It is the one timeout error of pyconc: pool.ErrTimeout is the same
// value.
//
// Python: concurrent.futures.TimeoutError (the builtin TimeoutError).
var ErrTimeout = future.ErrTimeout

// ErrCancelled is the error of a cancelled future: [Future.Result] and
// [Future.Exception] return it, and so does a [Map] iterator for a call
// that was cancelled by [CancelFutures]. Match it with errors.Is.
//
// Python: concurrent.futures.CancelledError.
var ErrCancelled = future.ErrCancelled

// ErrBrokenExecutor is matched (errors.Is) by the error of every future
// that was queued on an executor when an initializer failed, and by the
// error every later [Submit] returns. The error itself names the kind of
// executor, with Python's text: "futures: A thread initializer failed,
// the thread pool is not usable anymore", and wraps the initializer's
// error (or its *[PanicError]) as well.
//
// It is the same value as pool.ErrBrokenPool.
//
// Python: concurrent.futures.BrokenExecutor, and its subclasses
// concurrent.futures.thread.BrokenThreadPool and
// concurrent.futures.process.BrokenProcessPool.
var ErrBrokenExecutor = engine.ErrBroken

// ErrShutdown is returned by [Submit], and yielded by [Map], after
// [ThreadPoolExecutor.Shutdown] or [ProcessPoolExecutor.Shutdown]: its
// text is Python's "futures: cannot schedule new futures after shutdown".
// After the executor was shut down by thread.Shutdown, which is what
// Python's interpreter does at exit, the error returned instead reads
// "futures: cannot schedule new futures after interpreter shutdown" and
// still matches ErrShutdown with errors.Is (EX-02, EX-03).
//
// Python: the RuntimeError raised by concurrent.futures.Executor.submit
// after shutdown.
var ErrShutdown error = shutdownError{"futures: cannot schedule new futures after shutdown"}

// errInterpreterShutdown is the error of a Submit to an executor that
// thread.Shutdown shut down.
var errInterpreterShutdown error = shutdownError{"futures: cannot schedule new futures after interpreter shutdown"}

// A shutdownError is ErrShutdown or its interpreter-shutdown twin, which
// matches ErrShutdown with errors.Is.
type shutdownError struct{ text string }

func (e shutdownError) Error() string { return e.text }

func (e shutdownError) Is(target error) bool { return target == ErrShutdown }

// PanicError is a panic recovered from a task: the error of its future.
// Value is what was passed to panic and Stack the stack of the goroutine
// that panicked, taken where the panic was recovered; Error prints both.
// When Value is an error, PanicError unwraps to it, so errors.Is and
// errors.As see through a panic(err). Get it with errors.As:
//
//	var pe *futures.PanicError
//	if errors.As(err, &pe) {
//		log.Printf("task panicked: %v\n%s", pe.Value, pe.Stack)
//	}
//
// It is the same type as pool.PanicError.
//
// Python: none (Go only; Python stores the exception a task raised, which
// result() re-raises).
type PanicError = panics.Error

// ErrGoexit is the Value of the [PanicError] of a task that called
// runtime.Goexit: such a task fails its future, matched with
// errors.Is(err, ErrGoexit), and the worker it ran on is replaced.
//
// Python: none (Go only; the nearest is SystemExit raised in a task,
// which the future stores).
var ErrGoexit = panics.ErrGoexit

// brokenError is the error of a broken executor: Python's text, matching
// ErrBrokenExecutor and the initializer's failure with errors.Is.
type brokenError struct {
	text  string
	cause error
}

func (e *brokenError) Error() string { return e.text + ": " + e.cause.Error() }

func (e *brokenError) Unwrap() []error { return []error{ErrBrokenExecutor, e.cause} }
