package queue_test

import (
	"cmp"
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/pyconc/pyconc/queue"
)

// failing is the comparison of CPython's FailingQueue: after failOn(x) it
// panics with "You Lose", once, on the first comparison involving x (any
// item if x is anyItem), as FailingQueue's _put or _get raises once.
type failing struct{ item atomic.Int64 }

const (
	noItem  = math.MinInt64
	anyItem = math.MaxInt64
)

func newFailing() *failing {
	f := new(failing)
	f.item.Store(noItem)
	return f
}

func (f *failing) failOn(x int) { f.item.Store(int64(x)) }

func (f *failing) compare(a, b int) int {
	x := f.item.Load()
	if (x == anyItem || x == int64(a) || x == int64(b)) && f.item.CompareAndSwap(x, noItem) {
		panic("You Lose")
	}
	return cmp.Compare(a, b)
}

// recovered runs f and returns what it panicked with, or nil.
func recovered(f func()) (r any) {
	defer func() { r = recover() }()
	f()
	return nil
}

// checkSize fails unless q holds n items and n unfinished tasks.
func checkSize(t *testing.T, q *queue.Queue[int], n int) {
	t.Helper()
	if q.Qsize() != n || q.UnfinishedTasks() != n {
		t.Fatalf("Qsize() = %d, UnfinishedTasks() = %d; want %d, %d", q.Qsize(), q.UnfinishedTasks(), n, n)
	}
}

// failingQueueTest is CPython's failing_queue_test for a comparison that
// panics: the panic reaches the caller of the put or get that compared,
// and the queue is left as it was (QQ-14, QQ-18).
func failingQueueTest(t *testing.T, q *queue.Queue[int], f *failing) {
	t.Helper()
	if q.Qsize() != 0 {
		t.Fatal("call failingQueueTest with an empty queue")
	}
	for i := range queueSize - 1 {
		q.Put(i)
	}
	// A failing non-blocking put, and a failing timed put.
	f.failOn(100)
	if r := recovered(func() { q.PutNowait(100) }); r != "You Lose" {
		t.Fatalf("PutNowait with a failing comparison panicked %v; want You Lose", r)
	}
	checkSize(t, q, queueSize-1)
	f.failOn(100)
	if r := recovered(func() { q.PutTimeout(100, 100*time.Millisecond) }); r != "You Lose" {
		t.Fatalf("PutTimeout with a failing comparison panicked %v; want You Lose", r)
	}
	checkSize(t, q, queueSize-1)
	q.Put(50)
	if !q.Full() {
		t.Fatal("queue should be full")
	}
	// A failing blocking put: the putter waits, a Get makes room, and the
	// putter, not the Get, panics; the Get succeeds. Then the timed form.
	for _, put := range []func() error{
		func() error { return q.Put(60) },
		func() error { return q.PutTimeout(60, 10*time.Second) },
		func() error { return q.PutContext(context.Background(), 60) },
	} {
		f.failOn(60)
		var got int
		r := blockingTest(t, func() any { return recovered(func() { put() }) }, func() { got, _ = q.Get() })
		if r != "You Lose" {
			t.Fatalf("blocked put with a failing comparison panicked %v; want You Lose", r)
		}
		if got != 0 && got != 1 {
			t.Fatalf("the Get that made room returned %d; want the least item", got)
		}
		q.TaskDone() // for the item got
		checkSize(t, q, queueSize-1)
		q.Put(got) // put failed, but get succeeded: re-add
	}
	checkSize(t, q, queueSize)
	// A blocking put that succeeds.
	blockingTest(t, func() error { return q.Put(70) }, func() { q.Get(); q.TaskDone() })
	checkSize(t, q, queueSize)
	// Failing gets in every form: the item stays (a get compares when at
	// least three items are left in the heap).
	for _, get := range []func(){
		func() { q.Get() },
		func() { q.GetNowait() },
		func() { q.GetTimeout(time.Second) },
		func() { q.GetContext(context.Background()) },
	} {
		f.failOn(anyItem)
		if r := recovered(get); r != "You Lose" {
			t.Fatalf("get with a failing comparison panicked %v; want You Lose", r)
		}
		checkSize(t, q, queueSize)
	}
	// Empty it, in order: the heap is intact.
	var got []int
	for range queueSize {
		v, err := q.Get()
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
		q.TaskDone()
	}
	if !slices.IsSorted(got) {
		t.Fatalf("items after failures not in order: %v", got)
	}
	checkSize(t, q, 0)
}

// QQ-14, QQ-18 (Quirk: pyconc stores nothing and counts nothing when a
// comparison panics); CPython: Lib/test/test_queue.py
// FailingQueueTest.test_failing_queue, done twice on the same queue.
func TestFailingComparison(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFailing()
		q := queue.NewPriorityQueueFunc(queueSize, f.compare)
		failingQueueTest(t, q, f)
		failingQueueTest(t, q, f)
	})
}

