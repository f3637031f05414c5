package pool_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pyconc/pyconc/pool"
	"github.com/pyconc/pyconc/thread"
)

// PL-24, PL-09: Python's idiom error_callback=lambda e: pool.terminate()
// works: a callback runs in one of the pool's workers, and Terminate
// called there does not wait for itself. It fails every other result at
// once, exactly one callback runs for each, and a Join from outside then
// waits for the workers. The same holds for a Callback and for a task.
// CPython: Lib/multiprocessing/pool.py Pool._terminate_pool (it does not
// join the result-handler thread the callbacks run in); no test.
func TestTerminateFromWorker(t *testing.T) {
	for _, from := range []string{"ErrorCallback", "Callback", "task"} {
		t.Run(from, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				p := pool.New(pool.Processes(2))
				var mu sync.Mutex
				calls := map[int][]error{}
				record := func(i int) []pool.Option {
					return []pool.Option{
						pool.Callback(func(int) { mu.Lock(); calls[i] = append(calls[i], nil); mu.Unlock() }),
						pool.ErrorCallback(func(err error) { mu.Lock(); calls[i] = append(calls[i], err); mu.Unlock() }),
					}
				}
				release := make(chan struct{})
				others := make([]*pool.AsyncResult[int], 4)
				for i := range others {
					others[i] = pool.ApplyAsync(p, func() int { <-release; return i }, record(i)...)
				}
				errBad := errors.New("bad")
				var r *pool.AsyncResult[int]
				switch from {
				case "ErrorCallback":
					r = pool.ApplyAsyncErr(p, func() (int, error) { return 0, errBad },
						pool.ErrorCallback(func(error) { p.Terminate() }))
				case "Callback":
					r = pool.ApplyAsync(p, func() int { return 7 }, pool.Callback(func(int) { p.Terminate() }))
				case "task":
					r = pool.ApplyAsync(p, func() int { p.Terminate(); return 7 })
				}
				// One worker blocks in others[0]; the other runs r (queued
				// behind others[1:] only if it is free first: release them).
				synctest.Wait()
				close(release)
				r.Wait()
				p.Join()
				for i, o := range others {
					v, err := o.Get()
					if err == nil && v != i || err != nil && !errors.Is(err, pool.ErrTerminated) {
						t.Errorf("other result %d = %v, %v; want %d or ErrTerminated", i, v, err, i)
					}
					if got := calls[i]; len(got) != 1 || got[0] != err {
						t.Errorf("other result %d: callbacks got %v; want one call with %v", i, got, err)
					}
				}
				if from == "ErrorCallback" {
					if _, err := r.Get(); err != errBad {
						t.Errorf("Get() = %v; want errBad", err)
					}
				} else if v, err := r.Get(); !(err == nil && v == 7 || errors.Is(err, pool.ErrTerminated)) {
					t.Errorf("Get() = %v, %v; want 7 or ErrTerminated", v, err)
				}
				if _, err := pool.Apply(p, func() int { return 0 }); !errors.Is(err, pool.ErrNotRunning) {
					t.Errorf("Apply afterwards: %v; want ErrNotRunning", err)
				}
			})
		})
	}
}

// PL-22, PL-23: Join from one of the pool's own workers, which would wait
// for itself forever, panics as Python's raises RuntimeError("cannot join
// current thread") from Thread.join; Join from outside still works.
// CPython: no test (Lib/threading.py Thread.join).
func TestJoinFromWorker(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		for _, stop := range []string{"Close", "Terminate"} {
			p := pool.New(pool.Processes(1))
			msgs := make(chan any, 1)
			pool.ApplyAsync(p, func() int {
				defer func() { msgs <- recover() }()
				if stop == "Close" {
					p.Close()
				} else {
					p.Terminate()
				}
				p.Join()
				return 0
			})
			msg := <-msgs // the task's own result may have failed with ErrTerminated already
			want := "pool: cannot join current thread: Join waits for the pool's workers, and was called from one (Python: RuntimeError)"
			if msg != want {
				t.Errorf("Join after %s in a task panicked with %v; want %q", stop, msg, want)
			}
			p.Join()
		}
		p := pool.New(pool.Processes(1))
		var msg any
		pool.MapAsync(p, sqr, ints(3), pool.Callback(func([]int) {
			defer func() { msg = recover() }()
			p.Terminate()
			p.Join()
		})).Wait()
		if msg == nil {
			t.Error("Join in a Callback did not panic")
		}
		p.Join()
	})
}

