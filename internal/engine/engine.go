// Package engine is the one worker engine behind futures.ThreadPoolExecutor,
// futures.ProcessPoolExecutor, pool.Pool and pool.ThreadPool: a set of
// worker goroutines, started all at once or as work arrives, taking tasks
// from one first-in, first-out queue (a queue.Queue, the package's own).
//
// An Engine runs each Task it is given exactly once, or drops it (tells it
// it will never run) when it is drained or broken: no task is lost. A
// worker runs tasks one after another; nothing starts a goroutine per
// task. A worker may run an initializer first, and may be replaced after a
// number of tasks; a failing initializer breaks the engine.
//
// Lifecycle: Close stops new tasks and lets the queued ones run; Drain
// stops new tasks and hands back the queued ones; either way the workers
// exit once the queue is empty, and then the channel Done returns is
// closed, after the OnDone hook has run.
package engine

import (
	"errors"
	"sync"
	"sync/atomic"

	"github.com/pyconc/pyconc/internal/panics"
	"github.com/pyconc/pyconc/queue"
)

// A Task is one unit of work.
type Task interface {
	// Run does the work, in a worker goroutine. A Task recovers its own
	// panics; if it calls runtime.Goexit, the worker is replaced.
	Run()
	// Drop tells the task it will never run, and why.
	Drop(err error)
}

// Config says how an Engine works.
type Config struct {
	// Workers is the most workers alive at once; at least 1.
	Workers int
	// Lazy starts a worker only when a task is submitted and no idle
	// worker is free to take it, as ThreadPoolExecutor does; otherwise
	// all Workers start at once, as Pool's do.
	Lazy bool
	// Init, if set, runs in each worker before its first task. If it
	// returns an error or panics, the engine breaks: every queued task
	// and every later Submit fails with Broken(cause).
	Init func() error
	// Broken turns an initializer's failure into the engine's error; nil
	// keeps the failure as it is.
	Broken func(cause error) error
	// MaxTasks, if positive, is how many tasks a worker runs before it
	// exits and a new worker takes its place.
	MaxTasks int
	// Start starts a worker: it must call run in a new goroutine. i counts
	// the workers started, from 0. Nil means "go run()".
	Start func(i int, run func())
	// OnDone, if set, runs once when the engine is closed and its last
	// worker has exited, before Done's channel is closed.
	OnDone func()
}

// ErrClosed is returned by Submit after Close or Drain.
var ErrClosed = errors.New("engine: closed")

// An Engine runs tasks on worker goroutines. Create it with New.
type Engine struct {
	cfg  Config
	q    queue.Queue[Task]
	idle atomic.Int64 // CPython's _idle_semaphore: tasks finished, not yet claimed by a Submit
	live atomic.Int32 // workers alive; changed under mu

	mu       sync.Mutex
	started  int   // workers ever started
	closed   bool  // Close, Drain or a break: the queue is shut down
	broken   error // the error of a failed initializer, once there is one
	finished bool  // the last worker has exited after closed
	done     chan struct{}
}

// New returns a running engine.
func New(cfg Config) *Engine {
	if cfg.Workers < 1 {
		panic("engine: Workers must be at least 1")
	}
	e := &Engine{cfg: cfg, done: make(chan struct{})}
	if !cfg.Lazy {
		e.mu.Lock()
		for range cfg.Workers {
			e.spawnLocked()
		}
		e.mu.Unlock()
	}
	return e
}

// Submit queues t to be run. It returns ErrClosed after Close or Drain,
// and the engine's error once it is broken; then t was not queued.
func (e *Engine) Submit(t Task) error {
	if err := e.q.Put(t); err != nil {
		return e.closedErr()
	}
	if e.cfg.Lazy {
		e.adjust()
	}
	return nil
}

// closedErr is the error of a Submit to a closed or broken engine.
func (e *Engine) closedErr() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.broken != nil {
		return e.broken
	}
	return ErrClosed
}

// Err returns the engine's error if it is broken, ErrClosed if it is
// closed, and nil if it takes tasks.
func (e *Engine) Err() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	switch {
	case e.broken != nil:
		return e.broken
	case e.closed:
		return ErrClosed
	}
	return nil
}

