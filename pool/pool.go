package pool

import (
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/pyconc/pyconc/internal/engine"
	"github.com/pyconc/pyconc/internal/future"
	"github.com/pyconc/pyconc/thread"
)

// The states of a pool, named as Python's repr names them.
const (
	stateRun int32 = iota
	stateClose
	stateTerminate
)

var stateNames = [...]string{"RUN", "CLOSE", "TERMINATE"}

// A Pool is a fixed set of worker goroutines that run tasks: Python's
// multiprocessing.pool.Pool. Create one with [New] (or [NewThreadPool]),
// give it work with the package functions, which take the pool first
// because Go methods cannot have type parameters:
//
//   - [Apply], [ApplyErr], [ApplyAsync], [ApplyAsyncErr]: one call
//   - [Map], [MapErr], [MapAsync], [MapAsyncErr]: a function over every
//     item, results in input order
//   - [StarMap], [StarMapErr], [StarMapAsync], [StarMapAsyncErr]: the same
//     with two arguments per item ([Pair])
//   - [IMap], [IMapErr], [IMapUnordered], [IMapUnorderedErr]: results as
//     an iterator, in order or as they come
//
// and end it with [Pool.Close] then [Pool.Join], or with [Pool.Terminate].
// Python's "with Pool() as p:" is
//
//	p := pool.New()
//	defer p.Terminate()
//
// since Pool.__exit__ calls terminate(), not close() (PL-25).
//
// The workers are daemon [thread.Thread]s named "PoolWorker-1",
// "PoolWorker-2", …, started by New, all at once, as Python starts its
// processes; a worker that replaces another (see [MaxTasksPerChild], or
// after a task called runtime.Goexit) takes the next number. They are
// goroutines, not processes: see the package documentation.
//
// A Pool is safe for use by many goroutines at once. It must not be
// copied. A pool that is never closed or terminated keeps its worker
// goroutines for the life of the program, as Python warns that a pool not
// properly ended can hang its process at exit.
//
// Python: multiprocessing.pool.Pool.
type Pool struct {
	eng     *engine.Engine
	size    int
	class   string // "Pool" or "ThreadPool", for String
	report  future.Reporter
	state   atomic.Int32
	closing chan struct{}  // closed by the first Close or Terminate
	killed  chan struct{}  // closed by the first Terminate
	slots   []slot         // the tasks running, for Terminate
	feeders sync.WaitGroup // the feeder goroutines of IMap calls over iterators

	mu         sync.Mutex
	feeding    int  // calls still submitting chunks; the engine stays open for them
	engClosed  bool // the engine was closed or drained
	closingSet bool // closing is closed
}

// ThreadPool is Python's multiprocessing.pool.ThreadPool: a [Pool] whose
// workers are threads. In Go every pool's workers are goroutines, so a
// ThreadPool is a Pool; only its String differs. Create one with
// [NewThreadPool].
//
// Python: multiprocessing.pool.ThreadPool.
type ThreadPool = Pool

// New returns a running pool with the given options: [Processes] (the
// number of workers, runtime.GOMAXPROCS(0) without it), [Initializer] and
// [MaxTasksPerChild]. Its workers have started when New returns.
//
// New panics if passed an option that is not one of those.
//
// Python: multiprocessing.pool.Pool.
func New(opts ...Option) *Pool { return newPool("Pool", "New", opts) }

// NewThreadPool returns a running [ThreadPool]; it takes the options of
// [New] and differs from it only in the name its String prints.
//
// Python: multiprocessing.pool.ThreadPool.
func NewThreadPool(opts ...Option) *ThreadPool { return newPool("ThreadPool", "NewThreadPool", opts) }

func newPool(class, call string, opts []Option) *Pool {
	c := configure(forNew, call, opts)
	n := c.processes
	if n == 0 {
		n = runtime.GOMAXPROCS(0)
	}
	p := &Pool{size: n, class: class, closing: make(chan struct{}), killed: make(chan struct{}),
		slots: make([]slot, n)}
	p.eng = engine.New(engine.Config{
		Workers:  n,
		Init:     c.init,
		Broken:   broken,
		MaxTasks: c.maxTasks,
		Start:    startWorker,
		OnDone:   func() { p.report.Report(p.String()) },
	})
	return p
}

// startWorker starts worker i (counted from 0) as a daemon thread.
func startWorker(i int, run func()) {
	thread.New(run, thread.Name(fmt.Sprintf("PoolWorker-%d", i+1)), thread.Daemon(true)).Start()
}

// inWorker reports whether the caller is one of p's workers: in a task,
// or in a [Callback] or [ErrorCallback] a worker runs.
func (p *Pool) inWorker() bool { return p.eng.InWorker() }

// broken is the error of a pool whose initializer failed with cause.
func broken(cause error) error {
	slog.Error("pool: Exception in initializer:", "error", cause)
	return &brokenError{cause}
}

// Close stops the pool taking work: every later call fails with
// [ErrNotRunning]. Work already sent still runs, including the items an
// [IMap] over an iterator has yet to read; then the workers exit. Close
// does not wait for that: [Pool.Join] does. Calling Close again, or after
// Terminate, does nothing (PL-23).
//
// Python: multiprocessing.pool.Pool.close.
func (p *Pool) Close() {
	p.mu.Lock()
	if p.state.Load() == stateRun {
		p.state.Store(stateClose)
	}
	p.setClosingLocked()
	closeEng := p.feeding == 0 && !p.engClosed
	if closeEng {
		p.engClosed = true
	}
	p.mu.Unlock()
	if closeEng {
		p.eng.Close()
	}
}

