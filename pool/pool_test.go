package pool_test

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pyconc/pyconc/pool"
	"github.com/pyconc/pyconc/thread"
)

// workerNames runs n tasks at once on p, each waiting for all the others
// to start, and returns the names of the threads they ran in, sorted. It
// fails the test if an n+1th task could start while the n run, so p has
// exactly n workers.
func workerNames(t *testing.T, p *pool.Pool, n int) []string {
	t.Helper()
	release := make(chan struct{})
	var mu sync.Mutex
	var names []string
	var daemons int
	rs := make([]*pool.AsyncResult[int], n)
	for i := range rs {
		rs[i] = pool.ApplyAsync(p, func() int {
			th := thread.CurrentThread()
			mu.Lock()
			names = append(names, th.Name())
			if th.Daemon() {
				daemons++
			}
			mu.Unlock()
			<-release
			return 0
		})
	}
	synctest.Wait() // all n block in their tasks
	extra := pool.ApplyAsync(p, func() int { return 1 })
	synctest.Wait()
	if extra.Ready() {
		t.Errorf("a task beyond the %d workers ran while they were busy", n)
	}
	close(release)
	for _, r := range append(rs, extra) {
		r.Wait()
	}
	if daemons != n {
		t.Errorf("%d of %d workers are daemon threads; want all", daemons, n)
	}
	slices.Sort(names)
	return names
}

// PL-01: a pool has runtime.GOMAXPROCS(0) workers by default (Python:
// os.cpu_count()), and its repr names its state and size.
// CPython: no test.
func TestDefaultProcesses(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		n := runtime.GOMAXPROCS(0)
		p := pool.New()
		defer p.Terminate()
		if got, want := p.String(), fmt.Sprintf("<multiprocessing.pool.Pool state=RUN pool_size=%d>", n); got != want {
			t.Errorf("String() = %q; want %q", got, want)
		}
		if got := workerNames(t, p, n); len(got) != n {
			t.Errorf("%d distinct workers; want %d", len(got), n)
		}
	})
}

// PL-02: Processes(3) makes three workers, named PoolWorker-1 to 3, each a
// daemon thread. CPython: Lib/test/_test_multiprocessing.py
// _TestPool.test_make_pool.
func TestProcesses(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := pool.New(pool.Processes(3))
		defer p.Terminate()
		want := []string{"PoolWorker-1", "PoolWorker-2", "PoolWorker-3"}
		if diff := cmp.Diff(want, workerNames(t, p, 3)); diff != "" {
			t.Errorf("worker names (-want +got):\n%s", diff)
		}
	})
}

// PL-02, PL-03: fewer than one process, or a maxtasksperchild below one,
// panic with Python's ValueError text. CPython: _TestPool.test_make_pool,
// _TestPoolWorkerLifetime.test_pool_maxtasksperchild_invalid.
func TestInvalidSizes(t *testing.T) {
	for _, n := range []int{0, -1} {
		mustPanic(t, "pool: Number of processes must be at least 1 (Python: ValueError)",
			func() { pool.Processes(n) })
		mustPanic(t, "pool: maxtasksperchild must be a positive int or None (Python: ValueError)",
			func() { pool.MaxTasksPerChild(n) })
	}
}

// PL-01: repr shows RUN, then CLOSE after close(), TERMINATE after
// terminate(); a ThreadPool is named so. CPython: no test.
func TestString(t *testing.T) {
	p := pool.New(pool.Processes(4))
	if got, want := p.String(), "<multiprocessing.pool.Pool state=RUN pool_size=4>"; got != want {
		t.Errorf("String() = %q; want %q", got, want)
	}
	p.Close()
	if got, want := p.String(), "<multiprocessing.pool.Pool state=CLOSE pool_size=4>"; got != want {
		t.Errorf("after Close, String() = %q; want %q", got, want)
	}
	p.Terminate()
	if got, want := p.String(), "<multiprocessing.pool.Pool state=TERMINATE pool_size=4>"; got != want {
		t.Errorf("after Terminate, String() = %q; want %q", got, want)
	}
	p.Close() // Close after Terminate keeps TERMINATE
	if got, want := p.String(), "<multiprocessing.pool.Pool state=TERMINATE pool_size=4>"; got != want {
		t.Errorf("after Terminate and Close, String() = %q; want %q", got, want)
	}
	tp := pool.NewThreadPool(pool.Processes(2))
	defer tp.Terminate()
	if got, want := tp.String(), "<multiprocessing.pool.ThreadPool state=RUN pool_size=2>"; got != want {
		t.Errorf("ThreadPool String() = %q; want %q", got, want)
	}
}