// PL-24: Terminate does not wait for the rest of a running chunk: the
// chunk stops after the item it is running, so Terminate returns after
// that item, where it used to run all 1000 (Python kills the worker
// process at once). The same for an IMap's chunk, and for a chunk whose
// loop broke off. CPython: _TestPool.test_terminate.
func TestTerminateStopsRunningChunk(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var ran atomic.Int32
		slow := func(x int) int { ran.Add(1); time.Sleep(time.Second); return x }

		p := pool.New(pool.Processes(1))
		r := pool.MapAsync(p, slow, ints(1000), pool.ChunkSize(1000))
		synctest.Wait() // item 0 is running
		start := time.Now()
		p.Terminate()
		if _, err := r.Get(); !errors.Is(err, pool.ErrTerminated) || time.Since(start) != time.Second || ran.Load() != 1 {
			t.Errorf("Map: Get() = %v after Terminate took %v with %d items run; want ErrTerminated, 1s, 1",
				err, time.Since(start), ran.Load())
		}

		for _, k := range imapKinds {
			ran.Store(0)
			p = pool.New(pool.Processes(1))
			start = time.Now()
			terminated := make(chan struct{})
			go func() { time.Sleep(1500 * time.Millisecond); p.Terminate(); close(terminated) }()
			var errs []error
			for _, err := range k.imap(p, slow, slices.Values(ints(1000)), pool.ChunkSize(1000)) {
				errs = append(errs, err)
			}
			if d := time.Since(start); d != 1500*time.Millisecond || len(errs) != 1 || !errors.Is(errs[0], pool.ErrTerminated) {
				t.Errorf("%s: loop yielded %v, ended after %v; want ErrTerminated after 1.5s", k.name, errs, d)
			}
			<-terminated
			if d := time.Since(start); d != 2*time.Second || ran.Load() != 2 {
				t.Errorf("%s: Terminate returned at %v with %d items run; want 2s, 2 (the item running)", k.name, d, ran.Load())
			}
		}
	})
}

// PL-11: a loop that gives up with ErrTimeout and breaks leaves nothing
// running for long: the chunks not started are skipped, the running chunk
// stops after its current item, and the pool is usable. CPython:
// _TestPool.test_imap (it.next(timeout)).
func TestIMapTimeoutThenBreak(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := pool.New(pool.Processes(2))
		defer p.Terminate()
		var ran atomic.Int32
		slow := func(x int) int { ran.Add(1); time.Sleep(time.Second); return x }
		for _, k := range imapKinds {
			for _, cs := range []int{1, 50} {
				ran.Store(0)
				var errs []error
				for _, err := range k.imap(p, slow, slices.Values(ints(100)), pool.ChunkSize(cs),
					pool.Timeout(100*time.Millisecond)) {
					errs = append(errs, err)
					break
				}
				time.Sleep(time.Hour)
				if len(errs) != 1 || !errors.Is(errs[0], pool.ErrTimeout) || ran.Load() != 2 {
					t.Errorf("%s chunk %d: yielded %v, %d items ran; want ErrTimeout, 2 (one per worker)",
						k.name, cs, errs, ran.Load())
				}
			}
		}
		if got, err := pool.Map(p, sqr, ints(10)); err != nil || !slices.Equal(got, squares(10)) {
			t.Errorf("Map afterwards = %v, %v", got, err)
		}
	})
}

// PL-11, PL-24: a loop waiting with a Timeout when Terminate comes gets
// ErrTerminated at once, not ErrTimeout when its timeout passes.
func TestIMapTimeoutTerminate(t *testing.T) {
	for _, k := range imapKinds {
		synctest.Test(t, func(t *testing.T) {
			p := pool.New(pool.Processes(1))
			release := make(chan struct{})
			go func() { time.Sleep(time.Second); p.Terminate() }()
			start := time.Now()
			var errs []error
			for _, err := range k.imap(p, func(x int) int { <-release; return x }, slices.Values(ints(3)),
				pool.Timeout(time.Hour)) {
				errs = append(errs, err)
			}
			if time.Since(start) != time.Second || len(errs) != 1 || !errors.Is(errs[0], pool.ErrTerminated) {
				t.Errorf("%s: yielded %v after %v; want ErrTerminated after 1s", k.name, errs, time.Since(start))
			}
			close(release)
			p.Join()
		})
	}
}

