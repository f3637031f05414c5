package futures

import (
	"runtime"

	"github.com/pyconc/pyconc/internal/engine"
)

// A ProcessPoolExecutor is an [Executor] for CPU-bound work: Python's
// ProcessPoolExecutor, on the same engine as [ThreadPoolExecutor].
//
// In this release it runs goroutines, not processes. Go has no global
// interpreter lock, so goroutines already run on every core at once,
// which is what Python programs use processes for; and nothing needs to
// be pickled, so any function and any value can be sent. The flip side
// is that a call cannot be isolated: a crash that kills a Go program
// (a fatal error, os.Exit) kills it here too, where Python's pool would
// lose one worker process and report BrokenProcessPool.
//
// It differs from a ThreadPoolExecutor in its defaults: [MaxWorkers] is
// GOMAXPROCS (Python's os.cpu_count(), PP-01), and it takes
// [MaxTasksPerChild] (a worker is replaced after that many tasks, PP-07).
// Its workers are plain goroutines, started lazily and reused as Python's
// non-fork start methods do (PP-09); [Map] with [ChunkSize] batches calls
// (PP-02). Everything else, from [Submit] to Shutdown, is the same.
//
// Python: concurrent.futures.ProcessPoolExecutor.
type ProcessPoolExecutor struct {
	e *executor
}

// NewProcessPoolExecutor returns a running ProcessPoolExecutor. Its
// options are [MaxWorkers] (default GOMAXPROCS), [Initializer] and
// [MaxTasksPerChild]; any other panics.
//
// NewProcessPoolExecutor panics if MaxWorkers is less than 1, with
// Python's text "futures: max_workers must be greater than 0 (Python:
// ValueError)" (EX-17), and if MaxTasksPerChild is less than 1.
//
// Python: concurrent.futures.ProcessPoolExecutor.
func NewProcessPoolExecutor(opts ...Option) *ProcessPoolExecutor {
	o := parseOptions("NewProcessPoolExecutor", optMaxWorkers|optInitializer|optMaxTasksPerChild, opts)
	workers := runtime.GOMAXPROCS(0)
	if o.has(optMaxWorkers) {
		workers = o.maxWorkers
	}
	cfg := engine.Config{Workers: workers, Lazy: true, MaxTasks: o.maxTasks}
	e := newExecutor(cfg, "ProcessPoolExecutor", "A process initializer failed, the process pool is not usable anymore", o.init)
	ex := &ProcessPoolExecutor{e: e}
	runtime.AddCleanup(ex, cleanup, e)
	return ex
}

// Shutdown acts like [ThreadPoolExecutor.Shutdown]: no more work is
// taken; the queued calls still run unless [CancelFutures](true) cancels
// them; it waits for the work and the workers unless
// [ShutdownWait](false).
//
// Python: concurrent.futures.ProcessPoolExecutor.shutdown.
func (ex *ProcessPoolExecutor) Shutdown(opts ...Option) {
	ex.e.shutdown("ProcessPoolExecutor.Shutdown", opts)
	runtime.KeepAlive(ex)
}

func (ex *ProcessPoolExecutor) base() *executor { return ex.e }
