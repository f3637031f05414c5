package queue_test

import (
	"context"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"
	"weak"

	"github.com/google/go-cmp/cmp"

	"github.com/pyconc/pyconc/queue"
)

// SQ-02, SQ-05; CPython: Lib/test/test_queue.py BaseSimpleQueueTest.test_basic.
func TestSimpleQueueBasic(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var q queue.SimpleQueue[int] // the zero value works
		if !q.Empty() || q.Qsize() != 0 {
			t.Fatalf("new queue: Empty() = %v, Qsize() = %d", q.Empty(), q.Qsize())
		}
		q.Put(1)
		if q.Empty() || q.Qsize() != 1 {
			t.Fatalf("after one put: Empty() = %v, Qsize() = %d", q.Empty(), q.Qsize())
		}
		q.Put(2)
		q.PutNowait(3)
		q.Put(4)
		if q.Empty() || q.Qsize() != 4 {
			t.Fatalf("after four puts: Empty() = %v, Qsize() = %d", q.Empty(), q.Qsize())
		}
		if v := q.Get(); v != 1 || q.Qsize() != 3 {
			t.Fatalf("Get() = %d, Qsize() = %d; want 1, 3", v, q.Qsize())
		}
		if v, err := q.GetNowait(); v != 2 || err != nil || q.Qsize() != 2 {
			t.Fatalf("GetNowait() = %d, %v, Qsize() = %d; want 2, nil, 2", v, err, q.Qsize())
		}
		if v, err := q.GetTimeout(0); v != 3 || err != nil || q.Empty() || q.Qsize() != 1 {
			t.Fatalf("GetTimeout(0) = %d, %v, Qsize() = %d; want 3, nil, 1", v, err, q.Qsize())
		}
		if v, err := q.GetTimeout(100 * time.Millisecond); v != 4 || err != nil || !q.Empty() || q.Qsize() != 0 {
			t.Fatalf("GetTimeout(100ms) = %d, %v, Qsize() = %d; want 4, nil, 0", v, err, q.Qsize())
		}
		if _, err := q.GetTimeout(0); err != queue.ErrEmpty {
			t.Fatalf("GetTimeout(0) on an empty queue = %v; want ErrEmpty", err)
		}
		start := time.Now()
		if _, err := q.GetTimeout(time.Millisecond); err != queue.ErrEmpty || time.Since(start) != time.Millisecond {
			t.Fatalf("GetTimeout(1ms) = %v after %v; want ErrEmpty after 1ms", err, time.Since(start))
		}
		if _, err := q.GetNowait(); err != queue.ErrEmpty {
			t.Fatalf("GetNowait() on an empty queue = %v; want ErrEmpty", err)
		}
	})
}

// SQ-02; CPython: BaseSimpleQueueTest.test_negative_timeout_raises_exception.
// SQ-03 does not arise: GetNowait takes no timeout.
func TestSimpleQueueNegativeTimeout(t *testing.T) {
	q := queue.NewSimpleQueue[int]()
	q.Put(1)
	mustPanic(t, timeoutPanic, func() { q.GetTimeout(-time.Second) })
	if q.Qsize() != 1 {
		t.Fatalf("Qsize() = %d after a GetTimeout that panicked; want 1", q.Qsize())
	}
}

// SQ-01: Put never blocks, however many items; SQ-02: Get blocks until a
// put, and a blocked GetContext gives up with ctx.Err(). CPython: the
// SimpleQueue.put docstring.
func TestSimpleQueuePutNeverBlocks(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q := queue.NewSimpleQueue[int]()
		for i := range 100_000 {
			q.Put(i)
			q.PutNowait(i)
		}
		if q.Qsize() != 200_000 {
			t.Fatalf("Qsize() = %d", q.Qsize())
		}
		for range 200_000 {
			q.Get()
		}
		if v := blockingTest(t, q.Get, func() { q.Put(7) }); v != 7 {
			t.Fatalf("blocked Get() = %d; want 7", v)
		}
		ctx, cancel := context.WithCancel(t.Context())
		c := started(func() error { _, err := q.GetContext(ctx); return err })
		synctest.Wait()
		cancel()
		if err := <-c; err == nil {
			t.Fatal("cancelled GetContext returned nil")
		}
	})
}

