package futures

import (
	"context"
	"log/slog"
	"time"

	"github.com/pyconc/pyconc/internal/future"
)

// A Future is the result of a call that may not have finished yet: a
// value of type T or an error, which arrives once. [Submit] and
// [SubmitErr] return one for a function run by an [Executor];
// [NewFuture] makes one that the caller completes with
// [Future.SetResult] or [Future.SetException].
//
// A Future is pending, then running, then finished; or it is cancelled
// while still pending. Once it is finished or cancelled it is done, and
// stays as it is: [Future.Result] returns at once, [Future.DoneChan] is
// closed, and every waiter and done callback has been called, in the
// goroutine that completed it. A cancelled future is done at once, for
// every kind of wait (see the package documentation on TP-10 and TP-11).
//
// [Wait] and [AsCompleted] wait for many futures at once, from any
// executors; [Future.DoneChan] lets a select statement wait for one.
//
// The zero Future is pending, the same as one [NewFuture] returns. Its
// methods may be called from any goroutine. A Future must not be copied.
//
// Python: concurrent.futures.Future.
type Future[T any] struct {
	// c is the future itself, and also the engine's task: Submit queues
	// &f.c, so a submitted call costs one allocation.
	c future.Core[T]
}

// NewFuture returns a pending Future that no executor runs: the caller
// completes it with [Future.SetResult] or [Future.SetException], after
// [Future.SetRunningOrNotifyCancel] if it likes, as an Executor
// implementation would.
//
// Python: concurrent.futures.Future.
func NewFuture[T any]() *Future[T] {
	f := new(Future[T])
	f.c.Init(future.KindFuture, nil, nil, nil)
	return f
}

// Result waits until f is done and returns its value, or its error: the
// error the function returned, a *[PanicError] if it panicked, or
// [ErrCancelled] if f was cancelled (FU-07).
//
// Python: concurrent.futures.Future.result.
func (f *Future[T]) Result() (T, error) {
	_ = f.c.Wait(context.Background())
	return f.c.Outcome()
}

// ResultTimeout acts like [Future.Result] but gives up after d,
// returning [ErrTimeout] if f is not done by then. A d of zero or less
// does not wait: a done future's outcome is returned, and a pending or
// running one gives ErrTimeout at once, as Python's result(timeout=0)
// and negative timeouts do (FU-05, FU-06).
//
// Python: concurrent.futures.Future.result(timeout=...).
func (f *Future[T]) ResultTimeout(d time.Duration) (T, error) {
	if !f.c.WaitTimeout(d) {
		var zero T
		return zero, ErrTimeout
	}
	return f.c.Outcome()
}

// ResultContext acts like [Future.Result] but gives up when ctx is done,
// returning ctx.Err(). A done future's outcome is returned even when ctx
// is done already.
//
// Python: none (Go only).
func (f *Future[T]) ResultContext(ctx context.Context) (T, error) {
	if err := f.c.Wait(ctx); err != nil {
		var zero T
		return zero, err
	}
	return f.c.Outcome()
}

// Exception waits until f is done and returns its error: nil if the call
// succeeded, the error it returned or a *[PanicError] if it failed, and
// [ErrCancelled] if f was cancelled, where Python's exception() raises
// CancelledError (FU-08).
//
// Python: concurrent.futures.Future.exception.
func (f *Future[T]) Exception() error {
	_, err := f.Result()
	return err
}

// ExceptionTimeout acts like [Future.Exception] but gives up after d,
// returning [ErrTimeout] if f is not done by then. A d of zero or less
// does not wait (FU-08).
//
// Python: concurrent.futures.Future.exception(timeout=...).
func (f *Future[T]) ExceptionTimeout(d time.Duration) error {
	_, err := f.ResultTimeout(d)
	return err
}

// ExceptionContext acts like [Future.Exception] but gives up when ctx is
// done, returning ctx.Err().
//
// Python: none (Go only).
func (f *Future[T]) ExceptionContext(ctx context.Context) error {
	_, err := f.ResultContext(ctx)
	return err
}

// Done reports whether f is done: finished, with a value or an error, or
// cancelled (FU-02).
//
// Python: concurrent.futures.Future.done.
func (f *Future[T]) Done() bool { return f.c.IsDone() }

// Running reports whether f's call is running now: it has started and
// not yet finished (FU-02).
//
// Python: concurrent.futures.Future.running.
func (f *Future[T]) Running() bool { return f.c.State() == future.Running }

// Cancelled reports whether f was cancelled (FU-02).
//
// Python: concurrent.futures.Future.cancelled.
func (f *Future[T]) Cancelled() bool { return f.c.State() == future.Cancelled }

