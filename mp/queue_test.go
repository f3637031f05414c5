package mp_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pyconc/pyconc/mp"
	"github.com/pyconc/pyconc/queue"
	"github.com/pyconc/pyconc/thread"
)

// A queueUnderTest is the part of Queue and JoinableQueue every test uses.
type queueUnderTest interface {
	Put(int) error
	PutNowait(int) error
	PutTimeout(int, time.Duration) error
	PutContext(context.Context, int) error
	Get() (int, error)
	GetNowait() (int, error)
	GetTimeout(time.Duration) (int, error)
	GetContext(context.Context) (int, error)
	Qsize() int
	Empty() bool
	Full() bool
	Close()
	JoinThread()
	CancelJoinThread()
}

// queueKinds runs one behaviour over Queue and JoinableQueue, as CPython's
// _TestQueue runs over both.
var queueKinds = []struct {
	name string
	make func(maxsize int) queueUnderTest
}{
	{"Queue", func(n int) queueUnderTest { return mp.NewQueue[int](n) }},
	{"JoinableQueue", func(n int) queueUnderTest { return mp.NewJoinableQueue[int](n) }},
}

// MQ-01
func TestQueueUnboundedByDefault(t *testing.T) {
	for _, k := range queueKinds {
		for _, maxsize := range []int{0, -1} {
			q := k.make(maxsize)
			for i := range 10000 {
				if err := q.PutNowait(i); err != nil {
					t.Fatalf("%s(%d).PutNowait(%d) = %v", k.name, maxsize, i, err)
				}
			}
			if q.Full() || q.Qsize() != 10000 {
				t.Errorf("%s(%d): Full() = %v, Qsize() = %d; want false, 10000", k.name, maxsize, q.Full(), q.Qsize())
			}
		}
	}
}

// MQ-02, MQ-04
// CPython: Lib/test/_test_multiprocessing.py _TestQueue.test_put
func TestQueuePut(t *testing.T) {
	for _, k := range queueKinds {
		t.Run(k.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				q := k.make(6)
				puts := []func(int) error{
					q.Put, q.Put, q.Put, q.PutNowait,
					func(v int) error { return q.PutTimeout(v, time.Second) },
					func(v int) error { return q.PutContext(context.Background(), v) },
				}
				for i, put := range puts {
					if err := put(i); err != nil {
						t.Fatalf("put %d = %v", i, err)
					}
				}
				if !q.Full() || q.Empty() || q.Qsize() != 6 {
					t.Errorf("Full, Empty, Qsize = %v, %v, %d; want true, false, 6", q.Full(), q.Empty(), q.Qsize())
				}
				start := time.Now()
				if err := q.PutNowait(7); !errors.Is(err, mp.ErrFull) || !errors.Is(err, queue.ErrFull) {
					t.Errorf("PutNowait on full = %v; want ErrFull", err)
				}
				if err := q.PutTimeout(7, 0); !errors.Is(err, mp.ErrFull) {
					t.Errorf("PutTimeout(0) on full = %v; want ErrFull", err)
				}
				if d := time.Since(start); d != 0 {
					t.Errorf("non-blocking puts took %v", d)
				}
				if err := q.PutTimeout(7, 100*time.Millisecond); !errors.Is(err, mp.ErrFull) {
					t.Errorf("PutTimeout(0.1s) on full = %v; want ErrFull", err)
				}
				if d := time.Since(start); d != 100*time.Millisecond {
					t.Errorf("PutTimeout(0.1s) gave up after %v", d)
				}
				ctx, cancel := context.WithTimeout(context.Background(), time.Second)
				defer cancel()
				if err := q.PutContext(ctx, 7); !errors.Is(err, context.DeadlineExceeded) {
					t.Errorf("PutContext on full = %v; want DeadlineExceeded", err)
				}
				var got []int
				for range 6 {
					v, _ := q.Get()
					got = append(got, v)
				}
				if diff := cmp.Diff([]int{0, 1, 2, 3, 4, 5}, got); diff != "" {
					t.Errorf("items (-want +got):\n%s", diff)
				}
			})
		})
	}
}