// A ThreadPool is a Pool: every function takes it.
func TestThreadPool(t *testing.T) {
	var tp *pool.ThreadPool = pool.NewThreadPool(pool.Processes(2))
	defer tp.Terminate()
	got, err := pool.Map(tp, sqr, ints(10))
	if err != nil || !slices.Equal(got, squares(10)) {
		t.Errorf("Map on a ThreadPool = %v, %v; want %v, nil", got, err, squares(10))
	}
}

// An option passed where it has no meaning panics, naming itself.
func TestMisappliedOptions(t *testing.T) {
	p := newPool(t, pool.Processes(1))
	f := func() int { return 1 }
	for _, tc := range []struct {
		name, want string
		call       func()
	}{
		{"New/ChunkSize", "pool: ChunkSize is not an option of New",
			func() { pool.New(pool.ChunkSize(2)) }},
		{"NewThreadPool/Timeout", "pool: Timeout is not an option of NewThreadPool",
			func() { pool.NewThreadPool(pool.Timeout(time.Second)) }},
		{"New/zero", "pool: the zero Option is not an option of New",
			func() { pool.New(pool.Option{}) }},
		{"Map/Processes", "pool: Processes is not an option of Map",
			func() { pool.Map(p, sqr, ints(3), pool.Processes(2)) }},
		{"Map/Timeout", "pool: Timeout is not an option of Map",
			func() { pool.Map(p, sqr, ints(3), pool.Timeout(time.Second)) }},
		{"Map/Callback", "pool: Callback is not an option of Map",
			func() { pool.Map(p, sqr, ints(3), pool.Callback(func([]int) {})) }},
		{"StarMap/ErrorCallback", "pool: ErrorCallback is not an option of StarMap",
			func() {
				pool.StarMap(p, func(a, b int) int { return a * b }, []pool.Pair[int, int]{{1, 2}},
					pool.ErrorCallback(func(error) {}))
			}},
		{"ApplyAsync/ChunkSize", "pool: ChunkSize is not an option of ApplyAsync",
			func() { pool.ApplyAsync(p, f, pool.ChunkSize(1)) }},
		{"IMap/Callback", "pool: Callback is not an option of IMap",
			func() { pool.IMap(p, sqr, ints(3), pool.Callback(func(int) {})) }},
		{"MapAsync/MaxTasksPerChild", "pool: MaxTasksPerChild is not an option of MapAsync",
			func() { pool.MapAsync(p, sqr, ints(3), pool.MaxTasksPerChild(1)) }},
		{"ApplyAsync/Callback type", "pool: Callback takes func(string), but the result of ApplyAsync is int",
			func() { pool.ApplyAsync(p, f, pool.Callback(func(string) {})) }},
		{"MapAsync/Callback type", "pool: Callback takes func(int), but the result of MapAsync is []int",
			func() { pool.MapAsync(p, sqr, ints(3), pool.Callback(func(int) {})) }},
	} {
		t.Run(tc.name, func(t *testing.T) { mustPanic(t, tc.want, tc.call) })
	}
}

// PL-20: a worker exits after MaxTasksPerChild tasks and a new one takes
// its place: with one worker and a limit of 2, tasks run in A, A, B, B.
// CPython: _TestPoolWorkerLifetime.test_pool_worker_lifetime.
func TestMaxTasksPerChild(t *testing.T) {
	p := newPool(t, pool.Processes(1), pool.MaxTasksPerChild(2))
	var got []string
	for range 4 {
		name, err := pool.Apply(p, func() string { return thread.CurrentThread().Name() })
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, name)
	}
	want := []string{"PoolWorker-1", "PoolWorker-1", "PoolWorker-2", "PoolWorker-2"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("workers of four tasks (-want +got):\n%s", diff)
	}

	// CPython's form: three workers replaced every ten tasks, a hundred
	// tasks, every result right.
	p3 := newPool(t, pool.Processes(3), pool.MaxTasksPerChild(10))
	rs := make([]*pool.AsyncResult[string], 100)
	for i := range rs {
		rs[i] = pool.ApplyAsync(p3, func() string { return thread.CurrentThread().Name() })
	}
	names := map[string]bool{}
	for _, r := range rs {
		name, err := r.Get()
		if err != nil {
			t.Fatal(err)
		}
		names[name] = true
	}
	if len(names) < 10 {
		t.Errorf("100 tasks ran in %d workers; want at least 10 with maxtasksperchild=10", len(names))
	}
}