// adjust starts a worker for a task just queued, unless an idle worker
// is free to take it or there are Workers already: CPython's
// ThreadPoolExecutor._adjust_thread_count.
func (e *Engine) adjust() {
	for {
		n := e.idle.Load()
		if n <= 0 {
			break
		}
		if e.idle.CompareAndSwap(n, n-1) {
			return
		}
	}
	if int(e.live.Load()) >= e.cfg.Workers {
		return
	}
	e.mu.Lock()
	if !e.finished && int(e.live.Load()) < e.cfg.Workers {
		e.spawnLocked()
	}
	e.mu.Unlock()
}

// spawnLocked starts a worker. The caller holds e.mu.
func (e *Engine) spawnLocked() {
	i := e.started
	e.started++
	e.live.Add(1)
	if e.cfg.Start != nil {
		e.cfg.Start(i, e.work)
	} else {
		go e.work()
	}
}

// Started returns how many workers the engine has started so far.
func (e *Engine) Started() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.started
}

// How a worker ended.
const (
	exitGoexit  = iota // a task called runtime.Goexit: replace the worker
	exitReplace        // MaxTasks reached: replace the worker
	exitNormal         // the queue is closed and empty, or the engine broke
)

// work is a worker's body.
func (e *Engine) work() {
	how := exitGoexit
	defer func() { e.exit(how) }()
	if e.cfg.Init != nil {
		_, err := panics.Call(func() (struct{}, error) { return struct{}{}, e.cfg.Init() },
			func(g *panics.Error) { how = exitNormal; e.breakWith(g) })
		if err != nil {
			how = exitNormal
			e.breakWith(err)
			return
		}
	}
	for n := 1; ; n++ {
		t, err := e.q.Get()
		if err != nil { // closed and empty
			how = exitNormal
			return
		}
		t.Run()
		if e.cfg.MaxTasks > 0 && n >= e.cfg.MaxTasks {
			how = exitReplace
			return
		}
		if e.cfg.Lazy {
			e.idle.Add(1)
		}
	}
}

// exit accounts for a worker that has ended, replacing it when it ended
// for a reason other than the end of the work.
func (e *Engine) exit(how int) {
	e.mu.Lock()
	if how != exitNormal && e.broken == nil && !(e.closed && e.q.Qsize() == 0) {
		e.spawnLocked()
	}
	e.live.Add(-1)
	last := e.settleLocked()
	e.mu.Unlock()
	if last {
		e.finish()
	}
}

// settleLocked, once the engine is closed, makes sure a worker is alive
// while tasks are queued, and reports whether the engine has just
// finished: closed with no worker left. The caller holds e.mu.
func (e *Engine) settleLocked() bool {
	if !e.closed || e.finished || e.live.Load() > 0 {
		return false
	}
	if e.q.Qsize() > 0 {
		// A task queued just before the close, by a Submit that has
		// not started its worker yet.
		e.spawnLocked()
		return false
	}
	e.finished = true
	return true
}

func (e *Engine) finish() {
	if e.cfg.OnDone != nil {
		e.cfg.OnDone()
	}
	close(e.done)
}

// breakWith breaks the engine because an initializer failed with cause:
// it closes the engine and drops every queued task with the engine's
// error.
func (e *Engine) breakWith(cause error) {
	e.mu.Lock()
	if e.broken == nil {
		e.broken = cause
		if e.cfg.Broken != nil {
			e.broken = e.cfg.Broken(cause)
		}
	}
	broken := e.broken
	e.closed = true
	tasks := e.q.ShutdownImmediate()
	e.mu.Unlock()
	for _, t := range tasks {
		t.Drop(broken)
	}
}

// Close stops the engine taking tasks. The queued tasks still run; the
// workers exit when the queue is empty. Close does not wait (see Done),
// and may be called more than once.
func (e *Engine) Close() {
	e.mu.Lock()
	e.closed = true
	e.q.Shutdown()
	last := e.settleLocked()
	e.mu.Unlock()
	if last {
		e.finish()
	}
}

// Drain is Close that also takes the queued tasks out of the queue and
// returns them, in order, for the caller to cancel or drop. Tasks already
// running go on.
func (e *Engine) Drain() []Task {
	e.mu.Lock()
	e.closed = true
	tasks := e.q.ShutdownImmediate()
	last := e.settleLocked()
	e.mu.Unlock()
	if last {
		e.finish()
	}
	return tasks
}

// Done returns a channel that is closed when the engine is closed and
// every worker has exited.
func (e *Engine) Done() <-chan struct{} { return e.done }