// MQ-03, MQ-04
// CPython: Lib/test/_test_multiprocessing.py _TestQueue.test_get, test_timeout
func TestQueueGet(t *testing.T) {
	for _, k := range queueKinds {
		t.Run(k.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				q := k.make(0)
				for i := range 4 {
					_ = q.Put(i)
				}
				gets := []func() (int, error){
					q.Get, q.GetNowait,
					func() (int, error) { return q.GetTimeout(time.Second) },
					func() (int, error) { return q.GetContext(context.Background()) },
				}
				for i, get := range gets {
					if v, err := get(); v != i || err != nil {
						t.Errorf("get %d = %v, %v; want %d, nil", i, v, err, i)
					}
				}
				start := time.Now()
				if _, err := q.GetNowait(); !errors.Is(err, mp.ErrEmpty) || !errors.Is(err, queue.ErrEmpty) {
					t.Errorf("GetNowait on empty = %v; want ErrEmpty", err)
				}
				if _, err := q.GetTimeout(0); !errors.Is(err, mp.ErrEmpty) {
					t.Errorf("GetTimeout(0) on empty = %v; want ErrEmpty", err)
				}
				if d := time.Since(start); d != 0 {
					t.Errorf("non-blocking gets took %v", d)
				}
				if _, err := q.GetTimeout(100 * time.Millisecond); !errors.Is(err, mp.ErrEmpty) {
					t.Errorf("GetTimeout(0.1s) on empty = %v; want ErrEmpty", err)
				}
				if d := time.Since(start); d != 100*time.Millisecond {
					t.Errorf("GetTimeout(0.1s) gave up after %v", d)
				}
			})
		})
	}
}

// MQ-05: unlike queue.Queue, a negative timeout means zero.
func TestQueueNegativeTimeout(t *testing.T) {
	for _, k := range queueKinds {
		synctest.Test(t, func(t *testing.T) {
			q := k.make(1)
			start := time.Now()
			if _, err := q.GetTimeout(-time.Second); !errors.Is(err, mp.ErrEmpty) {
				t.Errorf("%s: GetTimeout(-1s) on empty = %v; want ErrEmpty", k.name, err)
			}
			if err := q.PutTimeout(1, -time.Second); err != nil {
				t.Errorf("%s: PutTimeout(-1s) = %v; want nil", k.name, err)
			}
			if err := q.PutTimeout(2, -time.Second); !errors.Is(err, mp.ErrFull) {
				t.Errorf("%s: PutTimeout(-1s) on full = %v; want ErrFull", k.name, err)
			}
			if v, err := q.GetTimeout(-time.Second); v != 1 || err != nil {
				t.Errorf("%s: GetTimeout(-1s) = %v, %v; want 1, nil", k.name, v, err)
			}
			if d := time.Since(start); d != 0 {
				t.Errorf("%s: negative timeouts waited %v", k.name, d)
			}
		})
	}
}

// MQ-06, MQ-07: a Put is in the queue when it returns; no feeder thread.
// CPython: Lib/test/_test_multiprocessing.py _TestQueue.test_qsize
func TestQueueQsizeAndEmptyAtOnce(t *testing.T) {
	for _, k := range queueKinds {
		q := k.make(0)
		if !q.Empty() || q.Qsize() != 0 {
			t.Errorf("%s: new queue Empty, Qsize = %v, %d", k.name, q.Empty(), q.Qsize())
		}
		_ = q.Put(1)
		if q.Empty() || q.Qsize() != 1 {
			t.Errorf("%s: just after Put, Empty, Qsize = %v, %d; want false, 1", k.name, q.Empty(), q.Qsize())
		}
		_ = q.Put(2)
		_, _ = q.Get()
		if q.Qsize() != 1 {
			t.Errorf("%s: Qsize() = %d; want 1", k.name, q.Qsize())
		}
	}
}

// MQ-08: Close is per process; the closing process's Put and Get panic.
// CPython: Lib/test/_test_multiprocessing.py _TestQueue.test_closed_queue_put_get_exceptions
func TestQueueClosedPutGetPanic(t *testing.T) {
	const text = "mp: Queue is closed (Python: ValueError)"
	for _, k := range queueKinds {
		t.Run(k.name, func(t *testing.T) {
			q := k.make(0)
			_ = q.Put(1)
			p := inProcess(func() {
				q.Close()
				q.Close() // twice is fine
				for _, f := range []func(){
					func() { _ = q.Put(2) },
					func() { _ = q.PutNowait(2) },
					func() { _ = q.PutTimeout(2, time.Second) },
					func() { _ = q.PutContext(context.Background(), 2) },
					func() { _, _ = q.Get() },
					func() { _, _ = q.GetNowait() },
					func() { _, _ = q.GetTimeout(time.Second) },
					func() { _, _ = q.GetContext(context.Background()) },
				} {
					mustPanic(t, text, f)
				}
				q.JoinThread()
			})
			p.Join()
			// The main process's handle is still open.
			if v, err := q.GetNowait(); v != 1 || err != nil {
				t.Errorf("GetNowait in main = %v, %v; want 1, nil", v, err)
			}
			_ = q.Put(3)
			q.Close()
			mustPanic(t, text, func() { _ = q.Put(4) })
			mustPanic(t, text, func() { _, _ = q.Get() })
			if q.Qsize() != 1 || q.Empty() || q.Full() {
				t.Errorf("after Close Qsize, Empty, Full = %d, %v, %v", q.Qsize(), q.Empty(), q.Full())
			}
		})
	}
}

