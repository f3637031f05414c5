package queue_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/pyconc/pyconc/queue"
)

// basicQueueTest is CPython's basic_queue_test, run on one queue of
// maxsize queueSize inside a synctest bubble.
func basicQueueTest(t *testing.T, k kind, q *queue.Queue[int]) {
	t.Helper()
	if q.Qsize() != 0 {
		t.Fatal("call basicQueueTest with an empty queue")
	}
	if !q.Empty() || q.Full() {
		t.Fatalf("new queue: Empty() = %v, Full() = %v; want true, false", q.Empty(), q.Full())
	}
	// QQ-02: the order of three items.
	for _, v := range []int{111, 333, 222} {
		if err := q.Put(v); err != nil {
			t.Fatalf("Put(%d) = %v", v, err)
		}
	}
	var got []int
	for range 3 {
		v, err := q.Get()
		if err != nil {
			t.Fatalf("Get() = %v, %v", v, err)
		}
		got = append(got, v)
	}
	if diff := cmp.Diff(k.order([]int{111, 333, 222}), got); diff != "" {
		t.Fatalf("Get order (-want +got):\n%s", diff)
	}
	// QQ-03: Qsize, Empty, Full as the queue fills.
	for i := range queueSize - 1 {
		if err := q.Put(i); err != nil {
			t.Fatalf("Put(%d) = %v", i, err)
		}
		if q.Qsize() != i+1 || q.Empty() {
			t.Fatalf("after %d puts: Qsize() = %d, Empty() = %v", i+1, q.Qsize(), q.Empty())
		}
	}
	if q.Full() {
		t.Fatal("Full() = true with one free slot")
	}
	last, full := 2*queueSize, 3*2*queueSize
	if err := q.Put(last); err != nil {
		t.Fatal(err)
	}
	if !q.Full() || q.Empty() || q.Qsize() != queueSize {
		t.Fatalf("full queue: Full() = %v, Empty() = %v, Qsize() = %d", q.Full(), q.Empty(), q.Qsize())
	}
	// QQ-04: a non-blocking put on a full queue.
	if err := q.PutNowait(full); err != queue.ErrFull {
		t.Fatalf("PutNowait on a full queue = %v; want ErrFull", err)
	}
	// QQ-05: a timed put on a full queue gives up after exactly d.
	start := time.Now()
	if err := q.PutTimeout(full, 10*time.Millisecond); err != queue.ErrFull {
		t.Fatalf("PutTimeout on a full queue = %v; want ErrFull", err)
	}
	if d := time.Since(start); d != 10*time.Millisecond {
		t.Fatalf("PutTimeout(10ms) gave up after %v", d)
	}
	// QQ-06: blocking puts wait for a get.
	if err := blockingTest(t, func() error { return q.Put(full) }, func() { q.Get() }); err != nil {
		t.Fatalf("blocked Put = %v", err)
	}
	if err := blockingTest(t, func() error { return q.PutTimeout(full, 10*time.Second) }, func() { q.Get() }); err != nil {
		t.Fatalf("blocked PutTimeout = %v", err)
	}
	// Empty it.
	for range queueSize {
		if _, err := q.Get(); err != nil {
			t.Fatal(err)
		}
	}
	if q.Qsize() != 0 || !q.Empty() {
		t.Fatalf("emptied queue: Qsize() = %d", q.Qsize())
	}
	// QQ-07: non-blocking and timed gets on an empty queue.
	if v, err := q.GetNowait(); err != queue.ErrEmpty {
		t.Fatalf("GetNowait on an empty queue = %v, %v; want ErrEmpty", v, err)
	}
	start = time.Now()
	if v, err := q.GetTimeout(10 * time.Millisecond); err != queue.ErrEmpty {
		t.Fatalf("GetTimeout on an empty queue = %v, %v; want ErrEmpty", v, err)
	}
	if d := time.Since(start); d != 10*time.Millisecond {
		t.Fatalf("GetTimeout(10ms) gave up after %v", d)
	}
	// QQ-07: blocking gets wait for a put.
	r := blockingTest(t, func() result { v, err := q.Get(); return result{v, err} }, func() { q.Put(42) })
	if r != (result{42, nil}) {
		t.Fatalf("blocked Get = %v; want {42 <nil>}", r)
	}
	r = blockingTest(t, func() result { v, err := q.GetTimeout(10 * time.Second); return result{v, err} }, func() { q.Put(43) })
	if r != (result{43, nil}) {
		t.Fatalf("blocked GetTimeout = %v; want {43 <nil>}", r)
	}
}

