package pool_test

import (
	"errors"
	"iter"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
	"weak"

	"github.com/google/go-cmp/cmp"
	"github.com/pyconc/pyconc/pool"
)

// PL-06: map returns the results in input order; chunksize changes only
// the batching. CPython: _TestPool.test_map.
func TestMap(t *testing.T) {
	p := newPool(t, pool.Processes(4))
	for _, tc := range []struct {
		n    int
		opts []pool.Option
	}{{10, nil}, {100, []pool.Option{pool.ChunkSize(20)}}, {1000, []pool.Option{pool.ChunkSize(1)}},
		{1000, []pool.Option{pool.ChunkSize(7)}}, {5, []pool.Option{pool.ChunkSize(100)}}} {
		got, err := pool.Map(p, sqr, ints(tc.n), tc.opts...)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(squares(tc.n), got); diff != "" {
			t.Errorf("Map over %d items (-want +got):\n%s", tc.n, diff)
		}
		got, err = pool.MapErr(p, func(x int) (int, error) { return sqr(x), nil }, ints(tc.n), tc.opts...)
		if err != nil || !slices.Equal(got, squares(tc.n)) {
			t.Errorf("MapErr over %d items = %v, %v", tc.n, got, err)
		}
		got, err = pool.MapAsync(p, sqr, ints(tc.n), tc.opts...).Get()
		if err != nil || !slices.Equal(got, squares(tc.n)) {
			t.Errorf("MapAsync over %d items = %v, %v", tc.n, got, err)
		}
	}
}

// A map's input may be a slice, a named slice type, an iter.Seq or a plain
// function of that shape.
func TestMapInputs(t *testing.T) {
	p := newPool(t, pool.Processes(2))
	type myInts []int
	want := squares(50)
	check := func(name string, got []int, err error) {
		t.Helper()
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("Map over %s = %v, %v; want %v", name, got, err, want)
		}
	}
	got, err := pool.Map(p, sqr, myInts(ints(50)))
	check("a named slice type", got, err)
	got, err = pool.Map(p, sqr, slices.Values(ints(50)))
	check("an iter.Seq", got, err)
	got, err = pool.Map(p, sqr, func(yield func(int) bool) {
		for i := range 50 {
			if !yield(i) {
				return
			}
		}
	})
	check("a function", got, err)
	got, err = pool.Map(p, sqr, iter.Seq[int](nil))
	if err != nil || len(got) != 0 {
		t.Errorf("Map over a nil iter.Seq = %v, %v; want [], nil", got, err)
	}
}

// Python's default chunk size is len/(4*workers), rounded up: with two
// workers, 100 items make 13 chunks of up to 13, 8 items 8 chunks of 1.
func TestMapDefaultChunkSize(t *testing.T) {
	for _, tc := range []struct{ n, chunk, chunks int }{{100, 13, 8}, {8, 1, 8}, {9, 2, 5}, {1, 1, 1}} {
		p := newPool(t, pool.Processes(2), pool.MaxTasksPerChild(1))
		// With one task per worker life, the number of workers started is
		// the number of chunks plus the two first ones.
		var mu sync.Mutex
		workers := map[string]int{}
		_, err := pool.Map(p, func(x int) int {
			mu.Lock()
			workers[currentName()]++
			mu.Unlock()
			return x
		}, ints(tc.n))
		if err != nil {
			t.Fatal(err)
		}
		sizes := map[int]int{}
		for _, n := range workers {
			sizes[n]++
		}
		if len(workers) != tc.chunks || slices.Max(slices.Collect(mapsValues(workers))) != tc.chunk {
			t.Errorf("%d items: %d chunks of sizes %v; want %d chunks of up to %d", tc.n, len(workers), sizes, tc.chunks, tc.chunk)
		}
	}
}

func mapsValues(m map[string]int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for _, v := range m {
			if !yield(v) {
				return
			}
		}
	}
}

// PL-07: an empty input gives an empty, non-nil slice, and does not stall
// with a chunk size. CPython: _TestPool.test_empty_iterable,
// _TestPool.test_map_chunksize.
func TestMapEmpty(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := pool.New(pool.Processes(1))
		defer p.Terminate()
		if got, err := pool.Map(p, sqr, []int{}); got == nil || len(got) != 0 || err != nil {
			t.Errorf("Map([]) = %#v, %v; want []int{}, nil", got, err)
		}
		if got, err := pool.MapAsync(p, sqr, []int{}).Get(); got == nil || len(got) != 0 || err != nil {
			t.Errorf("MapAsync([]).Get() = %#v, %v; want []int{}, nil", got, err)
		}
		if _, err := pool.MapAsync(p, sqr, []int{}, pool.ChunkSize(1)).GetTimeout(100 * time.Millisecond); err != nil {
			t.Errorf("MapAsync([], ChunkSize(1)) stalled: %v", err)
		}
	})
}