// MQ-08: a producer that closes after its last put does not take the items
// from its consumer.
func TestQueueCloseByProducerKeepsItems(t *testing.T) {
	q := mp.NewQueue[int](0)
	p := inProcess(func() {
		for i := range 100 {
			_ = q.Put(i)
		}
		q.Close()
		q.JoinThread()
	})
	var got []int
	for range 100 {
		v, err := q.Get()
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
	}
	p.Join()
	if !slices.Equal(got, seq(100)) {
		t.Errorf("got %v", got)
	}
}

// seq returns 0, 1, ..., n-1.
func seq(n int) []int {
	xs := make([]int, n)
	for i := range xs {
		xs[i] = i
	}
	return xs
}

// A thread started by a process belongs to it: its Close is the
// process's Close.
func TestQueueCloseInThreadOfProcess(t *testing.T) {
	q := mp.NewQueue[int](0)
	p := inProcess(func() {
		th := thread.New(q.Close)
		th.Start()
		th.Join()
		mustPanic(t, "mp: Queue is closed (Python: ValueError)", func() { _ = q.Put(1) })
	})
	p.Join()
	if err := q.Put(1); err != nil {
		t.Errorf("Put in main after a child closed = %v", err)
	}
}

// JoinThread asserts the queue is closed; CancelJoinThread does nothing.
func TestQueueJoinThread(t *testing.T) {
	for _, k := range queueKinds {
		q := k.make(0)
		_ = q.Put(1)
		mustPanic(t, "mp: Queue not closed (Python: AssertionError)", q.JoinThread)
		q.CancelJoinThread()
		q.Close()
		q.JoinThread()
		q.JoinThread()
	}
}

// MQ-09: a Queue has no TaskDone or Join; a JoinableQueue has.
func TestQueueHasNoTaskDone(t *testing.T) {
	type joinable interface {
		TaskDone()
		Join()
	}
	if _, ok := any(mp.NewQueue[int](0)).(joinable); ok {
		t.Error("*Queue has TaskDone and Join")
	}
	if _, ok := any(mp.NewJoinableQueue[int](0)).(joinable); !ok {
		t.Error("*JoinableQueue lacks TaskDone or Join")
	}
}

// MQ-10: nothing is pickled: any value goes through, a func or a channel
// included, and a pointer still points at the same memory.
func TestQueueItemsAreNotCopied(t *testing.T) {
	q := mp.NewQueue[any](0)
	x := new(int)
	f := func() int { return 42 }
	_ = q.Put(f)
	_ = q.Put(x)
	got, _ := q.Get()
	if got.(func() int)() != 42 {
		t.Error("the func did not survive")
	}
	p, _ := q.Get()
	if p.(*int) != x {
		t.Error("a pointer put came out as another")
	}
}

// MQ-11
// CPython: Lib/test/_test_multiprocessing.py _TestQueue.test_task_done
func TestJoinableQueueTaskDone(t *testing.T) {
	q := mp.NewJoinableQueue[int](0)
	mustPanic(t, "mp: task_done() called too many times (Python: ValueError)", q.TaskDone)

	var mu sync.Mutex
	var done []int
	var workers []*mp.Process
	for range 4 {
		workers = append(workers, inProcess(func() {
			for {
				v, _ := q.Get()
				if v < 0 {
					q.TaskDone()
					return
				}
				mu.Lock()
				done = append(done, v)
				mu.Unlock()
				q.TaskDone()
			}
		}))
	}
	for i := range 10 {
		_ = q.Put(i)
	}
	q.Join()
	mu.Lock()
	if len(done) != 10 {
		t.Errorf("Join returned with %d of 10 tasks done", len(done))
	}
	mu.Unlock()
	for range workers {
		_ = q.Put(-1)
	}
	joinAll(workers...)
	if !q.JoinTimeout(0) || q.JoinContext(context.Background()) != nil {
		t.Error("JoinTimeout or JoinContext failed with no task unfinished")
	}
	mustPanic(t, "mp: task_done() called too many times (Python: ValueError)", q.TaskDone)
	q.Close()
	mustPanic(t, "mp: Queue is closed (Python: ValueError)", q.TaskDone)
}