// QQ-02, QQ-03, QQ-04, QQ-05, QQ-06, QQ-07; CPython: Lib/test/test_queue.py
// BaseQueueTestMixin.test_basic. Done twice on the same queue.
func TestBasic(t *testing.T) {
	forKinds(t, func(t *testing.T, k kind) {
		synctest.Test(t, func(t *testing.T) {
			q := k.new(queueSize)
			basicQueueTest(t, k, q)
			basicQueueTest(t, k, q)
		})
	})
}

// QQ-02 with more items than fit in the ring buffer's first allocation,
// interleaving puts and gets so the FIFO wraps around, grows and shrinks.
func TestOrderManyItems(t *testing.T) {
	forKinds(t, func(t *testing.T, k kind) {
		q := k.new(0)
		var put, got []int
		next := 0
		for round := range 40 {
			for range 1 + round*round%97 {
				v := next * 7919 % 1000 // distinct enough, not sorted
				next++
				put = append(put, v)
				q.Put(v)
			}
			if strings.HasPrefix(k.name, "Lifo") || strings.HasPrefix(k.name, "Priority") {
				continue // order only defined for one batch; checked below
			}
			for range q.Qsize() / 2 {
				v, _ := q.Get()
				got = append(got, v)
			}
		}
		for !q.Empty() {
			v, _ := q.GetNowait()
			got = append(got, v)
		}
		if diff := cmp.Diff(k.order(put), got); diff != "" {
			t.Fatalf("Get order (-want +got):\n%s", diff)
		}
	})
}

// QQ-04, QQ-07; CPython: BaseQueueTestMixin.test_nowait.
func TestNowait(t *testing.T) {
	forKinds(t, func(t *testing.T, k kind) {
		q := k.new(queueSize)
		for range queueSize {
			if err := q.PutNowait(1); err != nil {
				t.Fatalf("PutNowait = %v", err)
			}
		}
		if err := q.PutNowait(1); err != queue.ErrFull {
			t.Fatalf("PutNowait on a full queue = %v; want ErrFull", err)
		}
		for range queueSize {
			if v, err := q.GetNowait(); v != 1 || err != nil {
				t.Fatalf("GetNowait() = %v, %v; want 1, nil", v, err)
			}
		}
		if _, err := q.GetNowait(); err != queue.ErrEmpty {
			t.Fatalf("GetNowait on an empty queue = %v; want ErrEmpty", err)
		}
	})
}

// QQ-01: any maxsize <= 0 is unbounded; Maxsize keeps what was given.
// CPython: no test (the Queue docstring).
func TestUnbounded(t *testing.T) {
	forKinds(t, func(t *testing.T, k kind) {
		for _, maxsize := range []int{0, -5} {
			q := k.new(maxsize)
			for i := range 1000 {
				if err := q.PutNowait(i); err != nil {
					t.Fatalf("maxsize %d: PutNowait #%d = %v", maxsize, i, err)
				}
				if err := q.PutTimeout(i, 0); err != nil {
					t.Fatalf("maxsize %d: PutTimeout(0) #%d = %v", maxsize, i, err)
				}
			}
			if q.Full() || q.Qsize() != 2000 || q.Maxsize() != maxsize {
				t.Fatalf("maxsize %d: Full() = %v, Qsize() = %d, Maxsize() = %d", maxsize, q.Full(), q.Qsize(), q.Maxsize())
			}
		}
	})
	var zero queue.Queue[int]
	if zero.Maxsize() != 0 || zero.Full() || !zero.Empty() || zero.Qsize() != 0 || zero.UnfinishedTasks() != 0 || zero.IsShutdown() {
		t.Fatal("the zero Queue is not an empty, unbounded, running queue")
	}
}

