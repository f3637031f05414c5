package futures_test

import (
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"

	"github.com/pyconc/pyconc/futures"
	"github.com/pyconc/pyconc/thread"
)

// TP-01; CPython: Lib/test/test_concurrent_futures/test_thread_pool.py
// ThreadPoolExecutorTest.test_default_workers.
func TestThreadPoolDefaultWorkers(t *testing.T) {
	ex := futures.NewThreadPoolExecutor()
	defer ex.Shutdown()
	if got, want := futures.MaxWorkersOf(ex), min(32, runtime.GOMAXPROCS(0)+4); got != want {
		t.Errorf("max workers = %d; want min(32, GOMAXPROCS+4) = %d", got, want)
	}
	if n := futures.WorkersStarted(ex); n != 0 {
		t.Errorf("%d workers started before any submit; want 0", n)
	}
}

// TP-02; CPython: test_thread_pool.py ThreadPoolExecutorTest.test_idle_thread_reuse.
// Three sequential submit-and-wait calls use one worker: a worker counts
// as idle before its future is done, so the next Submit finds it free
// with no wait in between, in every ordering.
func TestThreadPoolIdleThreadReuse(t *testing.T) {
	ex := futures.NewThreadPoolExecutor()
	defer ex.Shutdown()
	for _, p := range [][2]int{{21, 2}, {6, 7}, {3, 14}} {
		mustSubmit(t, ex, func() int { return p[0] * p[1] }).Result()
	}
	if n := futures.WorkersStarted(ex); n != 1 {
		t.Errorf("%d workers started; want 1", n)
	}
}

// TP-02, TP-07; CPython: test_shutdown.py ThreadPoolShutdownTest.test_threads_terminate.
// Three blocking calls start three workers; after Shutdown none is alive.
func TestThreadPoolThreadsTerminate(t *testing.T) {
	ex := futures.NewThreadPoolExecutor(futures.ThreadNamePrefix("Terminate"))
	sem := thread.NewSemaphore(0)
	for range 3 {
		mustSubmit(t, ex, func() bool { sem.Acquire(); return true })
	}
	if n := futures.WorkersStarted(ex); n != 3 {
		t.Errorf("%d workers started; want 3", n)
	}
	for range 3 {
		sem.Release()
	}
	ex.Shutdown()
	for _, th := range thread.Enumerate() {
		if strings.HasPrefix(th.Name(), "Terminate_") {
			t.Errorf("worker %s alive after Shutdown", th.Name())
		}
	}
}

// TP-03; CPython: test_thread_pool.py ThreadPoolExecutorTest.test_saturation.
func TestThreadPoolSaturation(t *testing.T) {
	ex := futures.NewThreadPoolExecutor(futures.MaxWorkers(4))
	sem := thread.NewSemaphore(0)
	for range 15 * 4 {
		mustSubmit(t, ex, func() bool { sem.Acquire(); return true })
	}
	if n := futures.WorkersStarted(ex); n != 4 {
		t.Errorf("%d workers started; want 4", n)
	}
	for range 15 * 4 {
		sem.Release()
	}
	ex.Shutdown()
}

// TP-04; CPython: test_shutdown.py ThreadPoolShutdownTest.test_thread_names_assigned,
// test_thread_names_default.
func TestThreadPoolThreadNames(t *testing.T) {
	for _, tc := range []struct {
		opts []futures.Option
		re   string
	}{
		{[]futures.Option{futures.ThreadNamePrefix("SpecialPool")}, `^SpecialPool_[0-4]$`},
		{nil, `^ThreadPoolExecutor-\d+_[0-4]$`},
		{[]futures.Option{futures.ThreadNamePrefix("")}, `^ThreadPoolExecutor-\d+_[0-4]$`},
	} {
		ex := futures.NewThreadPoolExecutor(append(tc.opts, futures.MaxWorkers(5))...)
		var mu sync.Mutex
		seen := map[string]bool{}
		started, release := make(chan struct{}), make(chan struct{})
		var fs []*futures.Future[int]
		for range 5 {
			fs = append(fs, mustSubmit(t, ex, func() int {
				mu.Lock()
				seen[currentThreadName()] = true
				mu.Unlock()
				started <- struct{}{}
				<-release
				return 0
			}))
		}
		for range 5 { // five calls blocked at once: five workers
			<-started
		}
		close(release)
		futures.Wait(fs)
		ex.Shutdown()
		if len(seen) != 5 {
			t.Errorf("%v: %d distinct worker names; want 5", tc.opts, len(seen))
		}
		for name := range seen {
			if !regexp.MustCompile(tc.re).MatchString(name) {
				t.Errorf("worker name %q does not match %s", name, tc.re)
			}
		}
	}
	// The default prefixes count the executors.
	a, b := futures.NewThreadPoolExecutor(futures.MaxWorkers(1)), futures.NewThreadPoolExecutor(futures.MaxWorkers(1))
	na, _ := mustSubmit(t, a, currentThreadName).Result()
	nb, _ := mustSubmit(t, b, currentThreadName).Result()
	a.Shutdown()
	b.Shutdown()
	if na == nb || !strings.HasSuffix(na, "_0") || !strings.HasSuffix(nb, "_0") {
		t.Errorf("two executors' first workers are named %q and %q", na, nb)
	}
}

