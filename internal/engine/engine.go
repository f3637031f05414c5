// Package engine is the one worker engine behind futures.ThreadPoolExecutor,
// futures.ProcessPoolExecutor, pool.Pool and pool.ThreadPool: a set of
// worker goroutines, started all at once or as work arrives, taking tasks
// from one first-in, first-out queue.
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

	"github.com/pyconc/pyconc/internal/goid"
	"github.com/pyconc/pyconc/internal/panics"
)

// A Task is one unit of work.
type Task interface {
	// Run does the work, in a worker goroutine. A Task recovers its own
	// panics; if it calls runtime.Goexit, the worker is replaced.
	//
	// A Task whose outcome someone waits for (a future) calls free once,
	// just before it makes that outcome visible: from then on its worker
	// counts as idle, so that a Submit made by whoever saw the outcome
	// finds the worker free instead of starting another (CPython's
	// test_idle_thread_reuse, TP-02). A Task that does not call free is
	// counted idle when Run returns.
	Run(free func())
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

// ErrBroken is what the error Config.Broken makes should wrap, so that
// errors.Is matches a broken executor and a broken pool alike:
// futures.ErrBrokenExecutor and pool.ErrBrokenPool are this one value.
var ErrBroken = errors.New("pyconc: broken executor")

// An Engine runs tasks on worker goroutines. Create it with New.
//
// The queue is a buffered channel, which hands a task to a waiting worker
// at the cost of one lock of the runtime's, and a slice under mu for the
// tasks that find the channel full: once a task has overflowed, later
// ones queue behind it, and every worker that takes a task from the
// channel moves overflowed tasks into the room it made, so the order is
// first in, first out. The channel is closed (under gate, which senders
// hold for reading) when the engine is closed; workers then take what the
// channel still holds, then the overflow, and exit.
//
// The fields are laid out by who writes them, so that a write by the
// submitter (gate, on every Submit) does not evict the cache line every
// worker reads on every task (ch, live), nor the other way round.
type Engine struct {
	cfg  Config
	ch   chan Task
	live atomic.Int32 // workers alive; changed under mu
	_    [cacheLine]byte

	gate sync.RWMutex // held for reading to send on ch, for writing to close it
	_    [cacheLine]byte

	chClosed atomic.Bool  // ch is closed; set under gate and mu
	overN    atomic.Int64 // tasks in over; written under mu
	idle     atomic.Int64 // CPython's _idle_semaphore: tasks finished, not yet claimed by a Submit
	_        [cacheLine]byte

	mu       sync.Mutex
	over     fifo  // tasks queued behind a full ch, oldest first
	started  int   // workers ever started
	closed   bool  // Close, Drain or a break: no more tasks are taken
	broken   error // the error of a failed initializer, once there is one
	finished bool  // the last worker has exited after closed
	done     chan struct{}

	workers sync.Map // goroutine IDs of the workers running, for InWorker
}

// chanSize is the capacity of the channel part of the queue.
const chanSize = 1024

// cacheLine is the size of a CPU cache line on common hardware.
const cacheLine = 64

// New returns a running engine.
func New(cfg Config) *Engine {
	if cfg.Workers < 1 {
		panic("engine: Workers must be at least 1")
	}
	e := &Engine{cfg: cfg, ch: make(chan Task, chanSize), done: make(chan struct{})}
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
	e.gate.RLock()
	if e.chClosed.Load() {
		e.gate.RUnlock()
		return e.closedErr()
	}
	sent := false
	if e.overN.Load() == 0 {
		select {
		case e.ch <- t:
			sent = true
		default:
		}
	}
	if !sent {
		// Behind the overflowed tasks. The workers move them into the
		// channel once it is half empty (see next). So does Submit, but
		// only then: the workers may have emptied the channel between
		// the failed send above and the append here, and then no
		// receive is left to see the task; with the channel fuller than
		// that, one is, and refilling here would only make the
		// submitter contend with the workers for the channel.
		e.mu.Lock()
		e.over.push(t)
		e.overN.Add(1)
		if len(e.ch) <= chanSize/2 {
			e.refillLocked()
		}
		e.mu.Unlock()
	}
	e.gate.RUnlock()
	if e.cfg.Lazy {
		e.adjust()
	}
	return nil
}

// refillLocked moves overflowed tasks into the channel while it has room.
// The caller holds gate for reading, with ch open, and mu.
func (e *Engine) refillLocked() {
	moved := 0
	for e.over.len() > 0 {
		select {
		case e.ch <- e.over.front():
			e.over.pop()
			moved++
			continue
		default:
		}
		break
	}
	if moved > 0 {
		e.overN.Add(-int64(moved)) // once: the workers read it on every task
	}
}

// popOverLocked removes the oldest overflowed task and returns it. The
// caller holds mu, and the overflow is not empty.
func (e *Engine) popOverLocked() Task {
	t := e.over.pop()
	e.overN.Add(-1)
	return t
}

// refill is refillLocked for a worker that made room in the channel.
func (e *Engine) refill() {
	e.gate.RLock()
	if !e.chClosed.Load() {
		e.mu.Lock()
		e.refillLocked()
		e.mu.Unlock()
	}
	e.gate.RUnlock()
}

// next returns the next task for a worker, blocking while the queue is
// empty, or false once the engine is closed and the queue empty.
func (e *Engine) next() (Task, bool) {
	t, ok := <-e.ch
	if ok {
		// Refill in batches, once the channel is half empty: a refill
		// takes gate and mu, which per task would cost more than the
		// task. The overflow is only non-empty after the channel was
		// full, and every receive from then until the channel is empty
		// checks it, so no task waits there while workers starve.
		if len(e.ch) <= chanSize/2 && e.overN.Load() > 0 {
			e.refill()
		}
		return t, true
	}
	// Closed: the channel is empty; the overflow, if any, comes next.
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.over.len() == 0 {
		return nil, false
	}
	return e.popOverLocked(), true
}

// qsize is how many tasks are queued. The caller holds mu.
func (e *Engine) qsize() int { return len(e.ch) + e.over.len() }

// closeChLocked closes the channel. The caller holds gate for writing, and mu.
func (e *Engine) closeChLocked() {
	if !e.chClosed.Load() {
		e.chClosed.Store(true)
		close(e.ch)
	}
}

// takeAllLocked empties the queue and returns its tasks in order. The
// caller holds gate for writing, and mu.
func (e *Engine) takeAllLocked() []Task {
	var tasks []Task
	for {
		select {
		case t, ok := <-e.ch:
			if ok {
				tasks = append(tasks, t)
				continue
			}
		default:
		}
		break
	}
	tasks = e.over.drain(tasks)
	e.over = fifo{}
	e.overN.Store(0)
	return tasks
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
	// Once every worker is alive, none is started again while the engine
	// is open (a worker that ends early is replaced before it is
	// uncounted), so the idle count no longer matters: skip it, and the
	// cache line it shares with the workers.
	if int(e.live.Load()) >= e.cfg.Workers {
		return
	}
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

// InWorker reports whether the caller is one of e's workers: in a task,
// or in what a task calls, such as a done callback. Waiting for the
// workers from there would wait for itself.
func (e *Engine) InWorker() bool {
	_, ok := e.workers.Load(goid.Current())
	return ok
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
	id := goid.Current()
	e.workers.Store(id, struct{}{})
	defer e.workers.Delete(id)
	if e.cfg.Init != nil {
		_, err := panics.Call(func() (struct{}, error) { return struct{}{}, e.cfg.Init() },
			func(g *panics.Error) { how = exitNormal; e.breakWith(g) })
		if err != nil {
			how = exitNormal
			e.breakWith(err)
			return
		}
	}
	// free marks the worker idle, once per task, unless the task is its
	// last (MaxTasks): that worker exits instead, and the worker that
	// replaces it starts without being counted idle, as one just started.
	last, freed := false, false
	free := func() {
		if freed {
			return
		}
		freed = true
		if !last && e.cfg.Lazy && int(e.live.Load()) < e.cfg.Workers {
			e.idle.Add(1) // only adjust reads it, and only then
		}
	}
	for n := 1; ; n++ {
		t, ok := e.next()
		if !ok { // closed and empty
			how = exitNormal
			return
		}
		last = e.cfg.MaxTasks > 0 && n >= e.cfg.MaxTasks
		freed = false
		t.Run(free)
		if last {
			how = exitReplace
			return
		}
		free()
	}
}

// exit accounts for a worker that has ended, replacing it when it ended
// for a reason other than the end of the work.
func (e *Engine) exit(how int) {
	e.mu.Lock()
	if how != exitNormal && e.broken == nil && !(e.closed && e.qsize() == 0) {
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
	if e.qsize() > 0 {
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
	e.gate.Lock()
	e.mu.Lock()
	if e.broken == nil {
		e.broken = cause
		if e.cfg.Broken != nil {
			e.broken = e.cfg.Broken(cause)
		}
	}
	broken := e.broken
	e.closed = true
	tasks := e.takeAllLocked()
	e.closeChLocked()
	e.mu.Unlock()
	e.gate.Unlock()
	for _, t := range tasks {
		t.Drop(broken)
	}
}

// Close stops the engine taking tasks. The queued tasks still run; the
// workers exit when the queue is empty. Close does not wait (see Done),
// and may be called more than once.
func (e *Engine) Close() {
	e.gate.Lock()
	e.mu.Lock()
	e.closed = true
	e.closeChLocked()
	last := e.settleLocked()
	e.mu.Unlock()
	e.gate.Unlock()
	if last {
		e.finish()
	}
}

// Drain is Close that also takes the queued tasks out of the queue and
// returns them, in order, for the caller to cancel or drop. Tasks already
// running go on.
func (e *Engine) Drain() []Task {
	e.gate.Lock()
	e.mu.Lock()
	e.closed = true
	tasks := e.takeAllLocked()
	e.closeChLocked()
	last := e.settleLocked()
	e.mu.Unlock()
	e.gate.Unlock()
	if last {
		e.finish()
	}
	return tasks
}

// Done returns a channel that is closed when the engine is closed and
// every worker has exited.
func (e *Engine) Done() <-chan struct{} { return e.done }