const timeoutPanic = "queue: 'timeout' must be a non-negative number (Python: ValueError)"

// QQ-08; CPython: BaseQueueTestMixin.test_negative_timeout_raises_exception.
// QQ-09 (Quirk): pyconc panics on an unbounded queue too, where Python's
// put lets timeout=-1 pass.
func TestNegativeTimeoutPanics(t *testing.T) {
	forKindsSizes(t, func(t *testing.T, k kind, maxsize int) {
		q := k.new(maxsize)
		mustPanic(t, timeoutPanic, func() { q.PutTimeout(1, -1) })
		mustPanic(t, timeoutPanic, func() { q.PutTimeout(1, -time.Nanosecond) })
		if q.Qsize() != 0 || q.UnfinishedTasks() != 0 {
			t.Fatalf("a PutTimeout that panicked put an item: Qsize() = %d", q.Qsize())
		}
		q.Put(1) // an item is available: GetTimeout panics all the same
		mustPanic(t, timeoutPanic, func() { q.GetTimeout(-time.Second) })
		mustPanic(t, timeoutPanic, func() { q.JoinTimeout(-time.Second) })
		if q.Qsize() != 1 {
			t.Fatalf("a GetTimeout that panicked took the item: Qsize() = %d", q.Qsize())
		}
	})
}

// QQ-13; CPython: BaseQueueTestMixin.test_shrinking_queue (issue 10110).
func TestShrinkingQueue(t *testing.T) {
	forKinds(t, func(t *testing.T, k kind) {
		q := k.new(3)
		q.Put(1)
		q.Put(2)
		q.Put(3)
		if err := q.PutNowait(4); err != queue.ErrFull {
			t.Fatalf("PutNowait on a full queue = %v; want ErrFull", err)
		}
		if q.Qsize() != 3 {
			t.Fatalf("Qsize() = %d; want 3", q.Qsize())
		}
		q.SetMaxsize(2) // shrink the queue
		if err := q.PutNowait(4); err != queue.ErrFull {
			t.Fatalf("PutNowait after shrinking = %v; want ErrFull", err)
		}
		if q.Maxsize() != 2 || !q.Full() || q.Qsize() != 3 {
			t.Fatalf("after shrinking: Maxsize() = %d, Full() = %v, Qsize() = %d", q.Maxsize(), q.Full(), q.Qsize())
		}
		q.Get()
		if err := q.PutNowait(4); err != queue.ErrFull {
			t.Fatalf("PutNowait with 2 items in a maxsize-2 queue = %v; want ErrFull", err)
		}
		q.Get()
		if err := q.PutNowait(4); err != nil {
			t.Fatalf("PutNowait with 1 item in a maxsize-2 queue = %v", err)
		}
	})
}

// QQ-13, growing: blocked putters are let in at once, in arrival order, up
// to the new size, and SetMaxsize(0) lets everyone in. Python leaves them
// asleep until a get; pyconc documents the difference. CPython: no test.
func TestGrowingMaxsizeAdmitsPutters(t *testing.T) {
	forKinds(t, func(t *testing.T, k kind) {
		synctest.Test(t, func(t *testing.T) {
			q := k.new(1)
			q.Put(0)
			var putters []<-chan error
			for i := 1; i <= 4; i++ {
				putters = append(putters, started(func() error { return q.Put(i) }))
				synctest.Wait() // arrival order is 1, 2, 3, 4
			}
			q.SetMaxsize(3) // room for 2 more: putters 1 and 2
			synctest.Wait()
			var done []bool
			for _, p := range putters {
				_, ok := received(p)
				done = append(done, ok)
			}
			if diff := cmp.Diff([]bool{true, true, false, false}, done); diff != "" {
				t.Fatalf("putters done after SetMaxsize(3) (-want +got):\n%s", diff)
			}
			if q.Qsize() != 3 || q.UnfinishedTasks() != 3 {
				t.Fatalf("Qsize() = %d, UnfinishedTasks() = %d; want 3, 3", q.Qsize(), q.UnfinishedTasks())
			}
			q.SetMaxsize(0)
			for _, p := range putters[2:] {
				if err := <-p; err != nil {
					t.Fatalf("Put = %v", err)
				}
			}
			var got []int
			for !q.Empty() {
				v, _ := q.Get()
				got = append(got, v)
			}
			if diff := cmp.Diff(k.order([]int{0, 1, 2, 3, 4}), got); diff != "" {
				t.Fatalf("items (-want +got):\n%s", diff)
			}
		})
	})
}