// QQ-14: SetMaxsize letting a putter in whose item fails to compare: the
// putter panics, SetMaxsize and the putters behind it go on.
func TestFailingComparisonOnSetMaxsize(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFailing()
		q := queue.NewPriorityQueueFunc(1, f.compare)
		q.Put(1)
		p1 := started(func() any { return recovered(func() { q.Put(2) }) })
		synctest.Wait()
		p2 := started(func() any { return recovered(func() { q.Put(3) }) })
		synctest.Wait()
		f.failOn(2)
		q.SetMaxsize(3)
		if r1, r2 := <-p1, <-p2; r1 != "You Lose" || r2 != nil {
			t.Fatalf("putters panicked %v, %v; want You Lose, nothing", r1, r2)
		}
		checkSize(t, q, 2)
	})
}

// QQ-14, QS-04: ShutdownImmediate whose ordering comparison panics still
// shuts down, empties the queue, lowers the count and wakes everyone, then
// panics.
func TestFailingComparisonOnShutdownImmediate(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFailing()
		q := queue.NewPriorityQueueFunc(4, f.compare)
		for i := range 4 {
			q.Put(i)
		}
		putter := started(func() error { return q.Put(9) })
		joiner := started(func() bool { q.Join(); return true })
		synctest.Wait()
		f.failOn(anyItem)
		if r := recovered(func() { q.ShutdownImmediate() }); r != "You Lose" {
			t.Fatalf("ShutdownImmediate panicked %v; want You Lose", r)
		}
		if err := <-putter; err != queue.ErrShutDown {
			t.Fatalf("blocked putter = %v; want ErrShutDown", err)
		}
		<-joiner
		if !q.IsShutdown() || q.Qsize() != 0 || q.UnfinishedTasks() != 0 {
			t.Fatalf("IsShutdown() = %v, Qsize() = %d, UnfinishedTasks() = %d; want true, 0, 0", q.IsShutdown(), q.Qsize(), q.UnfinishedTasks())
		}
	})
}

func TestNewPriorityQueueFuncNil(t *testing.T) {
	mustPanic(t, "queue: nil comparison function (Python: TypeError)", func() {
		queue.NewPriorityQueueFunc[int](0, nil)
	})
}

// The heap returns random items, with many duplicates, in sorted order
// whatever the interleaving of puts and gets.
func TestPriorityOrderRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		q := queue.NewPriorityQueue[int](0)
		var model []int
		for range rng.IntN(300) {
			if len(model) > 0 && rng.IntN(3) == 0 {
				want := slices.Min(model)
				model = slices.Delete(model, slices.Index(model, want), slices.Index(model, want)+1)
				if got, err := q.GetNowait(); got != want || err != nil {
					t.Fatalf("GetNowait() = %d, %v; want %d, nil", got, err, want)
				}
				continue
			}
			v := rng.IntN(50)
			model = append(model, v)
			q.Put(v)
		}
		slices.Sort(model)
		if diff := gocmp.Diff(model, q.ShutdownImmediate(), cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("drained (-want +got):\n%s", diff)
		}
	}
}

// A PriorityQueueFunc of (priority, name) pairs, the Python idiom of
// tuples, with ties broken by the name as Python's tuple comparison does.
func TestPriorityQueueFuncStruct(t *testing.T) {
	type job struct {
		priority int
		name     string
	}
	q := queue.NewPriorityQueueFunc(0, func(a, b job) int {
		return cmp.Or(cmp.Compare(a.priority, b.priority), strings.Compare(a.name, b.name))
	})
	for _, j := range []job{{3, "c"}, {1, "b"}, {2, "x"}, {1, "a"}, {10, "z"}} {
		q.Put(j)
	}
	var got []job
	for !q.Empty() {
		j, _ := q.Get()
		got = append(got, j)
	}
	want := []job{{1, "a"}, {1, "b"}, {2, "x"}, {3, "c"}, {10, "z"}}
	if diff := gocmp.Diff(want, got, gocmp.AllowUnexported(job{})); diff != "" {
		t.Fatalf("order (-want +got):\n%s", diff)
	}
}

// NewPriorityQueue orders floats as cmp.Compare does: NaN first.
func TestPriorityQueueNaN(t *testing.T) {
	q := queue.NewPriorityQueue[float64](0)
	nan := 0.0
	nan /= nan
	for _, v := range []float64{2, nan, -1} {
		q.Put(v)
	}
	first, _ := q.Get()
	second, _ := q.Get()
	third, _ := q.Get()
	if first == first || second != -1 || third != 2 { // NaN != NaN
		t.Fatalf("order = %v, %v, %v; want NaN, -1, 2", first, second, third)
	}
}