// PL-08: starmap unpacks each Pair into the function's two arguments.
// CPython: _TestPool.test_starmap, test_starmap_async.
func TestStarMap(t *testing.T) {
	p := newPool(t, pool.Processes(4))
	mul := func(x, y int) int { return x * y }
	for _, n := range []int{10, 100} {
		pairs := make([]pool.Pair[int, int], n)
		want := make([]int, n)
		for i := range pairs {
			pairs[i] = pool.Pair[int, int]{First: i, Second: n - 1 - i}
			want[i] = i * (n - 1 - i)
		}
		got, err := pool.StarMap(p, mul, pairs, pool.ChunkSize(20))
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("StarMap over %d pairs = %v, %v; want %v", n, got, err, want)
		}
		got, err = pool.StarMapAsync(p, mul, slices.Values(pairs)).Get()
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("StarMapAsync over %d pairs = %v, %v; want %v", n, got, err, want)
		}
		emul := func(x, y int) (int, error) { return x * y, nil }
		got, err = pool.StarMapErr(p, emul, pairs)
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("StarMapErr over %d pairs = %v, %v; want %v", n, got, err, want)
		}
		got, err = pool.StarMapAsyncErr(p, emul, pairs).Get()
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("StarMapAsyncErr over %d pairs = %v, %v; want %v", n, got, err, want)
		}
	}
	errBad := errors.New("bad")
	_, err := pool.StarMapErr(p, func(s string, n int) (int, error) { return 0, errBad },
		[]pool.Pair[string, int]{{"a", 1}})
	if err != errBad {
		t.Errorf("StarMapErr of a failing function: %v; want errBad", err)
	}
}

// PL-09: exactly one of callback and error callback is called: callback
// with the whole list, or error callback with the error. CPython:
// _TestPool.test_map_async_callbacks.
func TestMapAsyncCallbacks(t *testing.T) {
	p := newPool(t, pool.Processes(2))
	var calls []any
	cb := pool.Callback(func(v []int) { calls = append(calls, v) })
	ecb := pool.ErrorCallback(func(err error) { calls = append(calls, err) })
	atoi := func(s string) (int, error) { return strconv.Atoi(s) }
	pool.MapAsyncErr(p, atoi, []string{"1"}, cb, ecb).Wait()
	if len(calls) != 1 || !slices.Equal(calls[0].([]int), []int{1}) {
		t.Fatalf("callbacks after a success: %v; want [[1]]", calls)
	}
	pool.MapAsyncErr(p, atoi, []string{"a"}, cb, ecb).Wait()
	var numErr *strconv.NumError
	if len(calls) != 2 || !errors.As(calls[1].(error), &numErr) {
		t.Fatalf("callbacks after a failure: %v; want a *strconv.NumError second", calls)
	}
	// An empty map calls the callback with the empty slice, where Python
	// calls neither.
	pool.MapAsync(p, sqr, []int{}, cb, ecb).Wait()
	if len(calls) != 3 || len(calls[2].([]int)) != 0 {
		t.Fatalf("callbacks after an empty map: %v; want a third call with []", calls)
	}
}

// PL-13: an input iterator that fails makes map fail with that error
// itself (errors.Is sees it through the PanicError), runs nothing, and
// leaves the pool usable. CPython: _TestPool.test_map_handle_iterable_exception.
func TestMapInputPanics(t *testing.T) {
	p := newPool(t, pool.Processes(4))
	var ran atomic.Int32
	f := func(x int) int { ran.Add(1); return sqr(x) }
	for _, seq := range []iter.Seq[int]{sayWhen(1, -1), sayWhen(1, -1), sayWhen(10, 3)} {
		if _, err := pool.Map(p, f, seq, pool.ChunkSize(1)); !errors.Is(err, errSayWhen) || !isPanic(err, errSayWhen) {
			t.Errorf("Map over a failing iterator: %v; want the PanicError of errSayWhen", err)
		}
	}
	if ran.Load() != 0 {
		t.Errorf("%d items ran; want none", ran.Load())
	}
	if got, err := pool.Map(p, sqr, ints(10)); err != nil || !slices.Equal(got, squares(10)) {
		t.Errorf("Map afterwards = %v, %v; want %v", got, err, squares(10))
	}
}