// PL-24: a Map still reading its input iterator when the pool is
// terminated fails with ErrTerminated, as Terminate fails every result not
// ready, not with ErrNotRunning, which says the pool refused the call.
// Nothing runs. CPython: _TestPool.test_terminate.
func TestTerminateDuringMapInput(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := pool.New(pool.Processes(1))
		unblock := make(chan struct{})
		seq := func(yield func(int) bool) {
			if yield(1) {
				<-unblock
				yield(2)
			}
		}
		var ran atomic.Bool
		var err error
		done := make(chan struct{})
		go func() {
			_, err = pool.Map(p, func(x int) int { ran.Store(true); return x }, seq)
			close(done)
		}()
		synctest.Wait() // Map blocks in its input
		p.Terminate()   // does not wait for it
		close(unblock)
		<-done
		if !errors.Is(err, pool.ErrTerminated) || ran.Load() {
			t.Errorf("Map = %v, ran %v; want ErrTerminated, nothing run", err, ran.Load())
		}
	})
}

// PL-09, PL-10, AR-06, PL-24: exactly one of Callback and ErrorCallback
// runs for each result, with what Get returns, when Terminate races with
// tasks finishing, failing and queued. CPython:
// _TestPool.test_map_async_callbacks, _TestPoolWorkerErrors.test_async_error_callback.
func TestCallbacksExactlyOnce(t *testing.T) {
	for round := range 50 {
		p := pool.New(pool.Processes(3))
		var mu sync.Mutex
		calls := map[int][]string{}
		note := func(i int, s string) { mu.Lock(); calls[i] = append(calls[i], s); mu.Unlock() }
		opts := func(i int) []pool.Option {
			return []pool.Option{
				pool.ErrorCallback(func(err error) { note(i, "error:"+err.Error()) }),
				pool.Callback(func(int) { note(i, "ok") }),
			}
		}
		mapOpts := func(i int) []pool.Option {
			return []pool.Option{
				pool.ErrorCallback(func(err error) { note(i, "error:"+err.Error()) }),
				pool.Callback(func([]int) { note(i, "ok") }),
			}
		}
		outcome := func(err error) string {
			if err != nil {
				return "error:" + err.Error()
			}
			return "ok"
		}
		errBad := errors.New("bad")
		var gets []func() error
		for i := range 60 {
			switch i % 3 {
			case 0:
				r := pool.ApplyAsync(p, func() int { return i }, opts(i)...)
				gets = append(gets, func() error { _, err := r.Get(); return err })
			case 1:
				r := pool.ApplyAsyncErr(p, func() (int, error) { return 0, errBad }, opts(i)...)
				gets = append(gets, func() error { _, err := r.Get(); return err })
			case 2:
				r := pool.MapAsyncErr(p, func(x int) (int, error) {
					if x == i {
						return 0, errBad
					}
					return x, nil
				}, ints(i), append(mapOpts(i), pool.ChunkSize(4))...)
				gets = append(gets, func() error { _, err := r.Get(); return err })
			}
			if i == 30+round%30 {
				go p.Terminate()
			}
		}
		p.Terminate()
		for i, get := range gets {
			want := []string{outcome(get())}
			// Under mu: the racing Terminate may still be dropping later
			// results, whose callbacks write the map.
			mu.Lock()
			got := calls[i]
			mu.Unlock()
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("round %d, result %d: callbacks (-want +got):\n%s", round, i, diff)
			}
		}
	}
}

// The end of a program with a pool that was never closed is tested as
// CPython tests it with assert_python_ok: in a fresh process, here the
// test binary run again with exitEnv set.
const exitEnv = "PYCONC_POOL_EXIT_PROGRAM"

// A program that makes a pool inside an object, maps over it and ends
// without closing it exits cleanly: the workers are daemon threads, so
// thread.Shutdown, what a Go main defers to get Python's exit, does not
// wait for them. CPython: _TestPoolWorkerLifetime.test_worker_finalization_via_atexit_handler_of_multiprocessing.
func TestExitWithRunningPool(t *testing.T) {
	if os.Getenv(exitEnv) != "" {
		type A struct{ pool *pool.Pool }
		problem := A{pool.New(pool.Processes(1))}
		got, err := pool.Map(problem.pool, func(x int) float64 { return float64(x) }, ints(10))
		fmt.Println(got, err)
		thread.Shutdown()
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestExitWithRunningPool$", "-test.count=1")
	gorace := strings.TrimSpace(os.Getenv("GORACE") + " atexit_sleep_ms=0")
	cmd.Env = append(os.Environ(), exitEnv+"=1", "GORACE="+gorace)
	out, err := cmd.CombinedOutput()
	// goleak, in TestMain, reports the workers left running; the program
	// itself must still end, and print its map.
	if !strings.HasPrefix(string(out), "[0 1 2 3 4 5 6 7 8 9] <nil>\n") {
		t.Errorf("program: %v\n%s", err, out)
	}
}