// QQ-15: the zero value of T (Python's None) is an item like any other.
// CPython: no test.
func TestZeroValueIsAnItem(t *testing.T) {
	var q queue.Queue[*int]
	q.Put(nil)
	if q.Qsize() != 1 {
		t.Fatalf("Qsize() = %d after Put(nil)", q.Qsize())
	}
	if v, err := q.GetNowait(); v != nil || err != nil {
		t.Fatalf("GetNowait() = %v, %v; want nil, nil", v, err)
	}
	if _, err := q.GetNowait(); err != queue.ErrEmpty {
		t.Fatalf("GetNowait() on an empty queue = %v; want ErrEmpty", err)
	}
}

// QQ-16: the errors are distinct values with fixed text, and Empty is
// shared by Queue and SimpleQueue. CPython: no test.
func TestErrors(t *testing.T) {
	errs := []error{queue.ErrEmpty, queue.ErrFull, queue.ErrShutDown}
	want := []string{"queue: empty", "queue: full", "queue: shut down"}
	for i, err := range errs {
		if err.Error() != want[i] {
			t.Errorf("error %d = %q; want %q", i, err, want[i])
		}
		for j, other := range errs {
			if (i == j) != errors.Is(err, other) {
				t.Errorf("errors.Is(%v, %v) = %v", err, other, i != j)
			}
		}
	}
	var s queue.SimpleQueue[int]
	if _, err := s.GetNowait(); err != queue.ErrEmpty {
		t.Fatalf("SimpleQueue.GetNowait() = %v; want the same ErrEmpty as Queue", err)
	}
}

// QQ-17: blocked getters are served in arrival order, and so are blocked
// putters. CPython: no test (Condition's FIFO).
func TestWaitersServedInArrivalOrder(t *testing.T) {
	forKinds(t, func(t *testing.T, k kind) {
		synctest.Test(t, func(t *testing.T) {
			q := k.new(2)
			var getters []<-chan result
			for range 5 {
				getters = append(getters, started(func() result { v, err := q.Get(); return result{v, err} }))
				synctest.Wait()
			}
			for i := range 5 {
				q.Put(10 + i) // handed to getter i
				synctest.Wait()
			}
			for i, g := range getters {
				if r := <-g; r != (result{10 + i, nil}) {
					t.Errorf("getter %d got %v; want {%d <nil>}", i, r, 10+i)
				}
			}
			// Putters: fill, then block five in order.
			q.Put(0)
			q.Put(0)
			var putters []<-chan error
			for i := range 5 {
				putters = append(putters, started(func() error { return q.Put(20 + i) }))
				synctest.Wait()
			}
			var got []int
			for range 7 {
				v, _ := q.Get()
				got = append(got, v)
				synctest.Wait()
			}
			for i, p := range putters {
				if err := <-p; err != nil {
					t.Errorf("putter %d = %v", i, err)
				}
			}
			// With room for two, the items enter the store in arrival order;
			// FIFO shows it as Get order.
			if k.name == "Queue" || k.name == "ZeroQueue" {
				if diff := cmp.Diff([]int{0, 0, 20, 21, 22, 23, 24}, got); diff != "" {
					t.Errorf("items (-want +got):\n%s", diff)
				}
			}
			if diff := cmp.Diff([]int{0, 0, 20, 21, 22, 23, 24}, got, cmpopts.SortSlices(func(a, b int) bool { return a < b })); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
		})
	})
}

