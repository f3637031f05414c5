package mp

import (
	"github.com/pyconc/pyconc/pool"
	"github.com/pyconc/pyconc/thread"
)

// The methods of a Context mirror the package's non-generic constructors,
// so that Python's ctx = mp.get_context('spawn'); ctx.Process(...) ports
// as ctx, err := mp.GetContext(""); ctx.NewProcess(...). Generic
// constructors (NewQueue[T], Pipe[T], NewValue[T], ...) cannot be methods:
// they take the context as an Option, mp.NewQueue[int](0, ctx).

// NewProcess acts like the package's [NewProcess] with the context's
// start method.
//
// Python: multiprocessing.context.BaseContext.Process.
func (c *Context) NewProcess(target func(), opts ...Option) *Process {
	return NewProcess(target, append(opts[:len(opts):len(opts)], c)...)
}

// NewPool acts like the package's [NewPool].
//
// Python: multiprocessing.context.BaseContext.Pool.
func (c *Context) NewPool(opts ...pool.Option) *Pool { return NewPool(opts...) }

// NewThreadPool acts like the package's [NewThreadPool].
//
// Python: multiprocessing.pool.ThreadPool.
func (c *Context) NewThreadPool(opts ...pool.Option) *ThreadPool { return NewThreadPool(opts...) }

// NewLock acts like the package's [NewLock].
//
// Python: multiprocessing.context.BaseContext.Lock.
func (c *Context) NewLock() *Lock { return NewLock() }

// NewRLock acts like the package's [NewRLock].
//
// Python: multiprocessing.context.BaseContext.RLock.
func (c *Context) NewRLock() *RLock { return NewRLock() }

// NewSemaphore acts like the package's [NewSemaphore].
//
// Python: multiprocessing.context.BaseContext.Semaphore.
func (c *Context) NewSemaphore(value int) *Semaphore { return NewSemaphore(value) }

// NewBoundedSemaphore acts like the package's [NewBoundedSemaphore].
//
// Python: multiprocessing.context.BaseContext.BoundedSemaphore.
func (c *Context) NewBoundedSemaphore(value int) *BoundedSemaphore {
	return NewBoundedSemaphore(value)
}

// NewEvent acts like the package's [NewEvent].
//
// Python: multiprocessing.context.BaseContext.Event.
func (c *Context) NewEvent() *Event { return NewEvent() }

// NewCondition acts like the package's [NewCondition].
//
// Python: multiprocessing.context.BaseContext.Condition.
func (c *Context) NewCondition(lock thread.Locker) *Condition { return NewCondition(lock) }

// NewBarrier acts like the package's [NewBarrier].
//
// Python: multiprocessing.context.BaseContext.Barrier.
func (c *Context) NewBarrier(parties int, opts ...thread.BarrierOption) *Barrier {
	return NewBarrier(parties, opts...)
}

// CurrentProcess is the package's [CurrentProcess].
//
// Python: multiprocessing.context.BaseContext.current_process.
func (c *Context) CurrentProcess() *Process { return CurrentProcess() }

// ParentProcess is the package's [ParentProcess].
//
// Python: multiprocessing.context.BaseContext.parent_process.
func (c *Context) ParentProcess() *Process { return ParentProcess() }

// ActiveChildren is the package's [ActiveChildren].
//
// Python: multiprocessing.context.BaseContext.active_children.
func (c *Context) ActiveChildren() []*Process { return ActiveChildren() }

// CPUCount is the package's [CPUCount].
//
// Python: multiprocessing.context.BaseContext.cpu_count.
func (c *Context) CPUCount() int { return CPUCount() }

// GetStartMethod returns the name of the context's start method,
// "goroutine".
//
// Python: multiprocessing.context.BaseContext.get_start_method.
func (c *Context) GetStartMethod() string { return c.method }

// GetContext acts like the package's [GetContext]: ctx.get_context in
// Python.
//
// Python: multiprocessing.context.BaseContext.get_context.
func (c *Context) GetContext(method string) (*Context, error) { return GetContext(method) }

// String returns the context as Python's repr names its class:
// "<mp.GoroutineContext>".
//
// Python: multiprocessing.context.BaseContext.__repr__ (approximately).
func (c *Context) String() string { return "<mp.GoroutineContext>" }

// NewManager acts like the package's [NewManager] with the context's start
// method.
//
// Python: multiprocessing.context.BaseContext.Manager.
func (c *Context) NewManager(opts ...Option) *Manager {
	return NewManager(append(opts[:len(opts):len(opts)], c)...)
}
