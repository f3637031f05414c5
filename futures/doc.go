// Package futures is Python's concurrent.futures on goroutines: executors
// that run calls on a pool of workers, and futures for their results.
//
// # Python → Go
//
//   - concurrent.futures.Future → [Future], [NewFuture]: [Future.Result],
//     [Future.ResultTimeout], [Future.ResultContext], [Future.Exception],
//     [Future.ExceptionTimeout], [Future.ExceptionContext], [Future.Done],
//     [Future.Running], [Future.Cancelled], [Future.Cancel],
//     [Future.AddDoneCallback], [Future.SetResult], [Future.SetException],
//     [Future.SetRunningOrNotifyCancel], [Future.String] (repr); and
//     [Future.DoneChan] for select
//   - concurrent.futures.Executor → [Executor]
//   - Executor.submit → [Submit] (a func() T) and [SubmitErr] (a
//     func() (T, error))
//   - Executor.map → [Map] and [MapErr]; its timeout= and chunksize= →
//     the options [Timeout] and [ChunkSize]; its iterables → [Input]
//   - Executor.shutdown → [ThreadPoolExecutor.Shutdown],
//     [ProcessPoolExecutor.Shutdown]; wait= and cancel_futures= →
//     [ShutdownWait] and [CancelFutures]
//   - with ThreadPoolExecutor() as ex: → defer ex.Shutdown()
//   - ThreadPoolExecutor → [NewThreadPoolExecutor], [ThreadPoolExecutor];
//     max_workers=, thread_name_prefix=, initializer= and initargs= →
//     [MaxWorkers], [ThreadNamePrefix], [Initializer] (initargs are a
//     closure)
//   - ProcessPoolExecutor → [NewProcessPoolExecutor],
//     [ProcessPoolExecutor]; max_tasks_per_child= → [MaxTasksPerChild]
//   - as_completed → [AsCompleted], [AsCompletedContext]
//   - wait → [Wait], [WaitContext]; return_when= → [FirstCompleted],
//     [FirstException], [AllCompleted] ([ReturnWhen]), passed as options
//   - TimeoutError → [ErrTimeout]; CancelledError → [ErrCancelled];
//     BrokenExecutor, BrokenThreadPool, BrokenProcessPool →
//     [ErrBrokenExecutor]; the RuntimeError of a submit after shutdown →
//     [ErrShutdown]; InvalidStateError → a panic of [Future.SetResult]
//   - an exception raised by a task → its error: the error a func() (T,
//     error) returns, or a *[PanicError] for a panic ([ErrGoexit] for
//     runtime.Goexit)
//
// # Two forms of every function
//
// Go cannot infer a result type from a union of function types, and a Go
// programmer should not have to invent an error return to use an
// executor. So every operation comes in two names: the plain one takes a
// function that cannot fail, [Submit](ex, func() T) and [Map](ex,
// func(T) R, items), and the Err one a function that can,
// [SubmitErr](ex, func() (T, error)) and [MapErr](ex, func(T) (R, error),
// items). Both report a panic the same way. Go methods cannot have type
// parameters either, which is why Submit and Map are functions taking
// the executor first rather than methods of it.
//
//	with ThreadPoolExecutor(max_workers=5) as ex:
//	    f = ex.submit(pow, 2, 8)
//	    print(f.result())
//
// becomes
//
//	ex := futures.NewThreadPoolExecutor(futures.MaxWorkers(5))
//	defer ex.Shutdown()
//	f, _ := futures.Submit(ex, func() int { return 1 << 8 })
//	fmt.Println(f.Result())
//
// # Blocking calls
//
// A Python call with timeout= becomes up to three methods of one shape: X
// waits as long as it takes; XTimeout gives up after a time.Duration,
// returning [ErrTimeout]; XContext gives up when its context is done,
// returning ctx.Err(). As in Python, a timeout of zero or less does not
// wait at all: it is not an error. [Map], [AsCompleted] and [Wait] take
// the timeout as the option [Timeout]; [AsCompletedContext] and
// [WaitContext] take a context. Every wait is a channel wait, never
// polling or sleeping, so code using this package runs under
// testing/synctest, where a ten-second timeout takes no time.
//
// # Errors and panics
//
// A call's failure is its future's error, returned by [Future.Result]
// and [Future.Exception] and yielded by [Map]: the error a func() (T,
// error) returned, or a *[PanicError] holding the value and the stack of
// a panic, which unwraps to the value when it is an error. One panic
// never kills a worker. A call that calls runtime.Goexit fails with a
// PanicError matching [ErrGoexit], and its worker is replaced; the
// executor never hangs. A panicked call whose future nobody read is
// logged through log/slog's default logger when the executor's last
// worker exits, so no panic vanishes silently; so are a panicking done
// callback and a failing initializer, as Python logs them.
//
// Errors a caller is expected to handle are sentinels matched with
// errors.Is: [ErrTimeout], [ErrCancelled], [ErrShutdown],
// [ErrBrokenExecutor]. Misuse that Python answers with ValueError,
// TypeError or InvalidStateError panics with Python's text, naming the
// exception: "futures: max_workers must be greater than 0 (Python:
// ValueError)", an option passed where it means nothing, [Future.SetResult]
// on a done future, a waiting Shutdown called from one of the executor's
// own calls (Python's "cannot join current thread").
//
// # Goroutines, not processes
//
// Go has no global interpreter lock: the workers of a
// [ThreadPoolExecutor] are goroutines (each a thread.Thread, with
// Python's names), and they run on every core at once. CPU-bound work,
// which Python sends to a [ProcessPoolExecutor] to escape the lock, runs
// just as well on either executor here. ProcessPoolExecutor exists so
// that Python programs port line for line; in this release it runs
// goroutines, not processes, so nothing is pickled and a call cannot be
// isolated from the rest of the program.
//
// Neither executor starts a goroutine per call: a fixed set of workers
// takes calls from one first-in, first-out queue. A future is one
// allocation, shared with the queue entry; a [Map] call allocates its
// chunks once, whatever the number of items.
//
// # Shutdown and the end of the program
//
// Shutdown stops an executor taking work and, by default, waits for the
// work already submitted and for the workers to exit; [ShutdownWait](false)
// returns at once, [CancelFutures](true) cancels what has not started.
// Go ends a program when main returns, where Python waits for the
// executors' work: thread.Shutdown, called at the end of main, shuts down
// every executor still running and waits for it, as Python's interpreter
// does at exit (EX-22). An executor dropped without Shutdown finishes its
// queued work and its workers exit once the garbage collector finds it
// unreachable (EX-23).
//
// # Not mirrored, or different
//
// The ids are those of the project's Python-semantics checklist.
//
//   - TP-10, TP-11, AC-08, WT-06 (CANCELLED_AND_NOTIFIED): Python has two
//     cancelled states, and wait and as_completed count a cancelled
//     future as done only once a worker has dequeued it and "notified"
//     it (TP-10), so a future cancelled while queued is seen as
//     unfinished until then (AC-08, WT-06); the futures cancelled by
//     shutdown(cancel_futures=True) are never dequeued, so they are
//     never counted as done, and wait and as_completed block until their
//     timeout (TP-11, a CPython bug). pyconc has one cancelled state: a
//     cancelled future is done at once, for every kind of wait.
//     [Future.SetRunningOrNotifyCancel] still returns false for it.
//   - TP-09: ThreadPoolExecutor ignores map's chunksize; here [ChunkSize]
//     batches calls on both executors, and less than 1 panics on both.
//   - EX-14: map on a shut-down executor raises at call time; a Go
//     iterator cannot fail before it runs, so the [Map] iterator yields
//     [ErrShutdown] first. Likewise an input iterator that raises fails
//     Python's map at once, and Map maps the items before the panic and
//     then yields the panic.
//   - EX-01: there are no args and kwargs (a closure carries them), so no
//     positional-only fn or TypeError for a missing callable; EX-18 (a
//     non-callable initializer) cannot be written in Go. EX-09: map's
//     several iterables, zipped, are one input here: zip them into a slice
//     of structs.
//   - EX-03: Python's interpreter-shutdown flag is global, so after exit
//     began no executor takes work; here it marks the executors
//     thread.Shutdown shut down, and an executor made afterwards works.
//   - WT-07: a [ReturnWhen] that is none of the constants panics at once,
//     where Python raises only when wait has to block.
//   - FU-16: Python's exception classes become sentinel errors; there is
//     no class hierarchy and no class repr to match.
//   - PP-03, PP-04, PP-05, PP-06, PP-11, PP-13 (remote tracebacks, killed
//     or crashing worker processes, pickling): nothing here is a process
//     or pickled.
//     PP-07's mp_context checks do not apply; MaxTasksPerChild replaces
//     goroutines. A panic keeps its stack in the [PanicError] instead of
//     a remote traceback.
//   - TP-01, PP-01: os.cpu_count() is GOMAXPROCS.
//   - A future of [Submit] that its caller finished with
//     [Future.SetResult] or [Future.SetException], or marked running
//     with [Future.SetRunningOrNotifyCancel], before a worker took it:
//     Python logs "Future … in unexpected state" and the thread that met
//     it (the worker, or a process pool's manager thread) dies of the
//     RuntimeError; here the worker logs the same line, skips the call
//     and goes on.
//   - Shutdown(cancel_futures=True) with a done callback that calls
//     shutdown deadlocks Python on its shutdown lock; here the nested
//     Shutdown does not wait for the one cancelling.
//   - After 3.11 (not mirrored): map's buffersize= (3.14), and a map
//     iterator that goes on after a failed call (newer CPython tests
//     call next again past the exception); here, as in 3.11, the
//     iteration ends at the first error (EX-11), which may also be an
//     [ErrTimeout] returned by the function itself.
package futures