// QQ-05, QQ-07 in fake time: a timeout gives up after exactly d, zero
// tries once, and a timed call that can proceed does so at once.
func TestTimeoutsAreExact(t *testing.T) {
	forKinds(t, func(t *testing.T, k kind) {
		synctest.Test(t, func(t *testing.T) {
			q := k.new(1)
			start := time.Now()
			if _, err := q.GetTimeout(time.Second); err != queue.ErrEmpty {
				t.Fatalf("GetTimeout(1s) = %v; want ErrEmpty", err)
			}
			if d := time.Since(start); d != time.Second {
				t.Fatalf("GetTimeout(1s) returned after %v", d)
			}
			if _, err := q.GetTimeout(0); err != queue.ErrEmpty || time.Since(start) != time.Second {
				t.Fatalf("GetTimeout(0) = %v after %v; want ErrEmpty at once", err, time.Since(start)-time.Second)
			}
			if err := q.PutTimeout(7, 0); err != nil {
				t.Fatalf("PutTimeout(0) with room = %v", err)
			}
			start = time.Now()
			if err := q.PutTimeout(8, 10*time.Second); err != queue.ErrFull {
				t.Fatalf("PutTimeout(10s) = %v; want ErrFull", err)
			}
			if d := time.Since(start); d != 10*time.Second {
				t.Fatalf("PutTimeout(10s) returned after %v", d)
			}
			if err := q.PutTimeout(8, 0); err != queue.ErrFull {
				t.Fatalf("PutTimeout(0) on a full queue = %v; want ErrFull", err)
			}
			if v, err := q.GetTimeout(time.Hour); v != 7 || err != nil || time.Since(start) != 10*time.Second {
				t.Fatalf("GetTimeout(1h) with an item = %v, %v after %v", v, err, time.Since(start)-10*time.Second)
			}
			// A timed getter is served by a put that comes in time.
			c := started(func() result { v, err := q.GetTimeout(time.Second); return result{v, err} })
			time.Sleep(999 * time.Millisecond)
			q.Put(9)
			if r := <-c; r != (result{9, nil}) {
				t.Fatalf("GetTimeout served at 999ms = %v", r)
			}
			if q.UnfinishedTasks() != 2 || q.Qsize() != 0 {
				t.Fatalf("UnfinishedTasks() = %d, Qsize() = %d; want 2, 0", q.UnfinishedTasks(), q.Qsize())
			}
		})
	})
}

// The context forms: an available item or slot is taken even when ctx is
// done; otherwise they return ctx.Err() and change nothing.
func TestContextForms(t *testing.T) {
	forKinds(t, func(t *testing.T, k kind) {
		synctest.Test(t, func(t *testing.T) {
			q := k.new(1)
			done, cancel := context.WithCancel(t.Context())
			cancel()
			if err := q.PutContext(done, 1); err != nil {
				t.Fatalf("PutContext(done) with room = %v", err)
			}
			if err := q.PutContext(done, 2); err != context.Canceled {
				t.Fatalf("PutContext(done) on a full queue = %v; want context.Canceled", err)
			}
			if v, err := q.GetContext(done); v != 1 || err != nil {
				t.Fatalf("GetContext(done) with an item = %v, %v; want 1, nil", v, err)
			}
			if _, err := q.GetContext(done); err != context.Canceled {
				t.Fatalf("GetContext(done) on an empty queue = %v; want context.Canceled", err)
			}
			// A blocked GetContext gives up when ctx ends, and a later put
			// is not lost to it.
			ctx, cancel := context.WithCancel(t.Context())
			c := started(func() result { v, err := q.GetContext(ctx); return result{v, err} })
			synctest.Wait()
			cancel()
			if r := <-c; r.Err != context.Canceled {
				t.Fatalf("cancelled GetContext = %v; want context.Canceled", r)
			}
			q.Put(3)
			if q.Qsize() != 1 {
				t.Fatalf("a put after a cancelled getter: Qsize() = %d; want 1", q.Qsize())
			}
			// A blocked PutContext gives up at its deadline and puts nothing.
			ctx, cancel = context.WithTimeout(t.Context(), 5*time.Second)
			defer cancel()
			start := time.Now()
			if err := q.PutContext(ctx, 4); err != context.DeadlineExceeded {
				t.Fatalf("PutContext on a full queue = %v; want context.DeadlineExceeded", err)
			}
			if d := time.Since(start); d != 5*time.Second {
				t.Fatalf("PutContext gave up after %v; want 5s", d)
			}
			if v, _ := q.Get(); v != 3 || q.Qsize() != 0 || q.UnfinishedTasks() != 2 {
				t.Fatalf("after a PutContext that gave up: Get() = %d, Qsize() = %d, UnfinishedTasks() = %d", v, q.Qsize(), q.UnfinishedTasks())
			}
			// Background never ends: GetContext blocks like Get.
			r := blockingTest(t, func() result { v, err := q.GetContext(context.Background()); return result{v, err} }, func() { q.Put(5) })
			if r != (result{5, nil}) {
				t.Fatalf("GetContext(Background) = %v", r)
			}
		})
	})
}