// TP-05; CPython: Lib/test/test_concurrent_futures/test_init.py
// InitializerMixin.test_initializer (as ThreadPoolInitializerTest and
// ProcessPool*InitializerTest). The initializer runs in each worker
// before its first call.
func TestInitializer(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		for _, form := range []string{"func()", "func() error"} {
			var mu sync.Mutex
			initialized := map[int64]bool{}
			init := func() {
				mu.Lock()
				initialized[goroutineID()] = true
				mu.Unlock()
			}
			opt := futures.Initializer(init)
			if form == "func() error" {
				opt = futures.Initializer(func() error { init(); return nil })
			}
			ex := k.new(futures.MaxWorkers(2), opt)
			release := make(chan struct{})
			var fs []*futures.Future[bool]
			for range 2 {
				fs = append(fs, mustSubmit(t, ex, func() bool {
					<-release
					mu.Lock()
					defer mu.Unlock()
					return initialized[goroutineID()]
				}))
			}
			close(release)
			for _, f := range fs {
				if ok, err := f.Result(); !ok || err != nil {
					t.Errorf("%s: a call ran in a worker whose initializer had not run", form)
				}
			}
			ex.Shutdown()
			if len(initialized) != 2 {
				t.Errorf("%s: initializer ran in %d workers; want 2", form, len(initialized))
			}
		}
	})
}

// A nil initializer is none, as Python's initializer=None.
func TestInitializerNil(t *testing.T) {
	ex := futures.NewThreadPoolExecutor(futures.Initializer[func()](nil))
	defer ex.Shutdown()
	if v, err := mustSubmit(t, ex, func() int { return 1 }).Result(); v != 1 || err != nil {
		t.Errorf("Result() = %v, %v", v, err)
	}
}

// TP-06, PP-10; CPython: test_init.py FailingInitializerMixin.test_initializer
// (as ThreadPoolFailingInitializerTest, ProcessPool*FailingInitializerTest).
func TestFailingInitializer(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		for _, tc := range []struct {
			name string
			opt  futures.Option
			want string // in the log and in the error
		}{
			{"error", futures.Initializer(func() error { return errors.New("error in initializer") }), "error in initializer"},
			{"panic", futures.Initializer(func() { panic("panic in initializer") }), "panic in initializer"},
			{"Goexit", futures.Initializer(func() { runtime.Goexit() }), "task called runtime.Goexit"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					log := captureLog(t)
					ex := k.new(futures.MaxWorkers(2), tc.opt)
					defer ex.Shutdown()
					// Queued before the worker runs its initializer:
					// the future fails with the broken error.
					f, err := futures.Submit(ex, func() int { return 1 })
					if err == nil {
						_, err = f.Result()
					}
					if !errors.Is(err, futures.ErrBrokenExecutor) {
						t.Fatalf("future of a broken executor: error %v; want ErrBrokenExecutor", err)
					}
					kind := map[string]string{"ThreadPoolExecutor": "A thread initializer failed, the thread pool is not usable anymore",
						"ProcessPoolExecutor": "A process initializer failed, the process pool is not usable anymore"}[k.name]
					if !strings.HasPrefix(err.Error(), "futures: "+kind) || !strings.Contains(err.Error(), tc.want) {
						t.Errorf("error = %q; want Python's text and the cause", err)
					}
					synctest.Wait()
					// From now on Submit fails.
					if f, err := futures.Submit(ex, func() int { return 1 }); f != nil || !errors.Is(err, futures.ErrBrokenExecutor) {
						t.Errorf("Submit to a broken executor = %v, %v; want ErrBrokenExecutor", f, err)
					}
					got := futures.Map(ex, func(i int) int { return i }, []int{1})
					if _, errs := collect(got); len(errs) != 1 || !errors.Is(errs[0], futures.ErrBrokenExecutor) {
						t.Errorf("Map on a broken executor: errors %v", errs)
					}
					if s := log.String(); !strings.Contains(s, "Exception in initializer:") || !strings.Contains(s, tc.want) {
						t.Errorf("log = %q; want the initializer's failure", s)
					}
				})
			})
		}
	})
}

