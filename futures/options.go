package futures

import (
	"fmt"
	"time"
)

// An Option is one of Python's keyword arguments: of the executor
// constructors ([MaxWorkers], [ThreadNamePrefix], [Initializer],
// [MaxTasksPerChild]), of [Map] ([Timeout], [ChunkSize]), of [AsCompleted]
// and [Wait] ([Timeout], and a [ReturnWhen] constant for Wait), and of
// Shutdown ([ShutdownWait], [CancelFutures]).
//
// An option passed where it means nothing, such as ChunkSize to
// [NewThreadPoolExecutor], panics naming itself and the call, as Python
// raises TypeError for an unexpected keyword argument; it is never
// silently ignored.
//
// Python: the keyword arguments of concurrent.futures.
type Option interface {
	// which returns the option's bit, for the check that it applies.
	which() optionSet
	// apply sets it, panicking if its value is out of range.
	apply(*options)
}

// options holds every option; each call reads the ones it allows.
type options struct {
	set        optionSet
	maxWorkers int
	prefix     string
	init       func() error
	maxTasks   int
	timeout    time.Duration
	chunkSize  int
	returnWhen ReturnWhen
	cancel     bool
	wait       bool
}

// optionSet has one bit per option.
type optionSet uint16

const (
	optMaxWorkers optionSet = 1 << iota
	optThreadNamePrefix
	optInitializer
	optMaxTasksPerChild
	optTimeout
	optChunkSize
	optReturnWhen
	optCancelFutures
	optShutdownWait
)

// optionNames names the options in panics, bit by bit.
var optionNames = [...]string{
	"MaxWorkers", "ThreadNamePrefix", "Initializer", "MaxTasksPerChild",
	"Timeout", "ChunkSize", "ReturnWhen", "CancelFutures", "ShutdownWait",
}

func (s optionSet) String() string {
	for i, name := range optionNames {
		if s&(1<<i) != 0 {
			return name
		}
	}
	return "?"
}

// option is an Option other than ReturnWhen.
type option struct {
	bit optionSet
	set func(*options)
}

func (o option) which() optionSet { return o.bit }

func (o option) apply(x *options) { o.set(x) }

// parseOptions applies opts for the function named call, which accepts
// the options in allowed, and panics on any other.
func parseOptions(call string, allowed optionSet, opts []Option) options {
	var o options
	for _, opt := range opts {
		if opt == nil {
			panic(fmt.Sprintf("futures: nil Option passed to %s", call))
		}
		bit := opt.which()
		if bit&allowed == 0 {
			panic(fmt.Sprintf("futures: %s is not an option of %s (Python: TypeError)", bit, call))
		}
		opt.apply(&o)
		o.set |= bit
	}
	return o
}

// has reports whether the option with bit was given.
func (o *options) has(bit optionSet) bool { return o.set&bit != 0 }

// MaxWorkers sets how many workers an executor runs at most. The default
// is min(32, GOMAXPROCS+4) for a [ThreadPoolExecutor] (Python's min(32,
// os.cpu_count()+4), TP-01) and GOMAXPROCS for a [ProcessPoolExecutor]
// (PP-01).
//
// The executor constructor panics if n is less than 1, with Python's
// text: "futures: max_workers must be greater than 0 (Python:
// ValueError)" (EX-17).
//
// Python: concurrent.futures.ThreadPoolExecutor(max_workers=...).
func MaxWorkers(n int) Option {
	return option{optMaxWorkers, func(o *options) {
		if n < 1 {
			panic("futures: max_workers must be greater than 0 (Python: ValueError)")
		}
		o.maxWorkers = n
	}}
}

// ThreadNamePrefix sets the prefix of the names of a
// [ThreadPoolExecutor]'s worker threads, which are named prefix_0,
// prefix_1, … (TP-04). The default prefix is "ThreadPoolExecutor-k",
// with k counting the executors made without this option, from 0. An
// empty prefix means the default, as in Python.
//
// Python: concurrent.futures.ThreadPoolExecutor(thread_name_prefix=...).
func ThreadNamePrefix(prefix string) Option {
	return option{optThreadNamePrefix, func(o *options) { o.prefix = prefix }}
}

