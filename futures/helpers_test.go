package futures_test

import (
	"errors"
	"log/slog"
	"testing"

	"github.com/pyconc/pyconc/futures"
	"github.com/pyconc/pyconc/internal/exampletest"
	"github.com/pyconc/pyconc/thread"
)

// executorKind is one way to make an executor: the Go form of CPython's
// ThreadPoolMixin and ProcessPool*Mixin, over which its executor tests
// are run by create_executor_tests.
type executorKind struct {
	name string
	new  func(opts ...futures.Option) futures.Executor
}

var executorKinds = []executorKind{
	{"ThreadPoolExecutor", func(opts ...futures.Option) futures.Executor {
		return futures.NewThreadPoolExecutor(opts...)
	}},
	{"ProcessPoolExecutor", func(opts ...futures.Option) futures.Executor {
		return futures.NewProcessPoolExecutor(opts...)
	}},
}

// forExecutors runs f as a subtest for every kind of executor.
func forExecutors(t *testing.T, f func(t *testing.T, k executorKind)) {
	t.Helper()
	for _, k := range executorKinds {
		t.Run(k.name, func(t *testing.T) { f(t, k) })
	}
}

// errOS stands for the OSError of CPython's EXCEPTION_FUTURE.
var errOS = errors.New("OSError")

// The futures of CPython's test_concurrent_futures/util.py, each made
// afresh: create_future(state=...).
func pendingFuture() *futures.Future[int] { return futures.NewFuture[int]() }

func runningFuture() *futures.Future[int] {
	f := futures.NewFuture[int]()
	f.SetRunningOrNotifyCancel()
	return f
}

func cancelledFuture() *futures.Future[int] {
	f := futures.NewFuture[int]()
	f.Cancel()
	return f
}

// cancelledAndNotifiedFuture is CANCELLED_AND_NOTIFIED_FUTURE: in pyconc
// the same state as a cancelled future.
func cancelledAndNotifiedFuture() *futures.Future[int] {
	f := cancelledFuture()
	f.SetRunningOrNotifyCancel()
	return f
}

func exceptionFuture() *futures.Future[int] {
	f := futures.NewFuture[int]()
	f.SetException(errOS)
	return f
}

func successfulFuture() *futures.Future[int] {
	f := futures.NewFuture[int]()
	f.SetResult(42)
	return f
}

// captureLog sends log/slog's default logger to a buffer until the test
// ends: CPython's assertLogs('concurrent.futures').
func captureLog(t *testing.T) *exampletest.Buffer {
	t.Helper()
	buf := new(exampletest.Buffer)
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(buf, nil)))
	t.Cleanup(func() { slog.SetDefault(old) })
	return buf
}

// mustSubmit is futures.Submit failing the test on an error.
func mustSubmit[T any](t testing.TB, ex futures.Executor, fn func() T) *futures.Future[T] {
	t.Helper()
	f, err := futures.Submit(ex, fn)
	if err != nil {
		t.Fatalf("Submit: %v", err)
	}
	return f
}

// mustPanic calls f and returns the value it panicked with, failing the
// test if it did not panic.
func mustPanic(t *testing.T, f func()) (v any) {
	t.Helper()
	defer func() {
		v = recover()
		if v == nil {
			t.Errorf("did not panic")
		}
	}()
	f()
	return nil
}

// wantPanic fails the test unless f panics with exactly want.
func wantPanic(t *testing.T, want string, f func()) {
	t.Helper()
	if got := mustPanic(t, f); got != want {
		t.Errorf("panic = %q; want %q", got, want)
	}
}

// collect returns the results an iterator yields, and its errors.
func collect[R any](seq func(func(R, error) bool)) (rs []R, errs []error) {
	for r, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		rs = append(rs, r)
	}
	return rs, errs
}

// currentThreadName is the name of the thread running the caller.
func currentThreadName() string { return thread.CurrentThread().Name() }

// goroutineID identifies the calling goroutine.
func goroutineID() int64 { return thread.GetIdent() }