// JoinTimeout gives up; a negative timeout means zero.
func TestJoinableQueueJoinTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q := mp.NewJoinableQueue[int](0)
		_ = q.Put(1)
		start := time.Now()
		if q.JoinTimeout(-time.Second) || q.JoinTimeout(0) {
			t.Error("JoinTimeout(<=0) = true with a task unfinished")
		}
		if q.JoinTimeout(time.Second) {
			t.Error("JoinTimeout(1s) = true with a task unfinished")
		}
		if d := time.Since(start); d != time.Second {
			t.Errorf("JoinTimeout(1s) gave up after %v", d)
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if err := q.JoinContext(ctx); !errors.Is(err, context.Canceled) {
			t.Errorf("JoinContext = %v; want Canceled", err)
		}
	})
}

// MQ-12: items put by the parent before the child starts and by the child
// both arrive, and a child that ends leaves its items in the queue.
// CPython: Lib/test/_test_multiprocessing.py _TestQueue.test_fork
func TestQueueParentAndChildItems(t *testing.T) {
	q := mp.NewQueue[int](0)
	for i := range 10 {
		_ = q.Put(i)
	}
	p := inProcess(func() {
		for i := 10; i < 20; i++ {
			_ = q.Put(i)
		}
	})
	p.Join()
	var got []int
	for range 20 {
		v, err := q.GetTimeout(time.Second)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
	}
	if !slices.Equal(got, seq(20)) {
		t.Errorf("got %v", got)
	}
}

// A blocked Get in one process wakes with another's Put.
func TestQueueGetWakesAcrossProcesses(t *testing.T) {
	q := mp.NewQueue[string](0)
	r := mp.NewQueue[string](0)
	p := inProcess(func() {
		v, _ := q.Get()
		_ = r.Put(v + "!")
	})
	_ = q.Put("hello")
	if v, _ := r.Get(); v != "hello!" {
		t.Errorf("got %q", v)
	}
	p.Join()
}

// MQ-13
// CPython: Lib/test/_test_multiprocessing.py TestSimpleQueue.test_empty, test_close, test_closed
func TestSimpleQueue(t *testing.T) {
	const text = "mp: handle is closed (Python: OSError)"
	q := mp.NewSimpleQueue[int]()
	if !q.Empty() {
		t.Error("new SimpleQueue not empty")
	}
	q.Put(1)
	q.Put(2)
	var childEmpty []bool
	p := inProcess(func() {
		childEmpty = append(childEmpty, q.Empty())
		_ = q.Get()
		childEmpty = append(childEmpty, q.Empty())
		_ = q.Get()
		childEmpty = append(childEmpty, q.Empty())
		q.Close()
		q.Close()
		mustPanic(t, text, func() { q.Put(3) })
		mustPanic(t, text, func() { _ = q.Get() })
	})
	p.Join()
	if diff := cmp.Diff([]bool{false, false, true}, childEmpty); diff != "" {
		t.Errorf("Empty() in the child (-want +got):\n%s", diff)
	}
	q.Put(4) // the main process's handle is open
	if v := q.Get(); v != 4 {
		t.Errorf("Get() = %d; want 4", v)
	}
	q.Close()
	mustPanic(t, text, func() { q.Put(5) })
	mustPanic(t, text, func() { _ = q.Get() })
	// Python's get(timeout=...) is a TypeError: SimpleQueue has no GetTimeout.
	if _, ok := any(q).(interface {
		GetTimeout(time.Duration) (int, error)
	}); ok {
		t.Error("SimpleQueue has GetTimeout")
	}
}

// The constructors take a *Context and refuse other options.
func TestQueueOptions(t *testing.T) {
	ctx, err := mp.GetContext("")
	if err != nil {
		t.Fatal(err)
	}
	q := mp.NewQueue[int](0, ctx)
	_ = q.Put(1)
	_ = mp.NewJoinableQueue[int](0, ctx)
	_ = mp.NewSimpleQueue[int](ctx)
	mustPanic(t, "mp: Duplex is not an option of NewQueue", func() { mp.NewQueue[int](0, mp.Duplex(false)) })
	mustPanic(t, "mp: Name is not an option of NewJoinableQueue", func() { mp.NewJoinableQueue[int](0, mp.Name("x")) })
	mustPanic(t, "mp: Daemon is not an option of NewSimpleQueue", func() { mp.NewSimpleQueue[int](mp.Daemon(true)) })
}
