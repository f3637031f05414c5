package engine_test

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"

	"github.com/google/go-cmp/cmp"
	"github.com/pyconc/pyconc/internal/engine"
	"github.com/pyconc/pyconc/internal/future"
	"github.com/pyconc/pyconc/internal/panics"
)

// task returns a Core that computes i*i.
func task(i int) *future.Core[int] {
	c := &future.Core[int]{}
	c.Init(future.KindFuture, nil, func() int { return i * i }, nil)
	return c
}

// blocker is a task that blocks until release is closed, after telling
// started.
type blocker struct {
	started chan struct{}
	release chan struct{}
	dropped error
	ran     bool
}

func newBlocker() *blocker {
	return &blocker{started: make(chan struct{}), release: make(chan struct{})}
}

func (b *blocker) Run(func()) {
	b.ran = true
	close(b.started)
	<-b.release
}

func (b *blocker) Drop(err error) { b.dropped = err }

func TestRunsEveryTaskOnce(t *testing.T) {
	for _, lazy := range []bool{false, true} {
		for _, workers := range []int{1, 2, 7} {
			t.Run(fmt.Sprintf("lazy=%v/workers=%d", lazy, workers), func(t *testing.T) {
				e := engine.New(engine.Config{Workers: workers, Lazy: lazy})
				fs := make([]*future.Core[int], 5000)
				for i := range fs {
					fs[i] = task(i)
					if err := e.Submit(fs[i]); err != nil {
						t.Fatal(err)
					}
				}
				e.Close()
				<-e.Done()
				for i, f := range fs {
					if v, err := f.Outcome(); v != i*i || err != nil {
						t.Fatalf("task %d: %v, %v; want %d, nil", i, v, err, i*i)
					}
				}
				if got := e.Started(); got > workers {
					t.Errorf("Started() = %d; want at most %d", got, workers)
				}
				if err := e.Submit(task(0)); err != engine.ErrClosed {
					t.Errorf("Submit after Close = %v; want ErrClosed", err)
				}
			})
		}
	}
}

// TestLazyReusesIdleWorker is CPython's test_idle_thread_reuse (TP-02):
// tasks submitted one after another, each waited for, need one worker.
func TestLazyReusesIdleWorker(t *testing.T) {
	e := engine.New(engine.Config{Workers: 4, Lazy: true})
	for i := range 10 {
		f := task(i)
		if err := e.Submit(f); err != nil {
			t.Fatal(err)
		}
		<-f.DoneChan()
	}
	if got := e.Started(); got != 1 {
		t.Errorf("Started() = %d after 10 sequential tasks; want 1", got)
	}
	e.Close()
	<-e.Done()
}

// TestLazySaturation is CPython's test_saturation (TP-03): many blocking
// tasks start exactly Workers workers.
func TestLazySaturation(t *testing.T) {
	e := engine.New(engine.Config{Workers: 3, Lazy: true})
	release := make(chan struct{})
	var bs []*blocker
	for range 45 {
		b := newBlocker()
		b.release = release
		bs = append(bs, b)
		if err := e.Submit(b); err != nil {
			t.Fatal(err)
		}
	}
	if got := e.Started(); got != 3 {
		t.Errorf("Started() = %d; want 3", got)
	}
	close(release)
	e.Close()
	<-e.Done()
	for i, b := range bs {
		if !b.ran {
			t.Errorf("task %d never ran", i)
		}
	}
}

func TestDrainReturnsQueuedTasksInOrder(t *testing.T) {
	e := engine.New(engine.Config{Workers: 1})
	first := newBlocker()
	if err := e.Submit(first); err != nil {
		t.Fatal(err)
	}
	<-first.started
	var queued []engine.Task
	for i := range 5 {
		f := task(i)
		queued = append(queued, f)
		if err := e.Submit(f); err != nil {
			t.Fatal(err)
		}
	}
	drained := e.Drain()
	if diff := cmp.Diff(queued, drained, cmp.Comparer(func(a, b engine.Task) bool { return a == b })); diff != "" {
		t.Errorf("Drain() (-want +got):\n%s", diff)
	}
	select {
	case <-e.Done():
		t.Fatal("Done before the running task returned")
	default:
	}
	close(first.release)
	<-e.Done()
	for _, f := range drained {
		if f.(*future.Core[int]).State() != future.Pending {
			t.Errorf("a drained task ran")
		}
	}
}

func TestCloseRunsQueuedTasks(t *testing.T) {
	e := engine.New(engine.Config{Workers: 1})
	first := newBlocker()
	_ = e.Submit(first)
	<-first.started
	second := task(3)
	_ = e.Submit(second)
	e.Close()
	close(first.release)
	<-e.Done()
	if v, err := second.Outcome(); v != 9 || err != nil {
		t.Errorf("queued task after Close: %v, %v; want 9, nil", v, err)
	}
}

