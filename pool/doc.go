// Package pool is Python's multiprocessing.pool on goroutines: a fixed set
// of workers that run a function over many items, or one call at a time,
// with blocking, asynchronous and lazy forms.
//
// # Python → Go
//
//   - multiprocessing.pool.Pool → [New], [Pool]; keyword arguments
//     processes=, initializer= and initargs=, maxtasksperchild= → the options
//     [Processes], [Initializer] (a closure carries initargs),
//     [MaxTasksPerChild]
//   - multiprocessing.pool.ThreadPool, multiprocessing.dummy.Pool →
//     [NewThreadPool], [ThreadPool]
//   - Pool.apply → [Apply], [ApplyErr]
//   - Pool.apply_async → [ApplyAsync], [ApplyAsyncErr]; callback= and
//     error_callback= → [Callback], [ErrorCallback]
//   - Pool.map → [Map], [MapErr]; chunksize= → [ChunkSize]
//   - Pool.map_async → [MapAsync], [MapAsyncErr]
//   - Pool.starmap, starmap_async → [StarMap], [StarMapErr],
//     [StarMapAsync], [StarMapAsyncErr]; the argument tuples → [Pair]
//   - Pool.imap, imap_unordered → [IMap], [IMapErr], [IMapUnordered],
//     [IMapUnorderedErr]; IMapIterator.next(timeout) → [Timeout]
//   - the iterable argument of the maps → [Input] (a slice or an iter.Seq)
//   - Pool.close, terminate, join → [Pool.Close], [Pool.Terminate],
//     [Pool.Join]; repr(pool) → [Pool.String]
//   - with Pool() as p: → p := pool.New(); defer p.Terminate()
//   - AsyncResult (ApplyResult, MapResult) → [AsyncResult]:
//     [AsyncResult.Get], [AsyncResult.GetTimeout], [AsyncResult.GetContext],
//     [AsyncResult.Wait], [AsyncResult.WaitTimeout],
//     [AsyncResult.WaitContext], [AsyncResult.Ready],
//     [AsyncResult.Successful], and for select [AsyncResult.DoneChan]
//   - multiprocessing.TimeoutError → [ErrTimeout]; ValueError("Pool not
//     running") → [ErrNotRunning]; an exception raised by a task →
//     [*PanicError] or the task's own error; SystemExit in a task →
//     [ErrGoexit]
//   - Go only: [ErrTerminated] (the results of a terminated pool, which
//     Python leaves waiting forever), [ErrBrokenPool] (a failed
//     initializer, which Python retries forever), [AsyncResult.GetContext],
//     [AsyncResult.WaitContext], [AsyncResult.DoneChan]
//
// # Two forms of every function
//
// A Python task returns a value or raises. A Go task either returns a
// value, func(T) R, or a value and an error, func(T) (R, error), and Go
// cannot infer a result type from a choice of function types. So each
// call comes in two names: [Map] takes func(T) R, [MapErr] takes
// func(T) (R, error), and likewise Apply, StarMap and IMap. No one has to
// invent an error return to use a pool, and no closure is wrapped around
// the function per item.
//
// Go methods cannot have type parameters, so the typed calls are package
// functions that take the pool first: pool.Map(p, square, xs) for Python's
// p.map(square, xs).
//
// # Blocking forms
//
// [Apply], [Map] and [StarMap] wait for their results. The Async forms
// return an [AsyncResult] at once, whose Get waits, GetTimeout gives up
// after a time.Duration with [ErrTimeout], and GetContext gives up when
// its context is done with ctx.Err(); a wait that gave up changed
// nothing. [IMap] and [IMapUnordered] return an iterator: for r, err :=
// range pool.IMap(p, f, xs). Every wait is a channel wait, never polling,
// so code using this package runs under testing/synctest, where a
// ten-second timeout takes no time.
//
// # Errors and panics
//
// A panic in a task is recovered in the worker and becomes that task's
// error, a [*PanicError] holding the value and the stack, which Get
// returns and errors.As finds; the worker goes on with the next task
// (PL-14, PL-19). runtime.Goexit in a task fails it with a PanicError
// matching [ErrGoexit]; the goroutine ends and the pool starts another
// worker in its place. A task that returns an error (the Err forms) fails
// with that error as it is.
//
// One failed item fails its [Map] with that item's error, as Python's map
// raises it (PL-15); see Map for what happens to the other items. In an
// [IMap] loop every item yields its own result or error and the loop goes
// on (PL-15).
//
// A panic whose result is never read — Get never called, no
// [ErrorCallback], an IMap loop that never reached it — is logged through
// log/slog's default logger when the pool's last worker exits, so a bug
// never vanishes silently. Read results before [Pool.Join] returns, or they
// count as never read. [AsyncResult.Successful] does not count as reading.
//
// Misuse that Python answers with ValueError panics with Python's message:
// [Processes], [MaxTasksPerChild] or [ChunkSize] less than 1, [Pool.Join]
// on a running pool, [AsyncResult.Successful] before the result is ready.
// An option passed to a call it does not apply to panics, naming itself.
//
// # Lifetime
//
// [Pool.Close] stops new work and lets queued work finish; [Pool.Join]
// waits for the workers after Close or Terminate; [Pool.Terminate] fails
// every unfinished result with [ErrTerminated], drops the queued work,
// stops each running chunk of a map after its current item and waits for
// those items. Called from a task or a callback of the pool, Terminate
// does not wait, and Join panics, since either would wait for itself.
// Work sent to a pool that is not running fails with [ErrNotRunning].
// Python's "with Pool() as p:" calls terminate at the end of the block,
// not close, so its Go form is
//
//	p := pool.New()
//	defer p.Terminate()
//
// After Join or Terminate returns, no goroutine of the pool is left.
//
// # Goroutines, not processes
//
// Python's Pool runs tasks in worker processes because of its global
// interpreter lock; a ThreadPool runs them in threads. Go has no such lock:
// goroutines run on every core at once. So both [Pool] and [ThreadPool]
// run their tasks on worker goroutines (daemon [thread.Thread]s named
// PoolWorker-N) in the calling process, sharing its memory. Items and
// results are not pickled or copied: a task sees the very values it was
// given, and what it changes is changed for everyone, so tasks must not
// share mutable state without a lock.
//
// # Chunks
//
// A map cuts its input into chunks (see [ChunkSize]): each chunk is one
// task, run by one worker, item after item, writing into the one slice of
// results, with one recover per chunk. No goroutine and no allocation is
// made per item, which is why [Map] over a million small items runs as
// fast as a hand-written loop of goroutines.
//
// # Not mirrored
//
// Some of Python's pool has no meaning for goroutines, or is a quirk that
// pyconc does not copy (the ids are those of the project's
// Python-semantics checklist):
//
//   - Pickling (PL-16, PL-17): items and results are passed as they are, so
//     there is no pickling error and no MaybeEncodingError.
//   - RemoteTraceback (PL-14): a [*PanicError] carries the stack of the
//     goroutine that panicked, taken where it panicked; there is no remote
//     traceback to attach as a cause.
//   - initializer must be callable (PL-04's TypeError): Go's types make
//     anything else impossible.
//   - A failing initializer (PL-30, a quirk): Python starts new workers
//     forever and the tasks never finish; pyconc breaks the pool, and every
//     result fails with an error matching [ErrBrokenPool] that wraps the
//     initializer's error (see [Initializer]).
//   - Results of a terminated pool (PL-24): Python's never become ready;
//     pyconc's fail with [ErrTerminated] at once.
//   - map(..., chunksize=0) returning a list of None (PL-18, a quirk):
//     [ChunkSize](0) panics everywhere, with imap's message.
//   - ResourceWarning for a pool that is garbage-collected while running
//     (PL-26): Go has no finalizer warning; a pool that is never closed
//     keeps its workers, and tests find them with goleak.
//   - A worker process dying in the middle of a task (PL-31) or failing to
//     start (PL-29): a goroutine cannot be killed from outside and starting
//     one cannot fail; a task that calls runtime.Goexit fails with
//     [ErrGoexit] rather than being lost, and its worker is replaced.
//   - Callbacks of an empty map: Python calls neither callback for
//     map_async([]); pyconc calls [Callback] with the empty slice, so that
//     exactly one callback runs for every result (PL-09).
//   - A task exception inside a chunk of an imap with chunksize > 1: Python
//     loses the other results of the chunk and ends the iteration; pyconc
//     yields every item's own result or error and goes on (see [IMap]).
//   - Worker processes' pids and names (ForkPoolWorker-N, from a counter
//     shared with every Process): the workers are goroutines named
//     PoolWorker-N, numbered per pool.
package pool