// PL-15: a failing task fails the map with that task's error. The chunk
// stops at the failing item, chunks not started are skipped, and the error
// is that of the lowest failing index that ran. CPython: no test.
func TestMapFailingItem(t *testing.T) {
	p := newPool(t, pool.Processes(1)) // one worker: chunks run in order
	errBad3 := errors.New("bad 3")
	var ran []int
	_, err := pool.MapErr(p, func(x int) (int, error) {
		ran = append(ran, x)
		if x == 3 || x == 5 {
			return 0, errors.New("bad " + strconv.Itoa(x))
		}
		return x, nil
	}, ints(100), pool.ChunkSize(10))
	if err == nil || err.Error() != errBad3.Error() {
		t.Errorf("MapErr error = %v; want bad 3", err)
	}
	if !slices.Equal(ran, []int{0, 1, 2, 3}) {
		t.Errorf("items run: %v; want 0 to 3 (the chunk stops, later chunks are skipped)", ran)
	}

	// A panic likewise; with several failing chunks running at once, the
	// lowest index wins.
	p4 := newPool(t, pool.Processes(4))
	for range 20 {
		start := make(chan struct{})
		var started sync.WaitGroup
		started.Add(4)
		r := pool.MapAsync(p4, func(x int) int {
			if x%10 == 0 {
				started.Done()
				<-start
				panic(x)
			}
			return x
		}, ints(40), pool.ChunkSize(10))
		started.Wait()
		close(start)
		if _, err := r.Get(); !isPanic(err, 0) {
			t.Fatalf("MapAsync with four failing chunks: %v; want the panic of item 0", err)
		}
	}
}

// PL-27: a failed map returns only once none of its chunks is running, so
// no task of the call runs after it; Close and Join then do not deadlock.
// CPython: _TestPool.test_map_no_failfast.
func TestMapNoFailfast(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := pool.New(pool.Processes(2))
		start := time.Now()
		var slowDone atomic.Bool
		slowStarted := make(chan struct{})
		_, err := pool.MapErr(p, func(x int) (int, error) {
			if x == 0 {
				<-slowStarted
			} else {
				close(slowStarted)
				time.Sleep(500 * time.Millisecond)
				slowDone.Store(true)
				return 1, nil
			}
			return 0, errors.New("x")
		}, []int{0, 1}, pool.ChunkSize(1))
		if err == nil || !slowDone.Load() || time.Since(start) != 500*time.Millisecond {
			t.Errorf("Map returned %v after %v, slow item done %v; want an error after 500ms, done",
				err, time.Since(start), slowDone.Load())
		}
		p.Close()
		p.Join()
	})
}

// PL-18: ChunkSize below one panics with imap's ValueError text, for map
// too (Python's map(..., chunksize=0) returns a list of None, a quirk).
func TestChunkSizeInvalid(t *testing.T) {
	mustPanic(t, "pool: Chunksize must be 1+, not 0 (Python: ValueError)", func() { pool.ChunkSize(0) })
	mustPanic(t, "pool: Chunksize must be 1+, not -3 (Python: ValueError)", func() { pool.ChunkSize(-3) })
}

// A map's chunk that panics with runtime.Goexit fails the map with
// ErrGoexit, and the pool replaces the worker.
func TestMapGoexit(t *testing.T) {
	p := newPool(t, pool.Processes(2))
	_, err := pool.Map(p, func(x int) int {
		if x == 7 {
			runtime.Goexit()
		}
		return x
	}, ints(20), pool.ChunkSize(3))
	if !errors.Is(err, pool.ErrGoexit) {
		t.Errorf("Map with a Goexit: %v; want ErrGoexit", err)
	}
	if got, err := pool.Map(p, sqr, ints(100)); err != nil || !slices.Equal(got, squares(100)) {
		t.Errorf("Map afterwards = %v, %v", got, err)
	}
}

// PL-28: the pool keeps no reference to a map's items or results once it
// has returned. CPython: _TestPool.test_release_task_refs.
func TestMapReleasesItems(t *testing.T) {
	p := newPool(t, pool.Processes(2))
	type counted struct{ n [64]byte }
	check := func(name string, run func(objs []*counted)) {
		t.Helper()
		objs := make([]*counted, 10)
		refs := make([]weak.Pointer[counted], len(objs))
		for i := range objs {
			objs[i] = new(counted)
			refs[i] = weak.Make(objs[i])
		}
		run(objs)
		objs = nil
		runtime.GC()
		runtime.GC()
		for i, r := range refs {
			if r.Value() != nil {
				t.Errorf("%s: object %d still alive", name, i)
			}
		}
	}
	identity := func(c *counted) *counted { return c }
	check("Map", func(objs []*counted) {
		if _, err := pool.Map(p, identity, objs, pool.ChunkSize(3)); err != nil {
			t.Fatal(err)
		}
	})
	check("MapAsync, result kept", func(objs []*counted) {
		r := pool.MapAsync(p, func(c *counted) int { return len(c.n) }, objs)
		r.Wait()
		runtime.KeepAlive(r)
	})
	check("ApplyAsync, result kept", func(objs []*counted) {
		r := pool.ApplyAsync(p, func() int { return len(objs) })
		r.Wait()
		runtime.KeepAlive(r)
	})
	check("IMap", func(objs []*counted) {
		for _, err := range pool.IMap(p, identity, objs) {
			if err != nil {
				t.Fatal(err)
			}
		}
	})
}
