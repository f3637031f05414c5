package futures_test

import (
	"errors"
	"fmt"
	"iter"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
	"weak"

	"github.com/google/go-cmp/cmp"

	"github.com/pyconc/pyconc/futures"
)

func pow(x, y int) int {
	r := 1
	for range y {
		r *= x
	}
	return r
}

// EX-09, PP-02; CPython: executor.py ExecutorTest.test_map. Python's
// map(pow, range(10), range(10)) zips two iterables; in Go the items
// are pairs. Every chunk size gives the same results, in order.
func TestMap(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		ex := k.new()
		defer ex.Shutdown()
		var want []int
		for i := range 10 {
			want = append(want, pow(i, i))
		}
		for _, chunk := range []int{1, 3, 10, 100} {
			got, errs := collect(futures.Map(ex, func(i int) int { return pow(i, i) }, slices.Collect(intRange(10)), futures.ChunkSize(chunk)))
			if diff := cmp.Diff(want, got); diff != "" || errs != nil {
				t.Errorf("ChunkSize(%d): Map (-want +got):\n%s errors: %v", chunk, diff, errs)
			}
			got, errs = collect(futures.MapErr(ex, func(i int) (int, error) { return pow(i, i), nil }, intRange(10), futures.ChunkSize(chunk)))
			if diff := cmp.Diff(want, got); diff != "" || errs != nil {
				t.Errorf("ChunkSize(%d): MapErr over an iter.Seq (-want +got):\n%s errors: %v", chunk, diff, errs)
			}
		}
	})
}

// intRange is range(n) as an iter.Seq.
func intRange(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}

// Map accepts a named slice type and a func of iter.Seq's shape.
func TestMapInputs(t *testing.T) {
	ex := futures.NewThreadPoolExecutor()
	defer ex.Shutdown()
	type ints []int
	got, _ := collect(futures.Map(ex, func(i int) int { return -i }, ints{1, 2, 3}))
	if diff := cmp.Diff([]int{-1, -2, -3}, got); diff != "" {
		t.Errorf("named slice (-want +got):\n%s", diff)
	}
	seq := func(yield func(string) bool) { _ = yield("a") && yield("b") }
	gotS, _ := collect(futures.Map(ex, func(s string) string { return s + s }, seq))
	if diff := cmp.Diff([]string{"aa", "bb"}, gotS); diff != "" {
		t.Errorf("func input (-want +got):\n%s", diff)
	}
	if got, errs := collect(futures.Map(ex, func(i int) int { return i }, []int(nil))); got != nil || errs != nil {
		t.Errorf("empty input yielded %v, %v", got, errs)
	}
}

// EX-10; CPython: test_thread_pool.py ThreadPoolExecutorTest.test_map_submits_without_iteration.
func TestMapSubmitsWithoutIteration(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		ex := k.new()
		var mu sync.Mutex
		var finished []int
		futures.Map(ex, func(n int) struct{} {
			mu.Lock()
			finished = append(finished, n)
			mu.Unlock()
			return struct{}{}
		}, slices.Collect(intRange(10)))
		ex.Shutdown()
		slices.Sort(finished)
		if diff := cmp.Diff(slices.Collect(intRange(10)), finished); diff != "" {
			t.Errorf("calls run (-want +got):\n%s", diff)
		}
	})
}

// EX-11; CPython: executor.py ExecutorTest.test_map_exception. The error
// comes at its position, after the earlier results; then the iteration
// ends, and the calls not started are cancelled.
func TestMapException(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		ex := k.new()
		defer ex.Shutdown()
		errZero := errors.New("ZeroDivisionError")
		divmod := func(p [2]int) ([2]int, error) {
			if p[1] == 0 {
				return [2]int{}, errZero
			}
			return [2]int{p[0] / p[1], p[0] % p[1]}, nil
		}
		for _, chunk := range []int{1, 2, 4} {
			got, errs := collect(futures.MapErr(ex, divmod, [][2]int{{1, 2}, {1, 3}, {1, 0}, {1, 5}}, futures.ChunkSize(chunk)))
			if diff := cmp.Diff([][2]int{{0, 1}, {0, 1}}, got); diff != "" {
				t.Errorf("ChunkSize(%d): results (-want +got):\n%s", chunk, diff)
			}
			if len(errs) != 1 || errs[0] != errZero {
				t.Errorf("ChunkSize(%d): errors = %v; want [%v]", chunk, errs, errZero)
			}
		}
		// A panic is a *PanicError at its position.
		got, errs := collect(futures.Map(ex, func(i int) int {
			if i == 2 {
				panic("two")
			}
			return i
		}, []int{0, 1, 2, 3}))
		var pe *futures.PanicError
		if diff := cmp.Diff([]int{0, 1}, got); diff != "" || len(errs) != 1 || !errors.As(errs[0], &pe) || pe.Value != "two" {
			t.Errorf("Map with a panic: results (-want +got):\n%s errors: %v", diff, errs)
		}
	})
}