// SQ-04, QS-09: a SimpleQueue has no maxsize, full, task_done, join or
// shutdown. CPython: no test (the docs).
func TestSimpleQueueHasNoTaskTrackingOrShutdown(t *testing.T) {
	typ := reflect.TypeFor[*queue.SimpleQueue[int]]()
	for _, name := range []string{"Maxsize", "SetMaxsize", "Full", "TaskDone", "Join", "UnfinishedTasks", "Shutdown", "ShutdownImmediate", "IsShutdown"} {
		if _, ok := typ.MethodByName(name); ok {
			t.Errorf("SimpleQueue has a %s method", name)
		}
	}
}

// runThreads is CPython's BaseSimpleQueueTest.run_threads: n feeders put
// the inputs (then a sentinel each, -1) with random pauses, n consumers get
// until they see a sentinel. It returns what the consumers got.
func runThreads(t *testing.T, n int, q *queue.SimpleQueue[int], inputs []int, consume func(q *queue.SimpleQueue[int]) int) []int {
	t.Helper()
	var (
		mu      sync.Mutex
		seq     = slices.Clone(inputs)
		results []int
		wg      sync.WaitGroup
	)
	for i := range n {
		wg.Go(func() { // feed
			rng := rand.New(rand.NewPCG(42, uint64(i)))
			for {
				mu.Lock()
				if len(seq) == 0 {
					mu.Unlock()
					q.Put(-1)
					return
				}
				v := seq[0]
				seq = seq[1:]
				mu.Unlock()
				q.Put(v)
				if rng.Float64() > 0.5 {
					runtime.Gosched()
				}
			}
		})
		wg.Go(func() { // consume
			for {
				v := consume(q)
				if v == -1 {
					return
				}
				mu.Lock()
				results = append(results, v)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if !q.Empty() || q.Qsize() != 0 {
		t.Fatalf("after the threads: Empty() = %v, Qsize() = %d", q.Empty(), q.Qsize())
	}
	return results
}

func consume(q *queue.SimpleQueue[int]) int { return q.Get() }

func consumeNonblock(q *queue.SimpleQueue[int]) int {
	for {
		if v, err := q.GetNowait(); err == nil {
			return v
		}
		runtime.Gosched()
	}
}

func consumeTimeout(q *queue.SimpleQueue[int]) int {
	for {
		if v, err := q.GetTimeout(10 * time.Microsecond); err == nil {
			return v
		}
	}
}

func count(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// SQ-06; CPython: BaseSimpleQueueTest.test_order: one producer and one
// consumer keep the order.
func TestSimpleQueueOrder(t *testing.T) {
	inputs := count(100)
	got := runThreads(t, 1, queue.NewSimpleQueue[int](), inputs, consume)
	if diff := cmp.Diff(inputs, got); diff != "" {
		t.Fatalf("order (-want +got):\n%s", diff)
	}
}

// SQ-06; CPython: BaseSimpleQueueTest.test_many_threads,
// test_many_threads_nonblock and test_many_threads_timeout: 50 producers
// and 50 consumers lose and duplicate nothing.
func TestSimpleQueueManyThreads(t *testing.T) {
	for _, tc := range []struct {
		name    string
		n       int
		consume func(*queue.SimpleQueue[int]) int
	}{
		{"blocking", 10_000, consume},
		{"nonblock", 10_000, consumeNonblock},
		{"timeout", 1_000, consumeTimeout},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inputs := count(tc.n)
			got := runThreads(t, 50, queue.NewSimpleQueue[int](), inputs, tc.consume)
			slices.Sort(got)
			if diff := cmp.Diff(inputs, got); diff != "" {
				t.Fatalf("items (-want +got):\n%s", diff)
			}
		})
	}
}

// blob is an item big enough to get its own allocation.
type blob struct{ _ [64]byte }

// SQ-07; CPython: BaseSimpleQueueTest.test_references: the queue drops its
// reference to an item as soon as it is got, from every store and from a
// hand-off to a blocked getter.
func TestReferencesDropped(t *testing.T) {
	const n = 20
	check := func(t *testing.T, put func(*blob), get func() *blob) {
		t.Helper()
		for range n {
			put(&blob{})
		}
		for i := range n {
			wr := weak.Make(get())
			runtime.GC()
			if wr.Value() != nil {
				t.Fatalf("item %d still referenced after Get", i)
			}
		}
	}
	ctors := map[string]func() *queue.Queue[*blob]{
		"Queue":     func() *queue.Queue[*blob] { return queue.New[*blob](0) },
		"LifoQueue": func() *queue.Queue[*blob] { return queue.NewLifoQueue[*blob](0) },
		"PriorityQueueFunc": func() *queue.Queue[*blob] {
			return queue.NewPriorityQueueFunc(0, func(a, b *blob) int { return 0 })
		},
	}
	for name, ctor := range ctors {
		t.Run(name, func(t *testing.T) {
			q := ctor()
			check(t, func(b *blob) { q.Put(b) }, func() *blob { v, _ := q.Get(); return v })
			// Blocked putters: their items move into the store. A putter
			// still inside Put holds its item in its own frame until it
			// returns, so the items are checked once every putter has.
			q = ctor()
			q.SetMaxsize(1)
			var wg sync.WaitGroup
			for range 3 {
				wg.Go(func() { q.Put(&blob{}) })
			}
			var wrs []weak.Pointer[blob]
			for range 3 {
				wrs = append(wrs, weak.Make(func() *blob { v, _ := q.Get(); return v }()))
			}
			wg.Wait()
			runtime.GC()
			for i, wr := range wrs {
				if wr.Value() != nil {
					t.Fatalf("item %d of a blocked putter still referenced after Get", i)
				}
			}
		})
	}
	t.Run("SimpleQueue", func(t *testing.T) {
		var q queue.SimpleQueue[*blob]
		check(t, q.Put, q.Get)
	})
	t.Run("HandOff", func(t *testing.T) {
		var q queue.Queue[*blob]
		for range n {
			c := started(func() weak.Pointer[blob] { v, _ := q.Get(); return weak.Make(v) })
			for q.Qsize() == 0 {
				if q.PutNowait(&blob{}) == nil {
					break
				}
			}
			wr := <-c
			runtime.GC()
			if wr.Value() != nil {
				t.Fatal("item still referenced after Get")
			}
		}
	})
}

// SQ-08: Put may be called from a cleanup, which Go runs on its own
// goroutine, while other goroutines put and get; CPython:
// CSimpleQueueTest.test_reentrancy. Go never runs a cleanup inside another
// goroutine's Put, so there is no re-entrancy to guard against: the
// cleanup's Put waits for the mutex like any other.
func TestSimpleQueuePutFromCleanup(t *testing.T) {
	const n = 1000
	var (
		q   queue.SimpleQueue[int]
		got []int
	)
	for i := range n {
		o := &blob{}
		runtime.AddCleanup(o, func(i int) { q.Put(-1 - i) }, i)
		q.Put(i)
		got = append(got, q.Get())
		if i%100 == 0 {
			runtime.GC()
		}
	}
	// Collect the rest; cleanups run soon after a GC.
	for deadline := time.Now().Add(10 * time.Second); len(got) < 2*n && time.Now().Before(deadline); {
		runtime.GC()
		v, err := q.GetTimeout(time.Millisecond)
		if err == nil {
			got = append(got, v)
		}
	}
	if len(got) < 2*n {
		t.Skipf("only %d of %d cleanups ran in 10s", len(got)-n, n)
	}
	slices.Sort(got)
	if diff := cmp.Diff(count(2*n), func() []int {
		for i := range got {
			got[i] += n
		}
		return got
	}()); diff != "" {
		t.Fatalf("items (-want +got, shifted by n):\n%s", diff)
	}
}