// PL-21: Close then Join with MaxTasksPerChild(1) and tasks still queued
// runs every task. CPython:
// _TestPoolWorkerLifetime.test_pool_worker_lifetime_early_close.
func TestMaxTasksPerChildEarlyClose(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := pool.New(pool.Processes(3), pool.MaxTasksPerChild(1))
		rs := make([]*pool.AsyncResult[int], 6)
		for i := range rs {
			rs[i] = pool.ApplyAsync(p, func() int { time.Sleep(300 * time.Millisecond); return sqr(i) })
		}
		p.Close()
		p.Join()
		for i, r := range rs {
			if !r.Ready() {
				t.Fatalf("result %d not ready after Join", i)
			}
			if v, err := r.Get(); v != sqr(i) || err != nil {
				t.Errorf("result %d = %v, %v; want %d, nil", i, v, err, sqr(i))
			}
		}
	})
}

// PL-22: Join on a running pool panics with Python's ValueError text.
// CPython: no test.
func TestJoinRunning(t *testing.T) {
	p := newPool(t, pool.Processes(1))
	mustPanic(t, "pool: Pool is still running (Python: ValueError)", p.Join)
}

// PL-23: after Close every call fails with ErrNotRunning, and nothing runs;
// Close again is fine; Join waits for the queued tasks and may be called
// again; Terminate after Join is fine. CPython: _TestPool.test_context.
func TestClosed(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := pool.New(pool.Processes(2))
		release := make(chan struct{})
		queued := make([]*pool.AsyncResult[int], 5)
		for i := range queued {
			queued[i] = pool.ApplyAsync(p, func() int { <-release; return i })
		}
		p.Close()
		p.Close()
		ran := false
		f := func() int { ran = true; return 0 }
		ef := func() (int, error) { ran = true; return 0, nil }
		g := func(x int) int { ran = true; return x }
		eg := func(x int) (int, error) { ran = true; return x, nil }
		h := func(a, b int) int { ran = true; return a }
		eh := func(a, b int) (int, error) { ran = true; return a, nil }
		pairs := []pool.Pair[int, int]{{1, 2}}
		var errbacks []error
		errback := pool.ErrorCallback(func(err error) { errbacks = append(errbacks, err) })
		errs := map[string]error{}
		_, errs["Apply"] = pool.Apply(p, f)
		_, errs["ApplyErr"] = pool.ApplyErr(p, ef)
		_, errs["ApplyAsync"] = pool.ApplyAsync(p, f, errback).Get()
		_, errs["ApplyAsyncErr"] = pool.ApplyAsyncErr(p, ef).Get()
		_, errs["Map"] = pool.Map(p, g, ints(3))
		_, errs["MapErr"] = pool.MapErr(p, eg, ints(3))
		_, errs["MapAsync"] = pool.MapAsync(p, g, ints(3), errback).Get()
		_, errs["MapAsyncErr"] = pool.MapAsyncErr(p, eg, ints(3)).Get()
		_, errs["StarMap"] = pool.StarMap(p, h, pairs)
		_, errs["StarMapErr"] = pool.StarMapErr(p, eh, pairs)
		_, errs["StarMapAsync"] = pool.StarMapAsync(p, h, pairs).Get()
		_, errs["StarMapAsyncErr"] = pool.StarMapAsyncErr(p, eh, pairs).Get()
		for name, seq := range map[string]func() ([]int, []error){
			"IMap":             func() ([]int, []error) { return collect(pool.IMap(p, g, ints(3))) },
			"IMapErr":          func() ([]int, []error) { return collect(pool.IMapErr(p, eg, slices.Values(ints(3)))) },
			"IMapUnordered":    func() ([]int, []error) { return collect(pool.IMapUnordered(p, g, ints(3))) },
			"IMapUnorderedErr": func() ([]int, []error) { return collect(pool.IMapUnorderedErr(p, eg, ints(3))) },
		} {
			rs, es := seq()
			if len(rs) != 1 || len(es) != 1 {
				t.Errorf("%s yielded %d results; want one error", name, len(rs))
				continue
			}
			errs[name] = es[0]
		}
		for name, err := range errs {
			if !errors.Is(err, pool.ErrNotRunning) || err.Error() != "pool: Pool not running" {
				t.Errorf("%s after Close: error %v; want ErrNotRunning", name, err)
			}
		}
		if len(errs) != 16 {
			t.Errorf("checked %d calls; want 16", len(errs))
		}
		if ran {
			t.Error("a function ran on a closed pool")
		}
		if len(errbacks) != 2 || !errors.Is(errbacks[0], pool.ErrNotRunning) || !errors.Is(errbacks[1], pool.ErrNotRunning) {
			t.Errorf("error callbacks got %v; want ErrNotRunning twice", errbacks)
		}

		joined := make(chan struct{})
		go func() { p.Join(); close(joined) }()
		synctest.Wait()
		select {
		case <-joined:
			t.Fatal("Join returned with queued tasks")
		default:
		}
		close(release)
		<-joined
		for i, r := range queued {
			if v, err := r.Get(); v != i || err != nil {
				t.Errorf("queued task %d = %v, %v; want %d, nil", i, v, err, i)
			}
		}
		p.Join()
		p.Terminate()
		p.Join()
	})
}

