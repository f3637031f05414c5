package mp

import (
	"runtime"
	"sync"

	"github.com/pyconc/pyconc/pool"
	"github.com/pyconc/pyconc/thread"
)

const managerShutDown = "mp: manager is shut down (Python: BrokenPipeError)"

// A Manager owns shared objects and serves the calls of their proxies in
// a goroutine of its own, one call at a time: Python's SyncManager, whose
// server is a process. Make one with [NewManager], which starts it, and
// stop it with [Manager.Shutdown]; Python's `with Manager() as m:` is
//
//	m := mp.NewManager()
//	defer m.Shutdown()
//
// The containers ([ManagerDict], [ManagerList], [Manager.Namespace],
// [ManagerValue], [ManagerArray]) live in the manager: every call of
// their proxies is a request to the manager's goroutine, so each call is
// atomic and sees every earlier one, from any process (MG-02). A panic
// raised by the call in the manager (an index out of range, MG-07) is
// raised again in the caller, with the same text; a runtime.Goexit there
// ends the caller's goroutine, and the manager goes on serving.
//
// The synchronization objects and queues ([Manager.Lock], [ManagerQueue],
// ...) are safe for concurrent use already, so the manager hands out the
// objects themselves, not proxies: they behave as the package's own
// (MG-08), and go on working after Shutdown.
//
// Python: multiprocessing.managers.SyncManager.
type Manager struct {
	reqs    chan *request
	stopped chan struct{} // closed by Shutdown
	exited  chan struct{} // closed when the server goroutine ends
	once    sync.Once
}

// A request is one proxy call: f runs in the manager's goroutine.
type request struct {
	f      func()
	pv     any // what f panicked with
	panic  bool
	goexit bool // f called runtime.Goexit
	done   chan struct{}
}

// NewManager starts a Manager and returns it: Python's
// multiprocessing.Manager(), a started SyncManager (MG-01). The only
// option is a [*Context].
//
// Python: multiprocessing.Manager.
func NewManager(opts ...Option) *Manager {
	configure("NewManager", opts)
	m := &Manager{
		reqs:    make(chan *request),
		stopped: make(chan struct{}),
		exited:  make(chan struct{}),
	}
	go m.serve()
	return m
}

// serve runs the requests until Shutdown. A request that calls
// runtime.Goexit ends the goroutine running it; another one takes over,
// so that the manager goes on serving.
func (m *Manager) serve() {
	stopped := false
	defer func() {
		if stopped {
			close(m.exited)
		} else {
			go m.serve()
		}
	}()
	for {
		select {
		case r := <-m.reqs:
			r.run()
		case <-m.stopped:
			stopped = true
			return
		}
	}
}

func (r *request) run() {
	defer close(r.done)
	defer func() {
		if r.panic {
			if r.pv = recover(); r.pv == nil {
				r.goexit = true // only runtime.Goexit ends f without a value
			}
		}
	}()
	r.panic = true
	r.f()
	r.panic = false
}

// call runs f in the manager's goroutine and waits for it. It panics with
// f's panic, or with "mp: manager is shut down (Python:
// BrokenPipeError)" after Shutdown (MG-01).
func (m *Manager) call(f func()) {
	r := &request{f: f, done: make(chan struct{})}
	select {
	case <-m.stopped:
		panic(managerShutDown)
	default:
	}
	select {
	case m.reqs <- r:
	case <-m.stopped:
		panic(managerShutDown)
	}
	<-r.done
	if r.goexit {
		runtime.Goexit() // as if f had run in the caller
	}
	if r.panic {
		panic(r.pv)
	}
}

// Shutdown stops the manager's goroutine and returns when it has ended.
// From then on every call of its proxies panics with "mp: manager is shut
// down (Python: BrokenPipeError)" (MG-01); the objects its proxies held
// are dropped. Shutdown may be called any number of times.
//
// Python: multiprocessing.managers.SyncManager.shutdown.
func (m *Manager) Shutdown() {
	m.once.Do(func() { close(m.stopped) })
	<-m.exited
}

// Lock returns a new [Lock] (MG-08): releasing it twice panics with
// package thread's RuntimeError text, as the manager's threading.Lock
// raises RuntimeError.
//
// Python: multiprocessing.managers.SyncManager.Lock.
func (m *Manager) Lock() *Lock { return NewLock() }

// RLock returns a new [RLock].
//
// Python: multiprocessing.managers.SyncManager.RLock.
func (m *Manager) RLock() *RLock { return NewRLock() }

// Semaphore returns a new [Semaphore] with the given value.
//
// Python: multiprocessing.managers.SyncManager.Semaphore.
func (m *Manager) Semaphore(value int) *Semaphore { return NewSemaphore(value) }

// BoundedSemaphore returns a new [BoundedSemaphore] with the given value.
//
// Python: multiprocessing.managers.SyncManager.BoundedSemaphore.
func (m *Manager) BoundedSemaphore(value int) *BoundedSemaphore {
	return NewBoundedSemaphore(value)
}

// Event returns a new [Event].
//
// Python: multiprocessing.managers.SyncManager.Event.
func (m *Manager) Event() *Event { return NewEvent() }

// Condition returns a new [Condition] on lock; a nil lock means a new
// [RLock].
//
// Python: multiprocessing.managers.SyncManager.Condition.
func (m *Manager) Condition(lock thread.Locker) *Condition { return NewCondition(lock) }

// Barrier returns a new [Barrier] for parties goroutines.
//
// Python: multiprocessing.managers.SyncManager.Barrier.
func (m *Manager) Barrier(parties int, opts ...thread.BarrierOption) *Barrier {
	return NewBarrier(parties, opts...)
}

// ManagerQueue returns a new [Queue] that holds at most maxsize items
// (none for zero or less), for processes to share, as m.Queue() in Python.
// It is not a proxy: it goes on working after [Manager.Shutdown].
//
// Python: multiprocessing.managers.SyncManager.Queue.
func ManagerQueue[T any](m *Manager, maxsize int) *Queue[T] { return NewQueue[T](maxsize) }

// ManagerJoinableQueue returns a new [JoinableQueue], as [ManagerQueue]
// does.
//
// Python: multiprocessing.managers.SyncManager.JoinableQueue.
func ManagerJoinableQueue[T any](m *Manager, maxsize int) *JoinableQueue[T] {
	return NewJoinableQueue[T](maxsize)
}

// Pool returns a new started [Pool], as [NewPool] does. It is not a proxy:
// it goes on working after [Manager.Shutdown], and is terminated like any
// pool. An option that is wrong panics in the caller with pool's text,
// where Python's manager sends back a RemoteError (MG-07).
//
// Python: multiprocessing.managers.SyncManager.Pool.
func (m *Manager) Pool(opts ...pool.Option) *Pool { return NewPool(opts...) }
