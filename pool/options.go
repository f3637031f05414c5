package pool

import (
	"fmt"
	"reflect"
	"time"
)

// An Option is a keyword argument of Python's Pool constructor or of one
// of its methods: [Processes], [Initializer] and [MaxTasksPerChild] for
// [New] and [NewThreadPool]; [ChunkSize] for the maps; [Callback] and
// [ErrorCallback] for [ApplyAsync] and [MapAsync]; [Timeout] for [IMap]
// and [IMapUnordered]. An option passed where it has no meaning panics,
// naming itself and the call, rather than being ignored.
//
// Python: the keyword arguments of multiprocessing.pool.Pool and its methods.
type Option struct {
	name  string
	scope scope
	set   func(*config)
}

// scope is the set of calls an option applies to.
type scope uint8

const (
	forNew      scope = 1 << iota
	forMap            // Map, StarMap and their Err forms
	forApply          // ApplyAsync, ApplyAsyncErr
	forMapAsync       // MapAsync, StarMapAsync and their Err forms
	forIMap
)

// config is what the options of one call say.
type config struct {
	processes  int
	init       func() error
	maxTasks   int
	chunkSize  int // 0: the call's default
	callback   any // func(V), checked against the result type by callbackFor
	errback    func(error)
	timeout    time.Duration
	hasTimeout bool
}

// configure applies opts for the call named call, which accepts the
// options of where, and panics on one it does not accept.
func configure(where scope, call string, opts []Option) (c config) {
	if len(opts) == 0 {
		return c
	}
	for _, o := range opts {
		if o.scope&where == 0 {
			name := o.name
			if name == "" {
				name = "the zero Option"
			}
			panic("pool: " + name + " is not an option of " + call)
		}
		o.set(&c)
	}
	return c
}

// Processes sets the number of workers of a pool: the most tasks it runs
// at once. Without it a pool has runtime.GOMAXPROCS(0) workers, as Python's
// has os.cpu_count() (PL-01).
//
// Processes panics if n is less than 1, with Python's message "pool:
// Number of processes must be at least 1 (Python: ValueError)" (PL-02).
//
// Python: multiprocessing.pool.Pool(processes=...).
func Processes(n int) Option {
	if n < 1 {
		panic("pool: Number of processes must be at least 1 (Python: ValueError)")
	}
	return Option{"Processes", forNew, func(c *config) { c.processes = n }}
}

// Initializer sets a function each worker calls before its first task
// (PL-04), a func() or a func() error; Python's initargs are a closure's
// variables. A worker started to replace another (see [MaxTasksPerChild])
// calls it too.
//
// If it returns an error or panics, the pool is broken: the work queued
// then and all work sent later fails with an error matching
// [ErrBrokenPool] that wraps the initializer's error (or its
// [*PanicError]), and the failure is logged through log/slog's default
// logger as "pool: Exception in initializer:". Python instead starts a
// new worker, which fails the same way, forever, and its tasks never
// complete (PL-30, a quirk). A nil f sets no initializer.
//
// Python: multiprocessing.pool.Pool(initializer=..., initargs=...).
func Initializer[F func() | func() error](f F) Option {
	var init func() error
	switch f := any(f).(type) {
	case func():
		if f != nil {
			init = func() error { f(); return nil }
		}
	case func() error:
		init = f
	}
	return Option{"Initializer", forNew, func(c *config) { c.init = init }}
}

// MaxTasksPerChild sets how many tasks a worker runs before it exits and a
// new worker, which runs the [Initializer] again, takes its place (PL-20).
// A task here is one chunk of a map (see [ChunkSize]) or one [ApplyAsync].
// Without it a worker lives as long as the pool.
//
// MaxTasksPerChild panics if n is less than 1, with Python's message
// "pool: maxtasksperchild must be a positive int or None (Python:
// ValueError)" (PL-03).
//
// Python: multiprocessing.pool.Pool(maxtasksperchild=...).
func MaxTasksPerChild(n int) Option {
	if n < 1 {
		panic("pool: maxtasksperchild must be a positive int or None (Python: ValueError)")
	}
	return Option{"MaxTasksPerChild", forNew, func(c *config) { c.maxTasks = n }}
}

