package pool_test

import (
	"bytes"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"sync"
	"testing"

	"github.com/pyconc/pyconc/pool"
	"github.com/pyconc/pyconc/thread"
)

// newPool returns a pool that the test terminates when it ends.
func newPool(t testing.TB, opts ...pool.Option) *pool.Pool {
	t.Helper()
	p := pool.New(opts...)
	t.Cleanup(p.Terminate)
	return p
}

// sqr is CPython's test function.
func sqr(x int) int { return x * x }

// ints returns 0, 1, …, n-1.
func ints(n int) []int {
	xs := make([]int, n)
	for i := range xs {
		xs[i] = i
	}
	return xs
}

// squares returns sqr of 0, 1, …, n-1.
func squares(n int) []int {
	xs := make([]int, n)
	for i := range xs {
		xs[i] = i * i
	}
	return xs
}

// errSayWhen is CPython's SayWhenError.
var errSayWhen = errors.New("somebody said when")

// sayWhen is CPython's exception_throwing_generator: 0, 1, … total-1,
// panicking with errSayWhen at item when (at once if when is -1).
func sayWhen(total, when int) iter.Seq[int] {
	return func(yield func(int) bool) {
		if when == -1 {
			panic(errSayWhen)
		}
		for i := range total {
			if i == when {
				panic(errSayWhen)
			}
			if !yield(i) {
				return
			}
		}
	}
}

// mustPanic fails the test unless f panics with exactly want.
func mustPanic(t *testing.T, want string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		if got := fmt.Sprint(r); r == nil || got != want {
			t.Errorf("panic = %v; want %q", r, want)
		}
	}()
	f()
}

// isPanic reports whether err is a *pool.PanicError with value v.
func isPanic(err error, v any) bool {
	var pe *pool.PanicError
	return errors.As(err, &pe) && pe.Value == v
}

// logBuffer is a goroutine-safe buffer for captured log output.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// captureLog sends log/slog's default logger to a buffer until the test
// ends.
func captureLog(t *testing.T) *logBuffer {
	t.Helper()
	b := new(logBuffer)
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(b, nil)))
	t.Cleanup(func() { slog.SetDefault(old) })
	return b
}

// collect runs an IMap loop to its end, returning what it yielded.
func collect[R any](seq iter.Seq2[R, error]) ([]R, []error) {
	var rs []R
	var errs []error
	for r, err := range seq {
		rs = append(rs, r)
		errs = append(errs, err)
	}
	return rs, errs
}

// currentName is the name of the calling thread.
func currentName() string { return thread.CurrentThread().Name() }