// PL-24: Terminate returns as soon as the running tasks return, however
// many are queued; every result not ready fails at once with
// ErrTerminated, where Python's never become ready. CPython:
// _TestPool.test_terminate.
func TestTerminate(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := pool.New(pool.Processes(3))
		var mu sync.Mutex
		ran := 0
		args := make([]time.Duration, 10_000)
		for i := range args {
			args[i] = time.Second
		}
		r := pool.MapAsync(p, func(d time.Duration) int {
			mu.Lock()
			ran++
			mu.Unlock()
			time.Sleep(d)
			return 0
		}, args, pool.ChunkSize(1))
		synctest.Wait() // three tasks running, the rest queued
		start := time.Now()
		var gotAt time.Duration
		var gotErr error
		got := make(chan struct{})
		go func() {
			_, gotErr = r.Get()
			gotAt = time.Since(start)
			close(got)
		}()
		synctest.Wait()
		p.Terminate()
		<-got
		if d := time.Since(start); d != time.Second {
			t.Errorf("Terminate took %v; want 1s, the running tasks' time", d)
		}
		if gotAt != 0 || !errors.Is(gotErr, pool.ErrTerminated) {
			t.Errorf("Get returned %v after %v; want ErrTerminated at once", gotErr, gotAt)
		}
		if ran != 3 {
			t.Errorf("%d tasks ran; want the 3 running when terminated", ran)
		}
		if !r.Ready() || r.Successful() {
			t.Errorf("after Terminate: Ready %v, Successful %v; want true, false", r.Ready(), r.Successful())
		}
		p.Terminate() // again is fine
		p.Join()
	})
}

// PL-25: "with Pool() as p:" is defer p.Terminate(); the pool is not
// running afterwards. CPython: _TestPool.test_context, test_enter.
func TestDeferTerminate(t *testing.T) {
	var p *pool.Pool
	func() {
		p = pool.New(pool.Processes(2))
		defer p.Terminate()
		got, err := pool.MapAsync(p, sqr, ints(10)).Get()
		if err != nil || !slices.Equal(got, squares(10)) {
			t.Errorf("MapAsync = %v, %v; want %v, nil", got, err, squares(10))
		}
	}()
	p.Join()
	if _, err := pool.MapAsync(p, sqr, ints(10)).Get(); !errors.Is(err, pool.ErrNotRunning) {
		t.Errorf("MapAsync after the block: %v; want ErrNotRunning", err)
	}
}

// A task that calls runtime.Goexit fails with ErrGoexit; its worker ends
// and another takes its place, so the pool keeps its size (contrast
// PL-31, where Python loses the task).
func TestGoexitReplacesWorker(t *testing.T) {
	p := newPool(t, pool.Processes(1))
	_, err := pool.Apply(p, func() int { runtime.Goexit(); return 0 })
	if !errors.Is(err, pool.ErrGoexit) {
		t.Fatalf("Apply of Goexit: %v; want ErrGoexit", err)
	}
	for want := range []string{"PoolWorker-2", "PoolWorker-2"} {
		name, err := pool.Apply(p, func() string { return thread.CurrentThread().Name() })
		if err != nil || name != "PoolWorker-2" {
			t.Errorf("task %d after the Goexit ran in %q, %v; want PoolWorker-2", want, name, err)
		}
	}
}

// One panicking task never kills a worker: the next task runs in the same
// one.
func TestPanicKeepsWorker(t *testing.T) {
	p := newPool(t, pool.Processes(1))
	for range 3 {
		_, err := pool.Apply(p, func() int { panic("boom") })
		if !isPanic(err, "boom") {
			t.Fatalf("Apply of a panic: %v; want a PanicError", err)
		}
	}
	name, err := pool.Apply(p, func() string { return thread.CurrentThread().Name() })
	if err != nil || name != "PoolWorker-1" {
		t.Errorf("after three panics the task ran in %q, %v; want PoolWorker-1", name, err)
	}
}