// TP-08; CPython: test_shutdown.py ThreadPoolShutdownTest.test_cancel_futures_wait_false.
// Shutdown(ShutdownWait(false), CancelFutures(true)) returns at once, and
// the workers still exit (the bubble ends only when they have).
func TestThreadPoolCancelFuturesWaitFalse(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := futures.NewThreadPoolExecutor()
		release := make(chan struct{})
		f := mustSubmit(t, ex, func() string { <-release; return "apple" })
		ex.Shutdown(futures.ShutdownWait(false), futures.CancelFutures(true))
		close(release)
		if v, err := f.Result(); err != nil && err != futures.ErrCancelled || err == nil && v != "apple" {
			t.Errorf("Result() = %q, %v; want apple, or cancelled", v, err)
		}
	})
}

// TP-09 differs: ChunkSize batches the calls of a ThreadPoolExecutor too.
// Seen through the workers: one chunk of four items runs on one worker.
func TestThreadPoolChunkSizeHonoured(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := futures.NewThreadPoolExecutor(futures.MaxWorkers(4))
		defer ex.Shutdown()
		got, _ := collect(futures.Map(ex, func(int) string { return currentThreadName() }, []int{1, 2, 3, 4}, futures.ChunkSize(4)))
		if len(got) != 4 || len(slices.Compact(slices.Clone(got))) != 1 {
			t.Errorf("one chunk ran on the workers %v; want one worker", got)
		}
	})
}

// TP-10, TP-11 and AC-08, WT-06 differ: the futures cancelled by
// Shutdown(CancelFutures(true)) are done at once, for Wait and
// AsCompleted too, where Python's are never counted as done.
func TestCancelledByShutdownAreDone(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := futures.NewThreadPoolExecutor(futures.MaxWorkers(1))
		release := make(chan struct{})
		running := mustSubmit(t, ex, func() int { <-release; return 0 })
		queued := []*futures.Future[int]{mustSubmit(t, ex, func() int { return 1 }), mustSubmit(t, ex, func() int { return 2 })}
		synctest.Wait()
		ex.Shutdown(futures.ShutdownWait(false), futures.CancelFutures(true))
		for _, f := range queued {
			if !f.Done() || !f.Cancelled() {
				t.Errorf("queued future %v after Shutdown(CancelFutures(true)); want cancelled", f)
			}
		}
		done, notDone := futures.Wait(queued, futures.Timeout(0))
		if len(done) != 2 || notDone != nil {
			t.Errorf("Wait: %d done, %d not done; want 2, 0", len(done), len(notDone))
		}
		n := 0
		for _, err := range futures.AsCompleted(append(queued, running), futures.Timeout(0)) {
			if err != nil {
				if got, want := err.Error(), "pyconc: timed out: 1 (of 3) futures unfinished"; got != want {
					t.Errorf("AsCompleted error = %q; want %q", got, want)
				}
				continue
			}
			n++
		}
		if n != 2 {
			t.Errorf("AsCompleted yielded %d; want the 2 cancelled", n)
		}
		close(release)
		running.Result()
	})
}

// TP-07, EX-04: every waiting Shutdown, also among concurrent ones,
// returns only once the worker threads have stopped.
func TestConcurrentShutdownsJoin(t *testing.T) {
	for round := range 20 {
		prefix := fmt.Sprintf("Joined%d", round)
		ex := futures.NewThreadPoolExecutor(futures.ThreadNamePrefix(prefix), futures.MaxWorkers(3))
		for range 3 {
			mustSubmit(t, ex, func() int { return 0 })
		}
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				ex.Shutdown()
				for _, th := range thread.Enumerate() {
					if strings.HasPrefix(th.Name(), prefix+"_") {
						t.Errorf("worker %s alive after a Shutdown returned", th.Name())
					}
				}
			})
		}
		wg.Wait()
	}
}

// TP-02; CPython: test_thread_pool.py ThreadPoolExecutorTest.test_idle_thread_reuse,
// with calls that fail. A worker is idle before the future of a failed
// call is done,
// for a Map whose function panics as for Submit, so that the next Submit
// finds it free.
func TestThreadPoolIdleThreadReuseAfterPanic(t *testing.T) {
	ex := futures.NewThreadPoolExecutor()
	defer ex.Shutdown()
	for range 200 {
		collect(futures.Map(ex, func(int) int { panic("in map") }, []int{1}))
		mustSubmit(t, ex, func() int { panic("in submit") }).Result()
	}
	if n := futures.WorkersStarted(ex); n != 1 {
		t.Errorf("%d workers started; want 1", n)
	}
}
