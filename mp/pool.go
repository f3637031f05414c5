package mp

import "github.com/pyconc/pyconc/pool"

// Pool is pool.Pool: a pool of worker goroutines, Python's process pool.
// Its workers are daemon threads (thread.Thread), not processes: in a task
// [CurrentProcess] reports the process that created the pool (MainProcess
// in main), where Python reports the worker's own process,
// ForkPoolWorker-N. The typed calls are package pool's functions:
// pool.Map(p, f, xs), pool.ApplyAsync(p, f).
//
// Python: multiprocessing.Pool.
type Pool = pool.Pool

// ThreadPool is pool.ThreadPool, the same type as [Pool].
//
// Python: multiprocessing.pool.ThreadPool.
type ThreadPool = pool.ThreadPool

// AsyncResult is pool.AsyncResult.
//
// Python: multiprocessing.pool.AsyncResult.
type AsyncResult[T any] = pool.AsyncResult[T]

// ErrTimeout is pool.ErrTimeout, Python's multiprocessing.TimeoutError:
// the one value errors.Is matches in every package.
//
// Python: multiprocessing.TimeoutError.
var ErrTimeout = pool.ErrTimeout

// NewPool is pool.New: a started pool of runtime.GOMAXPROCS(0) workers
// unless pool.Processes says otherwise. Python's with Pool() as p: is
// defer p.Terminate().
//
// Python: multiprocessing.Pool.
func NewPool(opts ...pool.Option) *Pool { return pool.New(opts...) }

// NewThreadPool is pool.NewThreadPool.
//
// Python: multiprocessing.pool.ThreadPool.
func NewThreadPool(opts ...pool.Option) *ThreadPool { return pool.NewThreadPool(opts...) }