// Initializer sets a function each worker runs once, in its own
// goroutine, before its first task (TP-05): a func() or a func() error.
// Python's initargs are a closure in Go. A nil function means none.
//
// An initializer that returns an error or panics breaks the executor: it
// is logged as "Exception in initializer:" through log/slog's default
// logger (Python logs it at CRITICAL), every future still queued fails
// with an error matching [ErrBrokenExecutor], and every later [Submit]
// returns that error (TP-06, PP-10).
//
// Python: concurrent.futures.ThreadPoolExecutor(initializer=...,
// initargs=...).
func Initializer[F func() | func() error](f F) Option {
	var init func() error
	switch g := any(f).(type) {
	case func():
		if g != nil {
			init = func() error { g(); return nil }
		}
	case func() error:
		init = g
	}
	return option{optInitializer, func(o *options) { o.init = init }}
}

// MaxTasksPerChild sets how many tasks a [ProcessPoolExecutor] worker
// runs before it exits and a fresh worker takes its place; by default a
// worker lives as long as the executor (PP-07). Each chunk of a [Map]
// counts as one task.
//
// NewProcessPoolExecutor panics if n is less than 1: "futures:
// max_tasks_per_child must be >= 1 (Python: ValueError)".
//
// Python: concurrent.futures.ProcessPoolExecutor(max_tasks_per_child=...).
func MaxTasksPerChild(n int) Option {
	return option{optMaxTasksPerChild, func(o *options) {
		if n < 1 {
			panic("futures: max_tasks_per_child must be >= 1 (Python: ValueError)")
		}
		o.maxTasks = n
	}}
}

// Timeout bounds how long [Map], [AsCompleted] and [Wait] wait. Without
// it they wait as long as it takes, as Python's timeout=None does. A d of
// zero or less means do not wait at all: what is already done is
// returned, and then the timeout applies, as Python treats a negative
// timeout like zero.
//
// For Map the time counts from the call, as Python's does (EX-12); for
// AsCompleted, from the start of the iteration, as Python's generator
// starts its clock at the first next() (AC-06).
//
// Python: the timeout= argument of concurrent.futures.Executor.map,
// as_completed and wait.
func Timeout(d time.Duration) Option {
	return option{optTimeout, func(o *options) { o.timeout = d }}
}

// ChunkSize makes [Map] send the items to the workers n at a time, so a
// map over many small items pays for one task per chunk instead of one
// per item. The default is 1. Both executors honour it, where Python's
// ThreadPoolExecutor ignores it (TP-09).
//
// Map panics if n is less than 1: "futures: chunksize must be >= 1.
// (Python: ValueError)" (PP-02).
//
// Python: concurrent.futures.Executor.map(chunksize=...).
func ChunkSize(n int) Option {
	return option{optChunkSize, func(o *options) {
		if n < 1 {
			panic("futures: chunksize must be >= 1. (Python: ValueError)")
		}
		o.chunkSize = n
	}}
}

// CancelFutures makes Shutdown cancel every future still queued on the
// executor when cancel is true; futures already running finish normally
// (EX-07). The default is false: queued work runs.
//
// Python: concurrent.futures.Executor.shutdown(cancel_futures=...).
func CancelFutures(cancel bool) Option {
	return option{optCancelFutures, func(o *options) { o.cancel = cancel }}
}

// ShutdownWait makes Shutdown return at once when wait is false, instead
// of waiting until the queued and running work is done and the workers
// have exited; the work still runs to completion and the workers then
// exit (EX-06). The default is true.
//
// Python: concurrent.futures.Executor.shutdown(wait=...).
func ShutdownWait(wait bool) Option {
	return option{optShutdownWait, func(o *options) { o.wait = wait }}
}