// Cancel cancels f if it is still pending: its call will never run, it is
// done with [ErrCancelled], and its done callbacks run, in the calling
// goroutine, before Cancel returns true (FU-04). Cancel also returns true
// for a future cancelled already, without running the callbacks again.
// It returns false, and changes nothing, if the call is running or
// finished (FU-03): a running call cannot be stopped.
//
// Python: concurrent.futures.Future.cancel.
func (f *Future[T]) Cancel() bool { return f.c.Cancel() }

// AddDoneCallback arranges for fn to be called with f when f is done,
// after the callbacks added before it (FU-13). It is called in the
// goroutine that completes f (a worker, or the caller of
// [Future.SetResult] or [Future.Cancel]); if f is done already, fn is
// called at once, in the calling goroutine (FU-14).
//
// A panic in fn is recovered and logged through log/slog's default
// logger as "exception calling callback for <Future at 0x…
// state=finished returned int>", with the panic and its stack; the
// later callbacks still run, and the panic never reaches the goroutine
// that completed f (FU-15). A callback counts as having looked at f's
// outcome, so a panic of f's call is not reported as never retrieved.
//
// Python: concurrent.futures.Future.add_done_callback.
func (f *Future[T]) AddDoneCallback(fn func(*Future[T])) {
	f.c.AddDoneCallback(func() { fn(f) })
}

// DoneChan returns a channel that is closed when f is done, for use in a
// select statement:
//
//	select {
//	case <-f.DoneChan():
//		v, err := f.Result() // does not block
//	case <-ctx.Done():
//	}
//
// Python: none (Go only).
func (f *Future[T]) DoneChan() <-chan struct{} { return f.c.DoneChan() }

// SetResult finishes f with the value v, waking everyone waiting for it
// and running its done callbacks in the calling goroutine. It is meant
// for the code that made f with [NewFuture].
//
// SetResult panics if f is done already, with Python's
// InvalidStateError text: "futures: FINISHED: <Future at 0x…
// state=finished returned int> (Python: InvalidStateError)", or
// CANCELLED for a cancelled future; the first outcome is kept (FU-09,
// FU-10).
//
// On a future of [Submit] it is allowed, as in Python, and wins if the
// call has not finished: a worker that takes a future finished (or
// marked running) by its caller skips the call and logs "Future <…> in
// unexpected state", as Python's worker logs it, but goes on, where
// Python's worker thread dies of the RuntimeError.
//
// Python: concurrent.futures.Future.set_result.
func (f *Future[T]) SetResult(v T) {
	if !f.c.Finish(v, nil) {
		f.invalidState()
	}
}

// SetException finishes f with the error err, as [Future.SetResult]
// finishes it with a value, and panics as SetResult does if f is done
// already. A nil err finishes f with T's zero value and no error, as
// Python's set_exception(None) leaves result() returning None.
//
// Python: concurrent.futures.Future.set_exception.
func (f *Future[T]) SetException(err error) {
	var zero T
	if !f.c.Finish(zero, err) {
		f.invalidState()
	}
}

// invalidState panics for a SetResult or SetException on a done future.
func (f *Future[T]) invalidState() {
	state := "FINISHED"
	if f.Cancelled() {
		state = "CANCELLED"
	}
	panic("futures: " + state + ": " + f.String() + " (Python: InvalidStateError)")
}

// SetRunningOrNotifyCancel marks f running, returning true, if it is
// pending; it returns false, changing nothing, if f was cancelled, and
// then the caller must not run f's call (FU-11). Code completing a
// [NewFuture] calls it before starting the work, so that a Cancel from
// then on fails.
//
// In any other state it logs "Future <Future at 0x… state=running> in
// unexpected state" through log/slog's default logger and panics with
// "futures: Future in unexpected state (Python: RuntimeError)".
//
// Python: concurrent.futures.Future.set_running_or_notify_cancel.
func (f *Future[T]) SetRunningOrNotifyCancel() bool {
	defer func() {
		if v := recover(); v != nil {
			slog.Error("Future " + f.String() + " in unexpected state")
			panic(v)
		}
	}()
	return f.c.SetRunning()
}

// String describes f as Python's repr does: "<Future at 0xc000010000
// state=pending>", "state=running", "state=cancelled", "state=finished
// returned int", or "state=finished raised *errors.errorString" (the
// type of the error; "raised panic(string)" for a call that panicked)
// (FU-12).
//
// Python: concurrent.futures.Future.__repr__.
func (f *Future[T]) String() string { return f.c.String() }