// EX-11, EX-13: after a failure, the calls queued behind it never run.
func TestMapExceptionCancelsRest(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		synctest.Test(t, func(t *testing.T) {
			ex := k.new(futures.MaxWorkers(1))
			gate := make(chan struct{})
			var ran atomic.Int32
			errBad := errors.New("bad")
			seq := futures.MapErr(ex, func(i int) (int, error) {
				ran.Add(1)
				if i == 0 {
					return 0, errBad
				}
				<-gate // item 1 is running when the error is seen
				return i, nil
			}, []int{0, 1, 2, 3})
			synctest.Wait() // item 0 failed; item 1 waits
			_, errs := collect(seq)
			close(gate)
			ex.Shutdown()
			if len(errs) != 1 || errs[0] != errBad || ran.Load() != 2 {
				t.Errorf("errors %v, calls run %d; want [bad] and 2", errs, ran.Load())
			}
		})
	})
}

// EX-12, PP-12; CPython: executor.py ExecutorTest.test_map_timeout. Earlier
// results come first, then ErrTimeout; the deadline is fixed at the call.
func TestMapTimeout(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		synctest.Test(t, func(t *testing.T) {
			ex := k.new()
			defer ex.Shutdown()
			sleep := func(d time.Duration) any { time.Sleep(d); return nil }
			got, errs := collect(futures.Map(ex, sleep, []time.Duration{0, 0, 6 * time.Second}, futures.Timeout(5*time.Second)))
			if diff := cmp.Diff([]any{nil, nil}, got); diff != "" {
				t.Errorf("results (-want +got):\n%s", diff)
			}
			if len(errs) != 1 || errs[0] != futures.ErrTimeout {
				t.Errorf("errors = %v; want [ErrTimeout]", errs)
			}

			// The clock starts at the call: waiting before the loop
			// uses the time up.
			start := time.Now()
			seq := futures.Map(ex, sleep, []time.Duration{2 * time.Second}, futures.Timeout(3*time.Second))
			time.Sleep(4 * time.Second)
			if _, errs := collect(seq); errs != nil {
				t.Errorf("result ready before the deadline: errors %v", errs)
			}
			seq = futures.Map(ex, sleep, []time.Duration{2 * time.Second}, futures.Timeout(1*time.Second))
			time.Sleep(500 * time.Millisecond)
			if _, errs := collect(seq); len(errs) != 1 || errs[0] != futures.ErrTimeout {
				t.Errorf("errors = %v; want [ErrTimeout]", errs)
			}
			if d := time.Since(start); d != 5*time.Second {
				t.Errorf("took %v; want 5s", d)
			}
		})
	})
}

// EX-12, FU-06: a zero or negative Timeout does not wait: done results
// come, then ErrTimeout.
func TestMapZeroTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := futures.NewThreadPoolExecutor(futures.MaxWorkers(1))
		defer ex.Shutdown()
		release := make(chan struct{})
		for _, d := range []time.Duration{0, -time.Second} {
			seq := futures.Map(ex, func(i int) int {
				if i == 1 {
					<-release
				}
				return i
			}, []int{0, 1, 2}, futures.Timeout(d))
			synctest.Wait() // 0 done, 1 running
			got, errs := collect(seq)
			if diff := cmp.Diff([]int{0}, got); diff != "" || len(errs) != 1 || errs[0] != futures.ErrTimeout {
				t.Errorf("Timeout(%v): results (-want +got):\n%s errors %v", d, diff, errs)
			}
			release <- struct{}{}
		}
	})
}

