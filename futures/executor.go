package futures

import (
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/pyconc/pyconc/internal/atexit"
	"github.com/pyconc/pyconc/internal/engine"
	"github.com/pyconc/pyconc/internal/future"
	"github.com/pyconc/pyconc/internal/panics"
	"github.com/pyconc/pyconc/thread"
)

// An Executor runs calls asynchronously on a set of workers: a
// [*ThreadPoolExecutor] or a [*ProcessPoolExecutor]. Go methods cannot
// have type parameters, so the typed work is done by functions that take
// the executor first:
//
//   - [Submit] and [SubmitErr] schedule one call and return its [Future];
//   - [Map] and [MapErr] call a function on every item of a slice or an
//     iterator and return the results in order.
//
// Shutdown stops the executor. Python's "with ThreadPoolExecutor() as
// ex:" is a deferred Shutdown, which waits as __exit__ does:
//
//	ex := futures.NewThreadPoolExecutor(futures.MaxWorkers(5))
//	defer ex.Shutdown()
//
// Only this package implements Executor.
//
// Python: concurrent.futures.Executor.
type Executor interface {
	// Shutdown tells the executor to take no more work and to release
	// its workers once the work already submitted is done. It is
	// documented on each executor.
	Shutdown(opts ...Option)

	base() *executor
}

// executor is what both executors are: an engine, with the bookkeeping
// of futures, shutdown and the exit hook. The exported types hold a
// pointer to it, so that an executor nobody references can be cleaned up
// while its workers, which reference only this, finish the queued work.
type executor struct {
	eng     *engine.Engine
	report  future.Reporter
	owner   string // names the executor in log lines
	workers int    // at most

	closed atomic.Bool // Shutdown or the exit hook was called

	unregister  func()      // the exit hook's, called when the engine is done
	interpreter atomic.Bool // thread.Shutdown's hook shut the executor down

	running sync.WaitGroup // the worker goroutines, until their last instruction of ours

	threadsMu sync.Mutex
	threads   []*thread.Thread // a ThreadPoolExecutor's workers, for Shutdown to join

	// cancelling is held by a Shutdown(CancelFutures(true)) while it
	// cancels the futures it took out of the queue, and taken by every
	// waiting Shutdown after the workers are gone: those futures are no
	// longer queued, so the workers can end while some are still pending,
	// with their done callbacks yet to run. Python cancels under the lock
	// every shutdown takes. An RLock, so that a done callback that calls
	// Shutdown does not wait for itself (Python's deadlocks there).
	cancelling thread.RLock
}

// newExecutor starts the engine of an executor named owner, whose broken
// error reads broken, and registers its exit hook.
func newExecutor(cfg engine.Config, owner, broken string, init func() error) *executor {
	e := &executor{owner: owner, workers: cfg.Workers}
	if init != nil {
		cfg.Init = func() error { return runInitializer(init) }
		cfg.Broken = func(cause error) error { return &brokenError{text: "futures: " + broken, cause: cause} }
	}
	start := cfg.Start
	if start == nil {
		start = func(_ int, run func()) { go run() }
	}
	cfg.Start = func(i int, run func()) {
		e.running.Add(1)
		start(i, func() {
			defer e.running.Done()
			run()
		})
	}
	cfg.OnDone = func() {
		// The work is done: the exit hook has nothing left to wait for.
		// It stays registered until now, so that thread.Shutdown waits
		// for work still running after Shutdown(ShutdownWait(false)), as
		// Python's exit joins those workers (EX-22).
		e.unregister()
		e.report.Report(owner)
	}
	e.eng = engine.New(cfg)
	// OnDone cannot run before Register returns: the engine finishes only
	// after a Close, or after an initializer failed in a worker that a
	// Submit started.
	e.unregister = atexit.Register(e.atExit)
	return e
}

// cleanup is the runtime.AddCleanup function of an exported executor:
// when a program drops an executor without shutting it down, its workers
// still finish the queued work and exit (EX-23).
func cleanup(e *executor) {
	if !e.closed.Load() {
		e.eng.Close()
	}
}

// runInitializer runs an initializer, logging a failure as Python logs
// "Exception in initializer:" at CRITICAL.
func runInitializer(init func() error) error {
	_, err := panics.Call(func() (struct{}, error) { return struct{}{}, init() },
		func(g *panics.Error) { slog.Error("Exception in initializer:", "error", g) })
	if err != nil {
		slog.Error("Exception in initializer:", "error", err)
	}
	return err
}

// atExit is the hook thread.Shutdown runs, as Python's interpreter runs
// concurrent.futures' _python_exit: it shuts the executor down and waits
// for the work already submitted (EX-22). Later submits get the
// interpreter-shutdown error (EX-03).
func (e *executor) atExit() {
	e.interpreter.Store(true)
	e.stop(!e.inWorker(), false)
}