// setClosingLocked closes p.closing once. The caller holds p.mu.
func (p *Pool) setClosingLocked() {
	if !p.closingSet {
		p.closingSet = true
		close(p.closing)
	}
}

// Terminate stops the pool now: every result not ready yet fails with
// [ErrTerminated] at once (its [ErrorCallback], if any, is called with
// it), the work still queued is dropped and never runs, every [IMap] loop
// yields ErrTerminated and ends, and later calls fail with
// [ErrNotRunning]. A chunk of a map that is running stops after the item
// it is running. Then Terminate waits for the items already running to
// return, since a goroutine cannot be stopped from outside (Python kills
// its worker processes), for the goroutines reading [IMap] inputs, which
// end when their input next yields or returns, and for the workers to
// exit, as Python's terminate() joins them (PL-24).
//
// Terminate may be called more than once, and after [Pool.Close] or
// [Pool.Join] (PL-23). Called from one of the pool's own workers — in a
// task, or in a [Callback] or [ErrorCallback], as Python's
// error_callback=lambda e: pool.terminate() does — it does all of that but
// wait, which would wait for itself forever; Python's terminate() likewise
// does not join the thread it is called from. It is what Python's "with
// Pool() as p:" calls at the end of the block: write defer p.Terminate()
// (PL-25).
//
// Python: multiprocessing.pool.Pool.terminate.
func (p *Pool) Terminate() {
	p.mu.Lock()
	first := p.state.Load() != stateTerminate
	if first {
		p.state.Store(stateTerminate)
		p.setClosingLocked()
		close(p.killed)
		p.engClosed = true
	}
	p.mu.Unlock()
	if first {
		p.terminateRunning()
		for _, t := range p.eng.Drain() {
			t.Drop(ErrTerminated)
		}
	}
	if !p.inWorker() {
		p.wait()
	}
}

// Join waits for the workers to exit: after [Pool.Close], once all the
// work sent has run; after [Pool.Terminate], once the running tasks have
// returned. It may be called again (PL-23).
//
// Join panics with Python's message "pool: Pool is still running (Python:
// ValueError)" if neither Close nor Terminate was called (PL-22). Called
// from one of the pool's own workers (in a task, or in a [Callback] or
// [ErrorCallback]), which it would wait for forever, it panics with
// "pool: cannot join current thread: Join waits for the pool's workers,
// and was called from one (Python: RuntimeError)", as Python's join raises
// from Thread.join.
//
// Python: multiprocessing.pool.Pool.join.
func (p *Pool) Join() {
	if p.state.Load() == stateRun {
		panic("pool: Pool is still running (Python: ValueError)")
	}
	if p.inWorker() {
		panic("pool: cannot join current thread: Join waits for the pool's workers, and was called from one (Python: RuntimeError)")
	}
	p.wait()
}

func (p *Pool) wait() {
	p.feeders.Wait()
	<-p.eng.Done()
}

// String describes the pool as Python's repr does:
// "<multiprocessing.pool.Pool state=RUN pool_size=4>", with state CLOSE
// after [Pool.Close] and TERMINATE after [Pool.Terminate] (PL-01), and
// ThreadPool for a pool made by [NewThreadPool].
//
// Python: multiprocessing.pool.Pool.__repr__.
func (p *Pool) String() string {
	return fmt.Sprintf("<multiprocessing.pool.%s state=%s pool_size=%d>",
		p.class, stateNames[p.state.Load()], p.size)
}

// accept reports whether the pool is running, and so takes new work.
// With feed, the caller is about to submit chunks, and the engine stays
// open until it calls endFeed, so that a Close in between does not fail
// the chunks of a call the pool accepted. With goroutine, the caller is
// about to start a feeder goroutine, which Join and Terminate wait for.
func (p *Pool) accept(feed, goroutine bool) bool {
	if !feed {
		return p.state.Load() == stateRun
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.state.Load() != stateRun {
		return false
	}
	p.feeding++
	if goroutine {
		p.feeders.Add(1)
	}
	return true
}

// endFeed ends what accept(l, true) began.
func (p *Pool) endFeed() {
	p.mu.Lock()
	p.feeding--
	closeEng := p.feeding == 0 && p.state.Load() != stateRun && !p.engClosed
	if closeEng {
		p.engClosed = true
	}
	p.mu.Unlock()
	if closeEng {
		p.eng.Close()
	}
}

// submitErr is the error of a result whose task the engine refused:
// ErrTerminated if the pool was terminated after it accepted the call (the
// call's result was not ready then), ErrNotRunning after Close.
func (p *Pool) submitErr(err error) error {
	if err == engine.ErrClosed {
		if p.terminated() {
			return ErrTerminated
		}
		return ErrNotRunning
	}
	return err
}

// isClosing reports whether Close or Terminate has been called.
func (p *Pool) isClosing() bool {
	select {
	case <-p.closing:
		return true
	default:
		return false
	}
}