// EX-13; CPython: test_thread_pool.py ThreadPoolExecutorTest.test_executor_map_current_future_cancel.
// On a timeout the waited-on call and all later ones are cancelled and
// never run.
func TestMapTimeoutCancelsRest(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		synctest.Test(t, func(t *testing.T) {
			var mu sync.Mutex
			var log []string
			stop := make(chan struct{})
			logNWait := func(ident string) struct{} {
				mu.Lock()
				log = append(log, fmt.Sprintf("ident=%q started", ident))
				mu.Unlock()
				<-stop
				mu.Lock()
				log = append(log, fmt.Sprintf("ident=%q stopped", ident))
				mu.Unlock()
				return struct{}{}
			}
			ex := k.new(futures.MaxWorkers(1))
			fut := mustSubmit(t, ex, func() struct{} { return logNWait("first") })
			for _, err := range futures.Map(ex, logNWait, []string{"second", "third"}, futures.Timeout(0)) {
				if err != futures.ErrTimeout {
					t.Errorf("first yield: error %v; want ErrTimeout", err)
				}
			}
			close(stop)
			fut.Result()
			ex.Shutdown()
			if diff := cmp.Diff([]string{`ident="first" started`, `ident="first" stopped`}, log); diff != "" {
				t.Errorf("log (-want +got):\n%s", diff)
			}
		})
	})
}

// EX-13: breaking out of the loop cancels the calls not started.
func TestMapBreakCancelsRest(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		synctest.Test(t, func(t *testing.T) {
			ex := k.new(futures.MaxWorkers(1))
			gate := make(chan struct{})
			var ran atomic.Int32
			seq := futures.Map(ex, func(i int) int {
				ran.Add(1)
				if i >= 6 {
					<-gate // the third chunk waits for the break
				}
				return i
			}, slices.Collect(intRange(100)), futures.ChunkSize(3))
			for v := range seq {
				if v == 4 {
					synctest.Wait() // the third chunk is running, at the gate
					break
				}
			}
			close(gate)
			ex.Shutdown()
			// The first two chunks ran, and the third, running at the
			// break; the other 31 chunks were cancelled.
			if n := ran.Load(); n != 9 {
				t.Errorf("%d calls ran after a break at item 4; want 9", n)
			}
		})
	})
}

// EX-14: Map on a shut-down executor yields ErrShutdown, except for an
// empty input.
func TestMapAfterShutdown(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		ex := k.new()
		ex.Shutdown()
		got, errs := collect(futures.Map(ex, func(i int) int { return i }, []int{1, 2}))
		if got != nil || len(errs) != 1 || !errors.Is(errs[0], futures.ErrShutdown) {
			t.Errorf("Map after Shutdown = %v, %v; want one ErrShutdown", got, errs)
		}
		if got, errs := collect(futures.Map(ex, func(i int) int { return i }, []int{})); got != nil || errs != nil {
			t.Errorf("Map of nothing after Shutdown = %v, %v; want nothing", got, errs)
		}
	})
}

// A Map racing with Shutdown yields the results it submitted, then
// ErrShutdown, and nothing is lost or run twice.
func TestMapRacesShutdown(t *testing.T) {
	for range 20 {
		ex := futures.NewThreadPoolExecutor(futures.MaxWorkers(2))
		var ran atomic.Int32
		seqc := make(chan iter.Seq2[int, error])
		go func() {
			seqc <- futures.Map(ex, func(i int) int { ran.Add(1); return i }, slices.Collect(intRange(5000)))
		}()
		ex.Shutdown(futures.ShutdownWait(false))
		n := 0
		var errs []error
		for v, err := range <-seqc {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if v != n {
				t.Fatalf("result %d = %d", n, v)
			}
			n++
		}
		ex.Shutdown()
		if n < 5000 && (len(errs) != 1 || !errors.Is(errs[0], futures.ErrShutdown)) {
			t.Fatalf("%d results, then errors %v; want ErrShutdown", n, errs)
		}
		if int(ran.Load()) != n {
			t.Fatalf("%d calls ran, %d results", ran.Load(), n)
		}
	}
}

// A panicking input iterator: the items before the panic are mapped,
// then its *PanicError ends the iteration; the executor stays usable.
func TestMapInputPanics(t *testing.T) {
	ex := futures.NewThreadPoolExecutor()
	defer ex.Shutdown()
	seq := func(yield func(int) bool) {
		for i := range 3 {
			if !yield(i) {
				return
			}
		}
		panic("input broke")
	}
	got, errs := collect(futures.Map(ex, func(i int) int { return i * 10 }, seq))
	var pe *futures.PanicError
	if diff := cmp.Diff([]int{0, 10, 20}, got); diff != "" || len(errs) != 1 || !errors.As(errs[0], &pe) || pe.Value != "input broke" {
		t.Errorf("results (-want +got):\n%s errors %v", diff, errs)
	}
	if v, err := mustSubmit(t, ex, func() int { return 1 }).Result(); v != 1 || err != nil {
		t.Errorf("after: Result() = %v, %v", v, err)
	}
}

