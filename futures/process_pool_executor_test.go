package futures_test

import (
	"errors"
	"runtime"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pyconc/pyconc/futures"
	"github.com/pyconc/pyconc/thread"
)

// PP-01; CPython: Lib/test/test_concurrent_futures/test_process_pool.py
// (the default of ProcessPoolExecutor._max_workers).
func TestProcessPoolDefaultWorkers(t *testing.T) {
	ex := futures.NewProcessPoolExecutor()
	defer ex.Shutdown()
	if got, want := futures.MaxWorkersOf(ex), runtime.GOMAXPROCS(0); got != want {
		t.Errorf("max workers = %d; want GOMAXPROCS = %d", got, want)
	}
}

// PP-07; CPython: test_process_pool.py ProcessPoolExecutorTest.test_max_tasks_per_child.
// With MaxTasksPerChild(3) a worker is replaced after three tasks: the
// fourth runs on a new goroutine.
func TestMaxTasksPerChild(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := futures.NewProcessPoolExecutor(futures.MaxWorkers(1), futures.MaxTasksPerChild(3))
		defer ex.Shutdown()
		var ids []int64
		for range 4 {
			id, _ := mustSubmit(t, ex, goroutineID).Result()
			ids = append(ids, id)
		}
		if ids[0] != ids[1] || ids[1] != ids[2] || ids[2] == ids[3] {
			t.Errorf("workers of four tasks %v; want A, A, A, B", ids)
		}
	})
	for _, n := range []int{0, -1} {
		wantPanic(t, "futures: max_tasks_per_child must be >= 1 (Python: ValueError)", func() {
			futures.NewProcessPoolExecutor(futures.MaxTasksPerChild(n))
		})
	}
}

// PP-08; CPython: test_process_pool.py ProcessPoolExecutorTest.test_max_tasks_early_shutdown.
func TestMaxTasksEarlyShutdown(t *testing.T) {
	ex := futures.NewProcessPoolExecutor(futures.MaxWorkers(3), futures.MaxTasksPerChild(1))
	var fs []*futures.Future[int]
	for i := range 6 {
		fs = append(fs, mustSubmit(t, ex, func() int { return i * i }))
	}
	ex.Shutdown()
	var got []int
	for _, f := range fs {
		v, err := f.ResultTimeout(0)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
	}
	if diff := cmp.Diff([]int{0, 1, 4, 9, 16, 25}, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
}

// PP-09; CPython: test_process_pool.py ProcessPoolExecutorTest.test_idle_process_reuse_one,
// test_idle_process_reuse_multiple, test_saturation;
// test_shutdown.py ProcessPoolShutdownTest.test_processes_terminate.
// Workers start on demand and idle ones are reused.
func TestProcessPoolWorkersOnDemand(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := futures.NewProcessPoolExecutor(futures.MaxWorkers(4))
		for range 3 {
			mustSubmit(t, ex, func() int { return 21 * 2 }).Result()
			synctest.Wait()
		}
		if n := futures.WorkersStarted(ex); n != 1 {
			t.Errorf("three sequential tasks: %d workers; want 1", n)
		}
		// Interleaved: two at a time, then one.
		a, b := mustSubmit(t, ex, func() int { return 1 }), mustSubmit(t, ex, func() int { return 2 })
		a.Result()
		b.Result()
		mustSubmit(t, ex, func() int { return 3 }).Result()
		if n := futures.WorkersStarted(ex); n > 3 {
			t.Errorf("interleaved tasks: %d workers; want at most 3", n)
		}
		ex.Shutdown()
	})
	ex := futures.NewProcessPoolExecutor(futures.MaxWorkers(4))
	sem := thread.NewSemaphore(0)
	for range 15 * 4 {
		mustSubmit(t, ex, func() bool { sem.Acquire(); return true })
	}
	if n := futures.WorkersStarted(ex); n != 4 {
		t.Errorf("saturation: %d workers; want 4", n)
	}
	for range 15 * 4 {
		sem.Release()
	}
	ex.Shutdown()
}

// PP-07, EX-06; CPython: test_shutdown.py
// ProcessPoolShutdownTest.test_shutdown_gh_132969_case_1, _case_2: with
// MaxTasksPerChild(1), a task that fails and Shutdown(ShutdownWait(false))
// neither fail nor hang; the workers still exit (the bubble ends only
// when they have).
func TestMaxTasksFailureShutdownNoWait(t *testing.T) {
	for _, workers := range []int{2, 4} {
		synctest.Test(t, func(t *testing.T) {
			ex := futures.NewProcessPoolExecutor(futures.MaxWorkers(workers), futures.MaxTasksPerChild(1))
			good := func(n int) func() (int, error) {
				return func() (int, error) { time.Sleep(time.Duration(n) * 100 * time.Millisecond); return n, nil }
			}
			f1, _ := futures.SubmitErr(ex, good(1))
			f2, _ := futures.SubmitErr(ex, func() (int, error) { return 0, errors.New("failing task") })
			f3, _ := futures.SubmitErr(ex, good(3))
			result := 0
			for _, f := range []*futures.Future[int]{f1, f2, f3} {
				v, err := f.Result()
				if err != nil {
					break // stop at the first error
				}
				result += v
			}
			ex.Shutdown(futures.ShutdownWait(false))
			if result != 1 {
				t.Errorf("MaxWorkers(%d): result %d; want 1", workers, result)
			}
			if v, err := f3.Result(); v != 3 || err != nil {
				t.Errorf("MaxWorkers(%d): the third task: %v, %v", workers, v, err)
			}
		})
	}
}