// A getter that gives up is removed from the line: the next put goes to
// the getter behind it, and a putter that gives up lets the one behind it
// in first.
func TestGivingUpLeavesTheLine(t *testing.T) {
	forKinds(t, func(t *testing.T, k kind) {
		synctest.Test(t, func(t *testing.T) {
			q := k.new(1)
			ctx, cancel := context.WithCancel(t.Context())
			g1 := started(func() result { v, err := q.GetContext(ctx); return result{v, err} })
			synctest.Wait()
			g2 := started(func() result { v, err := q.Get(); return result{v, err} })
			synctest.Wait()
			cancel()
			if r := <-g1; r.Err != context.Canceled {
				t.Fatalf("first getter = %v; want context.Canceled", r)
			}
			q.Put(1)
			if r := <-g2; r != (result{1, nil}) {
				t.Fatalf("second getter = %v; want {1 <nil>}", r)
			}
			q.Put(2) // full
			ctx, cancel = context.WithCancel(t.Context())
			p1 := started(func() error { return q.PutContext(ctx, 3) })
			synctest.Wait()
			p2 := started(func() error { return q.Put(4) })
			synctest.Wait()
			cancel()
			if err := <-p1; err != context.Canceled {
				t.Fatalf("first putter = %v; want context.Canceled", err)
			}
			if v, _ := q.Get(); v != 2 {
				t.Fatalf("Get() = %d; want 2", v)
			}
			if err := <-p2; err != nil {
				t.Fatalf("second putter = %v", err)
			}
			if v, _ := q.Get(); v != 4 || q.UnfinishedTasks() != 3 {
				t.Fatalf("Get() = %d, UnfinishedTasks() = %d; want 4, 3", v, q.UnfinishedTasks())
			}
		})
	})
}

// QQ-11: every successful put counts, also one handed straight to a
// waiting getter or let in from the putters' line; failed puts do not.
func TestUnfinishedTasksCountsEverySuccessfulPut(t *testing.T) {
	forKinds(t, func(t *testing.T, k kind) {
		synctest.Test(t, func(t *testing.T) {
			q := k.new(1)
			g := started(func() result { v, err := q.Get(); return result{v, err} })
			synctest.Wait()
			q.Put(1) // handed to g
			<-g
			q.Put(2)                     // stored
			q.PutNowait(3)               // ErrFull
			q.PutTimeout(3, time.Second) // ErrFull
			p := started(func() error { return q.Put(4) })
			synctest.Wait()
			q.Get() // lets 4 in
			<-p
			if got := q.UnfinishedTasks(); got != 3 {
				t.Fatalf("UnfinishedTasks() = %d; want 3", got)
			}
		})
	})
}
