package futures

import (
	"runtime"
	"strconv"
	"sync/atomic"

	"github.com/pyconc/pyconc/internal/engine"
)

// A ThreadPoolExecutor is an [Executor] that runs calls on a pool of at
// most [MaxWorkers] worker threads, each a [thread.Thread] named
// "{prefix}_{i}" ([ThreadNamePrefix], TP-04). Create it with
// [NewThreadPoolExecutor]; give it work with [Submit], [SubmitErr], [Map]
// and [MapErr]; stop it with [ThreadPoolExecutor.Shutdown], usually
// deferred.
//
// Workers start lazily, as Python's do: a submit starts one only when no
// idle worker is free to take the call and fewer than MaxWorkers run, so
// sequential submit-and-wait work uses one worker and a burst of blocking
// calls uses MaxWorkers (TP-02, TP-03). Idle workers wait for work; they
// exit when the executor is shut down and its queue is empty. Calls run
// in the order submitted. As in Python, a call that waits for the result
// of another call on the same executor can deadlock it, once every worker
// is such a waiting call.
//
// An executor that is dropped without Shutdown still finishes its queued
// work, and its workers then exit (EX-23); and thread.Shutdown, which
// stands for the end of a Python program, shuts down every executor still
// running and waits for its work (EX-22).
//
// Python: concurrent.futures.ThreadPoolExecutor.
type ThreadPoolExecutor struct {
	e *executor
}

// threadPools counts the ThreadPoolExecutors made without a
// ThreadNamePrefix, for the default prefix "ThreadPoolExecutor-k".
var threadPools atomic.Int64

// NewThreadPoolExecutor returns a running ThreadPoolExecutor. Its options
// are [MaxWorkers] (default min(32, GOMAXPROCS+4)), [ThreadNamePrefix]
// and [Initializer]; any other panics.
//
// NewThreadPoolExecutor panics if MaxWorkers is less than 1, with
// Python's text "futures: max_workers must be greater than 0 (Python:
// ValueError)" (EX-17).
//
// Python: concurrent.futures.ThreadPoolExecutor.
func NewThreadPoolExecutor(opts ...Option) *ThreadPoolExecutor {
	o := parseOptions("NewThreadPoolExecutor", optMaxWorkers|optThreadNamePrefix|optInitializer, opts)
	workers := defaultThreads()
	if o.has(optMaxWorkers) {
		workers = o.maxWorkers
	}
	prefix := o.prefix
	if prefix == "" {
		prefix = counterName("ThreadPoolExecutor", &threadPools)
	}
	var e *executor
	cfg := engine.Config{
		Workers: workers,
		Lazy:    true,
		Start: func(i int, run func()) {
			// Only Submit starts workers, after newExecutor returned.
			e.startThread(prefix+"_"+strconv.Itoa(i), run)
		},
	}
	e = newExecutor(cfg, prefix, "A thread initializer failed, the thread pool is not usable anymore", o.init)
	ex := &ThreadPoolExecutor{e: e}
	runtime.AddCleanup(ex, cleanup, e)
	return ex
}

// Shutdown tells the executor to take no more work: from now on [Submit]
// returns [ErrShutdown] (EX-02). The calls already submitted still run,
// unless [CancelFutures](true) cancels those not yet started (EX-07); the
// workers exit when the queue is empty (TP-07).
//
// Shutdown waits until every call has finished and every worker has
// exited, unless [ShutdownWait](false) makes it return at once (EX-05,
// EX-06). It may be called more than once, and concurrently (EX-04); a
// waiting Shutdown also waits for a concurrent one that is cancelling
// the queued futures, so that every future is done when it returns, as
// Python's shutdowns take one lock.
// Those two are its only options; any other panics. Called with the
// default wait from one of the executor's own calls, which would wait for
// itself forever, it panics with "futures: cannot join current thread: …
// (Python: RuntimeError)", as Python's raises; with ShutdownWait(false)
// it may be called from anywhere.
//
// "with ThreadPoolExecutor() as ex:" becomes "defer ex.Shutdown()", which
// is what __exit__ calls (EX-08).
//
// Python: concurrent.futures.ThreadPoolExecutor.shutdown.
func (ex *ThreadPoolExecutor) Shutdown(opts ...Option) {
	ex.e.shutdown("ThreadPoolExecutor.Shutdown", opts)
	runtime.KeepAlive(ex)
}

func (ex *ThreadPoolExecutor) base() *executor { return ex.e }