// Shutdown with CancelFutures cancels the queued chunks of a Map, which
// then yields ErrCancelled at the first.
func TestMapCancelledByShutdown(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := futures.NewThreadPoolExecutor(futures.MaxWorkers(1))
		release := make(chan struct{})
		seq := futures.Map(ex, func(i int) int {
			if i == 0 {
				<-release
			}
			return i
		}, []int{0, 1, 2})
		synctest.Wait()
		go func() { synctest.Wait(); close(release) }()
		ex.Shutdown(futures.CancelFutures(true))
		got, errs := collect(seq)
		if diff := cmp.Diff([]int{0}, got); diff != "" || len(errs) != 1 || errs[0] != futures.ErrCancelled {
			t.Errorf("results (-want +got):\n%s errors %v", diff, errs)
		}
	})
}

// The iterator is single-use: a second loop yields nothing.
func TestMapSingleUse(t *testing.T) {
	ex := futures.NewThreadPoolExecutor()
	defer ex.Shutdown()
	seq := futures.Map(ex, func(i int) int { return i }, []int{1, 2})
	if got, _ := collect(seq); len(got) != 2 {
		t.Fatalf("first loop: %v", got)
	}
	if got, errs := collect(seq); got != nil || errs != nil {
		t.Errorf("second loop: %v, %v; want nothing", got, errs)
	}
}

// EX-15; CPython: executor.py ExecutorTest.test_free_reference. The
// iterator keeps no reference to a result it has yielded.
func TestMapFreeReference(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		ex := k.new()
		defer ex.Shutdown()
		type object struct{ _ [64]byte }
		for obj := range futures.Map(ex, func(int) *object { return new(object) }, slices.Collect(intRange(10))) {
			wp := weak.Make(obj)
			obj = nil
			runtime.GC()
			if wp.Value() != nil {
				t.Fatal("the iterator still references a yielded result")
			}
		}
	})
}

// PP-02: ChunkSize less than 1 panics with Python's text.
func TestChunkSizeInvalid(t *testing.T) {
	ex := futures.NewProcessPoolExecutor()
	defer ex.Shutdown()
	for _, n := range []int{0, -1} {
		wantPanic(t, "futures: chunksize must be >= 1. (Python: ValueError)", func() {
			futures.Map(ex, func(i int) int { return i }, []int{1}, futures.ChunkSize(n))
		})
	}
}

// Every item of a chunked map runs on the workers, one chunk per task.
func TestChunksAreTasks(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := futures.NewProcessPoolExecutor(futures.MaxWorkers(2), futures.MaxTasksPerChild(1))
		defer ex.Shutdown()
		var mu sync.Mutex
		workers := map[int64][]int{}
		got, _ := collect(futures.Map(ex, func(i int) int {
			mu.Lock()
			id := goroutineID()
			workers[id] = append(workers[id], i)
			mu.Unlock()
			return i
		}, slices.Collect(intRange(9)), futures.ChunkSize(3)))
		if len(got) != 9 {
			t.Fatalf("results %v", got)
		}
		// One task per worker: each chunk ran on a worker of its own.
		var chunks [][]int
		for _, items := range workers {
			chunks = append(chunks, items)
		}
		slices.SortFunc(chunks, func(a, b []int) int { return a[0] - b[0] })
		if diff := cmp.Diff([][]int{{0, 1, 2}, {3, 4, 5}, {6, 7, 8}}, chunks); diff != "" {
			t.Errorf("items per worker (-want +got):\n%s", diff)
		}
	})
}

// EX-13; CPython: executor.py ExecutorTest.test_map_close, and
// test_thread_pool.py ThreadPoolExecutorTest.test_executor_map_current_future_cancel.
// A loop body that panics ends the iteration as a break does: the
// calls not started are cancelled and never run, the running one
// finishes, and the panic reaches the caller (Python's generator is
// closed by the exception leaving the for loop).
func TestMapLoopPanicCancelsRest(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		synctest.Test(t, func(t *testing.T) {
			ex := k.new(futures.MaxWorkers(1))
			gate := make(chan struct{})
			var ran atomic.Int32
			seq := futures.Map(ex, func(i int) int {
				ran.Add(1)
				if i == 1 {
					<-gate
				}
				return i
			}, []int{0, 1, 2, 3})
			v := mustPanic(t, func() {
				for range seq {
					synctest.Wait() // item 1 is running
					panic("loop body")
				}
			})
			close(gate)
			ex.Shutdown()
			if v != "loop body" || ran.Load() != 2 {
				t.Errorf("panic %v, %d calls ran; want the loop's panic and 2", v, ran.Load())
			}
		})
	})
}