func TestCloseWithNoWorkerFinishes(t *testing.T) {
	e := engine.New(engine.Config{Workers: 4, Lazy: true})
	e.Close()
	<-e.Done()
	e.Close() // twice is fine
	if got := e.Started(); got != 0 {
		t.Errorf("Started() = %d; want 0", got)
	}
}

func TestInitializerRunsInEveryWorker(t *testing.T) {
	var n atomic.Int32
	e := engine.New(engine.Config{Workers: 3, Init: func() error { n.Add(1); return nil }})
	e.Close()
	<-e.Done()
	if got := n.Load(); got != 3 {
		t.Errorf("initializer ran %d times; want 3", got)
	}
}

func TestFailingInitializerBreaks(t *testing.T) {
	cause := errors.New("bad init")
	broken := errors.New("broken")
	for _, how := range []string{"error", "panic", "goexit"} {
		t.Run(how, func(t *testing.T) {
			release := make(chan struct{})
			e := engine.New(engine.Config{
				Workers: 1,
				Init: func() error {
					<-release
					switch how {
					case "panic":
						panic(cause)
					case "goexit":
						runtime.Goexit()
					}
					return cause
				},
				Broken: func(c error) error {
					if how != "goexit" && !errors.Is(c, cause) {
						t.Errorf("Broken got %v; want %v", c, cause)
					}
					return broken
				},
			})
			fs := []*future.Core[int]{task(1), task(2)}
			for _, f := range fs {
				if err := e.Submit(f); err != nil {
					t.Fatal(err)
				}
			}
			close(release)
			<-e.Done()
			for _, f := range fs {
				if _, err := f.Outcome(); err != broken {
					t.Errorf("queued task's error = %v; want %v", err, broken)
				}
			}
			if err := e.Submit(task(3)); err != broken {
				t.Errorf("Submit after break = %v; want %v", err, broken)
			}
			if err := e.Err(); err != broken {
				t.Errorf("Err() = %v; want %v", err, broken)
			}
		})
	}
}

// TestMaxTasksReplacesWorkers is PL-20's shape: with MaxTasks 2 and one
// worker, tasks run on goroutines A, A, B, B.
func TestMaxTasksReplacesWorkers(t *testing.T) {
	var mu sync.Mutex
	var ids []uint64
	e := engine.New(engine.Config{Workers: 1, MaxTasks: 2})
	for range 6 {
		f := &future.Core[int]{}
		f.Init(future.KindFuture, nil, func() int {
			mu.Lock()
			defer mu.Unlock()
			ids = append(ids, goroutineID())
			return 0
		}, nil)
		_ = e.Submit(f)
	}
	e.Close()
	<-e.Done()
	if len(ids) != 6 || ids[0] != ids[1] || ids[2] != ids[3] || ids[4] != ids[5] ||
		ids[1] == ids[2] || ids[3] == ids[4] {
		t.Errorf("goroutines of the tasks = %v; want A A B B C C", ids)
	}
	if got := e.Started(); got != 3 {
		t.Errorf("Started() = %d; want 3", got)
	}
}

func TestGoexitReplacesWorker(t *testing.T) {
	e := engine.New(engine.Config{Workers: 1})
	bad := &future.Core[int]{}
	bad.Init(future.KindFuture, nil, func() int { runtime.Goexit(); return 0 }, nil)
	good := task(4)
	_ = e.Submit(bad)
	_ = e.Submit(good)
	e.Close()
	<-e.Done()
	_, err := bad.Outcome()
	var pe *panics.Error
	if !errors.As(err, &pe) || !errors.Is(err, panics.ErrGoexit) {
		t.Errorf("Goexit task's error = %v; want a *panics.Error matching ErrGoexit", err)
	}
	if v, err := good.Outcome(); v != 16 || err != nil {
		t.Errorf("task after a Goexit: %v, %v; want 16, nil", v, err)
	}
}

func TestOnDoneRunsBeforeDone(t *testing.T) {
	ran := false
	e := engine.New(engine.Config{Workers: 2, OnDone: func() { ran = true }})
	e.Close()
	<-e.Done()
	if !ran {
		t.Error("OnDone had not run when Done was closed")
	}
}

