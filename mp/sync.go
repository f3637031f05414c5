package mp

import "github.com/pyconc/pyconc/thread"

// Lock is thread.Lock: the goroutine start method shares memory, so the
// threading primitives work across processes as they are. Unlike Python's
// multiprocessing.Lock it panics with thread's text when released
// unlocked (RuntimeError, where Python raises ValueError("semaphore or
// lock released too many times"), MS-01); like it, any process may
// release it (MS-03); its String is thread's (MS-05).
//
// Python: multiprocessing.Lock.
type Lock = thread.Lock

// RLock is thread.RLock: recursive, released only by its owner (MS-04).
// The owner is a goroutine: a process's thread, not the whole process.
//
// Python: multiprocessing.RLock.
type RLock = thread.RLock

// Semaphore is thread.Semaphore. Its Release takes a count, as
// threading's does (MS-09: multiprocessing's release() takes none).
//
// Python: multiprocessing.Semaphore.
type Semaphore = thread.Semaphore

// BoundedSemaphore is thread.BoundedSemaphore: releasing it past its
// initial value panics with thread's text (ValueError, "Semaphore released
// too many times"), MS-10.
//
// Python: multiprocessing.BoundedSemaphore.
type BoundedSemaphore = thread.BoundedSemaphore

// Event is thread.Event (MS-11).
//
// Python: multiprocessing.Event.
type Event = thread.Event

// Condition is thread.Condition (MS-12, MS-13).
//
// Python: multiprocessing.Condition.
type Condition = thread.Condition

// Barrier is thread.Barrier (MS-14).
//
// Python: multiprocessing.Barrier.
type Barrier = thread.Barrier

// ErrBrokenBarrier is thread.ErrBrokenBarrier, Python's
// threading.BrokenBarrierError, which multiprocessing's Barrier raises too.
//
// Python: threading.BrokenBarrierError.
var ErrBrokenBarrier = thread.ErrBrokenBarrier

// NewLock returns a new unlocked [Lock].
//
// Python: multiprocessing.Lock.
func NewLock() *Lock { return new(thread.Lock) }

// NewRLock returns a new unlocked [RLock].
//
// Python: multiprocessing.RLock.
func NewRLock() *RLock { return new(thread.RLock) }

// NewSemaphore returns a [Semaphore] with value value; it panics if value
// is negative, as thread.NewSemaphore does.
//
// Python: multiprocessing.Semaphore.
func NewSemaphore(value int) *Semaphore { return thread.NewSemaphore(value) }

// NewBoundedSemaphore returns a [BoundedSemaphore] with value value.
//
// Python: multiprocessing.BoundedSemaphore.
func NewBoundedSemaphore(value int) *BoundedSemaphore { return thread.NewBoundedSemaphore(value) }

// NewEvent returns a new unset [Event].
//
// Python: multiprocessing.Event.
func NewEvent() *Event { return new(thread.Event) }

// NewCondition returns a [Condition] on lock; a nil lock means a new
// [RLock], as Python's Condition() creates one.
//
// Python: multiprocessing.Condition.
func NewCondition(lock thread.Locker) *Condition { return thread.NewCondition(lock) }

// NewBarrier returns a [Barrier] for parties processes (or threads).
//
// Python: multiprocessing.Barrier.
func NewBarrier(parties int, opts ...thread.BarrierOption) *Barrier {
	return thread.NewBarrier(parties, opts...)
}