// shutdown is Shutdown for both executors.
func (e *executor) shutdown(call string, opts []Option) {
	o := parseOptions(call, optShutdownWait|optCancelFutures, opts)
	wait := !o.has(optShutdownWait) || o.wait
	if wait && e.inWorker() {
		// Waiting for the workers from one of them would never end;
		// Python's shutdown raises from Thread.join.
		panic("futures: cannot join current thread: " + call + " waits for the executor's workers, and was called from one (Python: RuntimeError)")
	}
	e.stop(wait, o.cancel)
}

// inWorker reports whether the caller is one of e's workers.
func (e *executor) inWorker() bool { return e.eng.InWorker() }

// stop closes the engine, cancelling what is queued if cancel is set, and
// waits for the workers to exit if wait is set.
func (e *executor) stop(wait, cancel bool) {
	e.closed.Store(true)
	if cancel {
		// Taken before the Drain, so that a Shutdown that sees the engine
		// done after it waits for the cancelling.
		e.cancelling.Acquire()
		func() {
			defer e.cancelling.Release() // even if a done callback calls runtime.Goexit
			for _, t := range e.eng.Drain() {
				t.(interface{ Cancel() bool }).Cancel()
			}
		}()
	} else {
		e.eng.Close()
	}
	if wait {
		// Done is closed when the last worker leaves the engine; then
		// wait for the workers to end, so that none is left when
		// Shutdown returns: a thread is listed by thread.Enumerate until
		// it has stopped, and Python's shutdown joins its threads (TP-07).
		// A concurrent Shutdown may still be cancelling futures it took
		// from the queue: wait for it too, so that every future is done
		// when Shutdown returns.
		<-e.eng.Done()
		e.cancelling.Acquire()
		e.cancelling.Release()
		e.running.Wait()
		e.threadsMu.Lock()
		threads := slices.Clone(e.threads) // kept: every waiting Shutdown joins them
		e.threadsMu.Unlock()
		for _, t := range threads {
			t.Join()
		}
	}
}

// startThread starts a ThreadPoolExecutor worker, a thread named name
// running run, and keeps it for Shutdown to join. The caller holds the
// engine's lock, so starts do not race.
func (e *executor) startThread(name string, run func()) {
	t := thread.New(run, thread.Name(name))
	e.threadsMu.Lock()
	// Forget the workers that have ended already (replaced after a
	// runtime.Goexit), so that the list stays as long as the pool.
	e.threads = slices.DeleteFunc(e.threads, func(t *thread.Thread) bool { return !t.IsAlive() })
	e.threads = append(e.threads, t)
	e.threadsMu.Unlock()
	t.Start()
}

// submitErr turns an engine's Submit error into the executor's.
func (e *executor) submitErr(err error) error {
	if !errors.Is(err, engine.ErrClosed) {
		return err // broken
	}
	if e.interpreter.Load() {
		return errInterpreterShutdown
	}
	return ErrShutdown
}

// Submit schedules fn to be run by ex and returns a [Future] for its
// value; a panic in fn becomes the future's error, a *[PanicError].
// Submit never waits for fn. For a function that can fail, use
// [SubmitErr].
//
// Submit returns a nil Future and an error matching [ErrShutdown] if ex
// was shut down (EX-02, EX-03), or one matching [ErrBrokenExecutor] if an
// initializer of ex failed (TP-06).
//
// Python: concurrent.futures.Executor.submit.
func Submit[T any](ex Executor, fn func() T) (*Future[T], error) {
	e := ex.base()
	f := new(Future[T])
	f.c.Init(future.KindFuture, nil, fn, &e.report)
	err := e.eng.Submit(&f.c)
	runtime.KeepAlive(ex) // its cleanup would close the engine
	if err != nil {
		return nil, e.submitErr(err)
	}
	return f, nil
}

// SubmitErr acts like [Submit] for a function that returns an error as
// well: when fn fails, its error is the future's (EX-19).
//
// Python: concurrent.futures.Executor.submit.
func SubmitErr[T any](ex Executor, fn func() (T, error)) (*Future[T], error) {
	e := ex.base()
	f := new(Future[T])
	f.c.Init(future.KindFuture, fn, nil, &e.report)
	err := e.eng.Submit(&f.c)
	runtime.KeepAlive(ex) // its cleanup would close the engine
	if err != nil {
		return nil, e.submitErr(err)
	}
	return f, nil
}

// defaultThreads is Python's default max_workers of a ThreadPoolExecutor.
func defaultThreads() int { return min(32, runtime.GOMAXPROCS(0)+4) }

// counterName returns name-k, counting from 0 per counter.
func counterName(name string, counter *atomic.Int64) string {
	return fmt.Sprintf("%s-%d", name, counter.Add(1)-1)
}
