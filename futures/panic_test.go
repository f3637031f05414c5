package futures_test

import (
	"errors"
	"runtime"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/pyconc/pyconc/futures"
)

// A panic becomes a *PanicError with the value and the stack of the
// panicking goroutine, from the panic down.
func TestPanicError(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		ex := k.new()
		defer ex.Shutdown()
		f := mustSubmit(t, ex, func() int { return explode() })
		_, err := f.Result()
		var pe *futures.PanicError
		if !errors.As(err, &pe) {
			t.Fatalf("error = %v; want a *PanicError", err)
		}
		if pe.Value != "kaboom" {
			t.Errorf("Value = %v; want kaboom", pe.Value)
		}
		lines := strings.Split(string(pe.Stack), "\n")
		if len(lines) < 4 || !strings.HasPrefix(lines[0], "goroutine ") || !strings.HasPrefix(lines[1], "panic(") || !strings.Contains(lines[3], "futures_test.explode") {
			t.Errorf("Stack does not start at the panic:\n%s", pe.Stack)
		}
		if s := err.Error(); !strings.HasPrefix(s, "panic: kaboom\n\n") || !strings.Contains(s, "explode") {
			t.Errorf("Error() = %q; want the value and the stack", s)
		}
	})
}

//go:noinline
func explode() int { panic("kaboom") }

// A panic whose future nobody read is logged when the executor's last
// worker exits; one that was read, or seen by a callback, is not.
func TestUnretrievedPanicReported(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		log := captureLog(t)
		ex := k.new(futures.MaxWorkers(1))
		mustSubmit(t, ex, func() int { panic("nobody reads me") })
		read := mustSubmit(t, ex, func() int { panic("read me") })
		read.Exception()
		seen := mustSubmit(t, ex, func() int { panic("a callback sees me") })
		seen.AddDoneCallback(func(*futures.Future[int]) {})
		futures.Map(ex, func(int) int { panic("nobody reads my map") }, []int{1})
		mustSubmit(t, ex, func() int { runtime.Goexit(); return 0 })
		ex.Shutdown()
		s := log.String()
		for _, want := range []string{"nobody reads me", "nobody reads my map", "task called runtime.Goexit", "exception in a task was never retrieved"} {
			if !strings.Contains(s, want) {
				t.Errorf("log lacks %q:\n%s", want, s)
			}
		}
		for _, unwanted := range []string{"read me\n", "a callback sees me"} {
			if strings.Contains(s, "panic: "+unwanted) {
				t.Errorf("log reports %q, which was retrieved:\n%s", unwanted, s)
			}
		}
	})
}

// runtime.Goexit in a task fails its future and never hangs the
// executor, even when every worker's task does it.
func TestGoexitNeverHangs(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		synctest.Test(t, func(t *testing.T) {
			captureLog(t)
			ex := k.new(futures.MaxWorkers(2))
			var fs []*futures.Future[int]
			for range 10 {
				fs = append(fs, mustSubmit(t, ex, func() int { runtime.Goexit(); return 1 }))
			}
			for _, f := range fs {
				if err := f.Exception(); !errors.Is(err, futures.ErrGoexit) {
					t.Errorf("Exception() = %v; want ErrGoexit", err)
				}
			}
			if v, err := mustSubmit(t, ex, func() int { return 7 }).Result(); v != 7 || err != nil {
				t.Errorf("after: Result() = %v, %v", v, err)
			}
			_, errs := collect(futures.Map(ex, func(i int) int {
				if i == 2 {
					runtime.Goexit()
				}
				return i
			}, []int{0, 1, 2, 3}, futures.ChunkSize(2)))
			if len(errs) != 1 || !errors.Is(errs[0], futures.ErrGoexit) {
				t.Errorf("Map with a Goexit: errors %v", errs)
			}
			ex.Shutdown()
			if n := futures.WorkersStarted(ex); n > 2+11 {
				t.Errorf("%d workers started for 11 Goexits on 2 workers", n)
			}
		})
	})
}

// An option passed where it means nothing panics naming itself and the
// call; so does a nil option.
func TestMisappliedOptions(t *testing.T) {
	ex := futures.NewThreadPoolExecutor()
	defer ex.Shutdown()
	fs := []*futures.Future[int]{successfulFuture()}
	for _, tc := range []struct {
		want string
		call func()
	}{
		{"futures: ChunkSize is not an option of NewThreadPoolExecutor (Python: TypeError)", func() { futures.NewThreadPoolExecutor(futures.ChunkSize(2)) }},
		{"futures: MaxTasksPerChild is not an option of NewThreadPoolExecutor (Python: TypeError)", func() { futures.NewThreadPoolExecutor(futures.MaxTasksPerChild(2)) }},
		{"futures: ThreadNamePrefix is not an option of NewProcessPoolExecutor (Python: TypeError)", func() { futures.NewProcessPoolExecutor(futures.ThreadNamePrefix("x")) }},
		{"futures: Timeout is not an option of NewProcessPoolExecutor (Python: TypeError)", func() { futures.NewProcessPoolExecutor(futures.Timeout(0)) }},
		{"futures: MaxWorkers is not an option of Map (Python: TypeError)", func() { futures.Map(ex, func(i int) int { return i }, []int{1}, futures.MaxWorkers(2)) }},
		{"futures: ShutdownWait is not an option of Map (Python: TypeError)", func() {
			futures.MapErr(ex, func(i int) (int, error) { return i, nil }, []int{1}, futures.ShutdownWait(true))
		}},
		{"futures: Timeout is not an option of ThreadPoolExecutor.Shutdown (Python: TypeError)", func() { ex.Shutdown(futures.Timeout(0)) }},
		{"futures: ChunkSize is not an option of ProcessPoolExecutor.Shutdown (Python: TypeError)", func() { futures.NewProcessPoolExecutor().Shutdown(futures.ChunkSize(1)) }},
		{"futures: CancelFutures is not an option of Wait (Python: TypeError)", func() { futures.Wait(fs, futures.CancelFutures(true)) }},
		{"futures: ReturnWhen is not an option of AsCompleted (Python: TypeError)", func() { futures.AsCompleted(fs, futures.FirstCompleted) }},
		{"futures: Initializer is not an option of AsCompleted (Python: TypeError)", func() { futures.AsCompleted(fs, futures.Initializer(func() {})) }},
		{"futures: nil Option passed to Wait", func() { futures.Wait(fs, nil) }},
	} {
		wantPanic(t, tc.want, tc.call)
	}
	// A misapplied option changed nothing: the executor still works.
	if v, err := mustSubmit(t, ex, func() int { return 1 }).Result(); v != 1 || err != nil {
		t.Errorf("Result() = %v, %v", v, err)
	}
}