// ChunkSize sets how many items of a map one task handles: the pool
// splits the input into chunks of n items (the last may be shorter), and a
// worker calls the function on each item of its chunk in turn. It changes
// only the batching, never the results (PL-06). Without it [Map],
// [StarMap] and their async forms use Python's default, len(items)
// divided by four times the number of workers, rounded up; [IMap] and
// [IMapUnordered] use 1, as Python does.
//
// ChunkSize panics if n is less than 1, with Python's message "pool:
// Chunksize must be 1+, not 0 (Python: ValueError)". Python raises that
// from imap but lets map(f, items, chunksize=0) return a list of None
// (PL-18, a quirk); pyconc panics for every map.
//
// Python: the chunksize argument of multiprocessing.pool.Pool.map.
func ChunkSize(n int) Option {
	if n < 1 {
		panic(fmt.Sprintf("pool: Chunksize must be 1+, not %d (Python: ValueError)", n))
	}
	return Option{"ChunkSize", forMap | forMapAsync | forIMap, func(c *config) { c.chunkSize = n }}
}

// Callback sets a function that [ApplyAsync], [MapAsync] or
// [StarMapAsync] calls with the result when the work succeeds, before the
// result is ready, so before Get returns (AR-06). V must be the result
// type: R for ApplyAsync, []R for the maps; with another type the call it
// is passed to panics. Exactly one of Callback and [ErrorCallback] is called
// for each result, even one that fails at once because the pool is not
// running, and even for an empty map, for which Python calls neither
// (PL-09).
//
// The callback runs in a worker goroutine (or, for a result that fails at
// the call, in the caller's), holding up that worker: keep it short, as
// Python's callbacks hold up the pool's result-handler thread. A panic in
// it is logged through log/slog's default logger and goes no further.
// A nil f sets no callback.
//
// Python: the callback argument of multiprocessing.pool.Pool.apply_async.
func Callback[V any](f func(V)) Option {
	var cb any
	if f != nil {
		cb = f
	}
	return Option{"Callback", forApply | forMapAsync, func(c *config) { c.callback = cb }}
}

// ErrorCallback sets a function that [ApplyAsync], [MapAsync] or
// [StarMapAsync] calls with the error when the work fails, before the
// result is ready (PL-10); it receives what Get will return, a task's own
// error, a [*PanicError], [ErrNotRunning], [ErrTerminated] or an error
// matching [ErrBrokenPool]. It runs as [Callback] does. A nil f sets no
// error callback.
//
// Python: the error_callback argument of multiprocessing.pool.Pool.apply_async.
func ErrorCallback(f func(error)) Option {
	return Option{"ErrorCallback", forApply | forMapAsync, func(c *config) { c.errback = f }}
}

// Timeout sets how long an [IMap] or [IMapUnordered] loop waits for each
// next result. When d passes first, the loop gets (zero, [ErrTimeout]);
// the result is not skipped, and if the loop goes on it waits for the same
// result again, as a Python caller may call next(timeout) again (PL-11).
// A d of zero or less does not wait at all.
//
// Python: the timeout argument of multiprocessing.pool.IMapIterator.next.
func Timeout(d time.Duration) Option {
	return Option{"Timeout", forIMap, func(c *config) { c.timeout, c.hasTimeout = d, true }}
}

// callbackFor returns the callback of c for a result of type T, panicking
// if it takes another type.
func callbackFor[T any](c *config, call string) func(T) {
	if c.callback == nil {
		return nil
	}
	cb, ok := c.callback.(func(T))
	if !ok {
		panic(fmt.Sprintf("pool: Callback takes %T, but the result of %s is %v",
			c.callback, call, reflect.TypeFor[T]()))
	}
	return cb
}