// TestSubmitRacesClose submits from many goroutines while the engine is
// closed or drained: every task either is refused, runs, or is handed
// back by Drain, and the engine finishes.
func TestSubmitRacesClose(t *testing.T) {
	for round := range 200 {
		drain := round%2 == 1
		e := engine.New(engine.Config{Workers: 1 + round%3, Lazy: round%4 < 2})
		var wg sync.WaitGroup
		var refused, drained atomic.Int64
		var accepted sync.Map
		for g := range 4 {
			wg.Go(func() {
				for i := range 50 {
					f := task(g*100 + i)
					if e.Submit(f) != nil {
						refused.Add(1)
					} else {
						accepted.Store(f, true)
					}
				}
			})
		}
		runtime.Gosched()
		if drain {
			drained.Add(int64(len(e.Drain())))
		} else {
			e.Close()
		}
		wg.Wait()
		<-e.Done()
		var ran, pending int64
		accepted.Range(func(k, _ any) bool {
			switch k.(*future.Core[int]).State() {
			case future.Finished:
				ran++
			case future.Pending:
				pending++
			default:
				t.Errorf("unexpected state %v", k.(*future.Core[int]).State())
			}
			return true
		})
		if pending != drained.Load() || ran+pending+refused.Load() != 200 {
			t.Fatalf("round %d: ran %d, pending %d, drained %d, refused %d; want ran+drained+refused = 200",
				round, ran, pending, drained.Load(), refused.Load())
		}
	}
}

func TestNewPanicsWithoutWorkers(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("New with 0 workers did not panic")
		}
	}()
	engine.New(engine.Config{})
}

// TestWorkersBlockOnFakeClock checks that idle workers wait on channels,
// so a synctest bubble sees them as durably blocked.
func TestWorkersBlockOnFakeClock(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := engine.New(engine.Config{Workers: 2})
		synctest.Wait()
		f := task(5)
		_ = e.Submit(f)
		synctest.Wait()
		if !f.IsDone() {
			t.Error("task not done once the bubble settled")
		}
		e.Close()
		<-e.Done()
	})
}

// TestFIFOThroughOverflow runs more tasks than the channel part of the
// queue holds on one worker, and checks they run in submission order, and
// that Drain hands back a long queue in order.
func TestFIFOThroughOverflow(t *testing.T) {
	const n = 5000
	e := engine.New(engine.Config{Workers: 1})
	first := newBlocker()
	_ = e.Submit(first)
	<-first.started
	var order []int
	for i := range n {
		c := &future.Core[int]{}
		c.Init(future.KindFuture, nil, func() int { order = append(order, i); return i }, nil)
		if err := e.Submit(c); err != nil {
			t.Fatal(err)
		}
	}
	close(first.release)
	last := task(0)
	_ = e.Submit(last)
	<-last.DoneChan()
	for i, v := range order {
		if v != i {
			t.Fatalf("task %d ran in place %d", v, i)
		}
	}
	if len(order) != n {
		t.Fatalf("%d tasks ran; want %d", len(order), n)
	}

	block := newBlocker()
	_ = e.Submit(block)
	<-block.started
	var queued []engine.Task
	for i := range n {
		c := task(i)
		queued = append(queued, c)
		_ = e.Submit(c)
	}
	drained := e.Drain()
	close(block.release)
	<-e.Done()
	if len(drained) != n {
		t.Fatalf("Drain returned %d tasks; want %d", len(drained), n)
	}
	for i := range drained {
		if drained[i] != queued[i] {
			t.Fatalf("Drain()[%d] is not the %dth task queued", i, i)
		}
	}
}

// TestCloseRunsOverflow closes an engine whose queue has overflowed: every
// task still runs.
func TestCloseRunsOverflow(t *testing.T) {
	e := engine.New(engine.Config{Workers: 2})
	release := make(chan struct{})
	var bs []*blocker
	for range 2 {
		b := newBlocker()
		b.release = release
		bs = append(bs, b)
		_ = e.Submit(b)
	}
	for _, b := range bs {
		<-b.started
	}
	fs := make([]*future.Core[int], 4000)
	for i := range fs {
		fs[i] = task(i)
		_ = e.Submit(fs[i])
	}
	e.Close()
	close(release)
	<-e.Done()
	for i, f := range fs {
		if v, err := f.Outcome(); v != i*i || err != nil {
			t.Fatalf("task %d: %v, %v", i, v, err)
		}
	}
}

// InWorker is true in a task and false elsewhere, so that futures and
// pool refuse to wait for their workers from one of them (TP-08, PL-23).
func TestInWorker(t *testing.T) {
	e := engine.New(engine.Config{Workers: 2, Lazy: true})
	in := make(chan bool, 1)
	c := &future.Core[int]{}
	c.Init(future.KindFuture, nil, func() int { in <- e.InWorker(); return 0 }, nil)
	if err := e.Submit(c); err != nil {
		t.Fatal(err)
	}
	<-c.DoneChan()
	if !<-in {
		t.Error("InWorker() = false in a task")
	}
	if e.InWorker() {
		t.Error("InWorker() = true outside the workers")
	}
	e.Close()
	<-e.Done()
}
