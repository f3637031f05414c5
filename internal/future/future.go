// Package future is the one future behind futures.Future and
// pool.AsyncResult: a result or an error that arrives once, waited for
// on a channel, with callbacks run when it does.
//
// A Core moves from Pending to Running to Finished, or from Pending to
// Cancelled, and never back. Once it is Cancelled or Finished it is done:
// its value and error are fixed, its done channel is closed, and its
// waiters and callbacks have been called, in the goroutine that completed
// it. Python's CANCELLED_AND_NOTIFIED is not a separate state: a Core
// notifies its waiters when it is cancelled, so a cancelled future is done
// for every kind of wait at once.
package future

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pyconc/pyconc/internal/panics"
)

// State is where a Core is in its life.
type State int32

// The states of a Core, in the order they are reached.
const (
	Pending State = iota
	Running
	Cancelled
	Finished
)

// ErrCancelled is the error of a cancelled Core.
var ErrCancelled = errors.New("futures: cancelled")

// ErrTimeout is returned by a wait that gave up after its timeout.
var ErrTimeout = errors.New("pyconc: timed out")

// Kind names the Python class a Core stands for, in its String.
type Kind uint8

// The kinds of Core.
const (
	KindFuture      Kind = iota // concurrent.futures.Future
	KindApplyResult             // multiprocessing.pool.ApplyResult
	KindMapResult               // multiprocessing.pool.MapResult
)

// A Reporter collects the Cores of one executor or pool that failed with
// a panic, so that a panic nobody retrieved is reported when the executor
// or pool ends.
type Reporter struct {
	mu    sync.Mutex
	cores []interface{ unobserved() *panics.Error }
}

// Report logs, through log/slog's default logger, every collected panic
// whose Core was never observed, and forgets them all.
func (r *Reporter) Report(owner string) {
	r.mu.Lock()
	cores := r.cores
	r.cores = nil
	r.mu.Unlock()
	for _, c := range cores {
		if e := c.unobserved(); e != nil {
			slog.Error(fmt.Sprintf("%s: exception in a task was never retrieved: %v", owner, c), "panic", e)
		}
	}
}

func (r *Reporter) add(c interface{ unobserved() *panics.Error }) {
	r.mu.Lock()
	r.cores = append(r.cores, c)
	r.mu.Unlock()
}

// A Waiter is told when a Core it was added to is done. Wait and
// as_completed add one Waiter to many Cores.
type Waiter struct{ notify func() }

// NewWaiter returns a Waiter that calls notify, in the goroutine that
// completes the Core, once for each Core it was added to that completes.
// notify must not block.
func NewWaiter(notify func()) *Waiter { return &Waiter{notify: notify} }

// Core is a result of type T that arrives once. The zero Core is pending,
// with no function to run: its value is set with Finish or Cancel.
type Core[T any] struct {
	state    atomic.Int32
	observed atomic.Bool // Result, Exception or a callback looked at the outcome
	kind     Kind

	mu     sync.Mutex
	done   chan struct{} // made by the first waiter; closed when done
	val    T
	err    error
	fn     func() (T, error)
	vfn    func() T
	report *Reporter
	lis    *listeners // nil until a callback or a waiter is added
}

// listeners are the callbacks and waiters of a Core, kept apart because
// most Cores never have any: this keeps a Core, and so a submitted
// future, in a smaller allocation.
type listeners struct {
	callbacks []func()
	waiters   []*Waiter
}

// listenersLocked returns c.lis, making it if need be. The caller holds
// c.mu.
func (c *Core[T]) listenersLocked() *listeners {
	if c.lis == nil {
		c.lis = new(listeners)
	}
	return c.lis
}

// Init sets the function Run runs (fn, or vfn when fn is nil; either may
// be nil when c is completed by other means), the kind for String, and
// the Reporter that hears of a panic (nil for none). It is called before c
// is shared.
func (c *Core[T]) Init(kind Kind, fn func() (T, error), vfn func() T, r *Reporter) {
	c.kind, c.fn, c.vfn, c.report = kind, fn, vfn, r
}

// State returns c's state.
func (c *Core[T]) State() State { return State(c.state.Load()) }

// IsDone reports whether c is Cancelled or Finished.
func (c *Core[T]) IsDone() bool { return c.State() >= Cancelled }

// Run runs c's function if c is still pending, and finishes c with what it
// returned: a panic, or runtime.Goexit, finishes c with a *panics.Error
// (after a Goexit, Run does not return, as the goroutine ends). Run is
// what an engine worker calls; it calls free (if not nil) just before it
// finishes c, unless the function called runtime.Goexit, so that the
// worker is idle by the time a waiter sees c done.
//
// A c that is running or finished already, because its owner called
// SetResult, SetException or SetRunningOrNotifyCancel on a submitted
// future before a worker took it, is skipped, and "Future <…> in
// unexpected state" logged through log/slog's default logger: Python's
// worker logs the same RuntimeError, and its thread dies of it, where
// this worker goes on to its next task.
func (c *Core[T]) Run(free func()) {
	if !c.state.CompareAndSwap(int32(Pending), int32(Running)) {
		if c.State() != Cancelled {
			slog.Error("Future " + c.String() + " in unexpected state")
		}
		return
	}
	// Running: nothing else touches fn and vfn now. Dropping them lets
	// what they hold go as soon as the call returns (EX-16).
	fn, vfn := c.fn, c.vfn
	c.fn, c.vfn = nil, nil
	if vfn != nil {
		c.call(func() (T, error) { return vfn(), nil }, free)
		return
	}
	c.call(fn, free)
}

// call calls f and finishes c, which is running, with its outcome. It
// calls free, if not nil, just before it finishes c, unless f called
// runtime.Goexit: then the worker is ending, not free.
func (c *Core[T]) call(f func() (T, error), free func()) {
	normal := false
	defer func() {
		if normal {
			return
		}
		var zero T
		if r := recover(); r != nil {
			if free != nil {
				free()
			}
			c.Finish(zero, panics.New(r))
			return
		}
		c.Finish(zero, panics.Goexit())
	}()
	v, err := f()
	normal = true
	if free != nil {
		free()
	}
	c.Finish(v, err)
}

// Drop finishes c with err, if it is not done yet: the engine will never
// run it (the executor broke, or the pool was terminated).
func (c *Core[T]) Drop(err error) {
	var zero T
	c.Finish(zero, err)
}

// SetRunning moves c from Pending to Running, reporting true, or reports
// false if c was cancelled. In any other state it panics, as Python's
// set_running_or_notify_cancel raises RuntimeError.
func (c *Core[T]) SetRunning() bool {
	if c.state.CompareAndSwap(int32(Pending), int32(Running)) {
		return true
	}
	if c.State() == Cancelled {
		return false
	}
	panic("futures: Future in unexpected state (Python: RuntimeError)")
}

// Finish completes c with v and err, unless it is done already; it
// reports whether it completed c.
func (c *Core[T]) Finish(v T, err error) bool {
	c.mu.Lock()
	for {
		s := c.state.Load()
		if State(s) >= Cancelled {
			c.mu.Unlock()
			return false
		}
		c.val, c.err = v, err
		if c.state.CompareAndSwap(s, int32(Finished)) {
			break
		}
	}
	if _, ok := err.(*panics.Error); ok && c.report != nil {
		c.report.add(c)
	}
	c.complete()
	return true
}

// Cancel moves c from Pending to Cancelled and reports true; it also
// reports true if c was already cancelled, and false if c is running or
// finished.
func (c *Core[T]) Cancel() bool {
	c.mu.Lock()
	if s := c.State(); s != Pending {
		c.mu.Unlock()
		return s == Cancelled
	}
	// The error is written before the state says Cancelled: a waiter that
	// sees the state done reads the outcome without c.mu.
	c.err = ErrCancelled
	if !c.state.CompareAndSwap(int32(Pending), int32(Cancelled)) {
		// SetRunning won: the outcome is Finish's to write, under c.mu.
		c.err = nil
		c.mu.Unlock()
		return false
	}
	c.fn, c.vfn = nil, nil
	c.complete()
	return true
}

// complete wakes everyone waiting for c, which has just become done; the
// caller holds c.mu, which complete releases.
func (c *Core[T]) complete() {
	if c.done != nil {
		close(c.done)
	}
	lis := c.lis
	c.lis = nil
	c.mu.Unlock()
	if lis == nil {
		return
	}
	ws, cbs := lis.waiters, lis.callbacks
	for _, w := range ws {
		w.notify()
	}
	for _, cb := range cbs {
		c.runCallback(cb)
	}
}

// Outcome returns c's value and error; c must be done. It marks the
// outcome observed.
func (c *Core[T]) Outcome() (T, error) {
	if c.err != nil {
		c.observed.Store(true)
	}
	return c.val, c.err
}

// Peek returns c's value and error without marking them observed; c must
// be done.
func (c *Core[T]) Peek() (T, error) { return c.val, c.err }

func (c *Core[T]) unobserved() *panics.Error {
	if c.observed.Load() {
		return nil
	}
	e, _ := c.err.(*panics.Error)
	return e
}

var closed = func() chan struct{} {
	ch := make(chan struct{})
	close(ch)
	return ch
}()

// DoneChan returns a channel that is closed when c is done.
func (c *Core[T]) DoneChan() <-chan struct{} {
	if c.IsDone() {
		return closed
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.IsDone() {
		return closed
	}
	if c.done == nil {
		c.done = make(chan struct{})
	}
	return c.done
}

// spins is how many times Wait yields the processor, hoping c completes,
// before it parks on the done channel: parking costs a channel and a
// wake-up, a yield far less, and a task is often nearly done.
const spins = 4

// Wait blocks until c is done, returning nil, or until ctx is done,
// returning ctx.Err() (nil if c is done by then).
func (c *Core[T]) Wait(ctx context.Context) error {
	if c.IsDone() {
		return nil
	}
	for range spins {
		runtime.Gosched()
		if c.IsDone() {
			return nil
		}
	}
	ch := c.DoneChan()
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		if c.IsDone() {
			return nil
		}
		return ctx.Err()
	}
}

// WaitTimeout blocks until c is done, reporting true, or until d has
// passed, reporting whether c is done then. A d of zero or less does not
// wait, as Python treats a negative timeout as zero.
func (c *Core[T]) WaitTimeout(d time.Duration) bool {
	if c.IsDone() || d <= 0 {
		return c.IsDone()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-c.DoneChan():
	case <-t.C:
	}
	return c.IsDone()
}

// AddWaiter adds w to be notified when c is done, and reports true; if c
// is done already it reports false and does not add w.
func (c *Core[T]) AddWaiter(w *Waiter) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.IsDone() {
		return false
	}
	lis := c.listenersLocked()
	lis.waiters = append(lis.waiters, w)
	return true
}

// RemoveWaiter removes w if it is still waiting on c.
func (c *Core[T]) RemoveWaiter(w *Waiter) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lis == nil {
		return
	}
	for i, x := range c.lis.waiters {
		if x == w {
			c.lis.waiters = slices.Delete(c.lis.waiters, i, i+1)
			return
		}
	}
}

// AddDoneCallback arranges for cb to be called when c is done, after the
// callbacks added before it, in the goroutine that completes c; if c is
// done already, cb is called at once in the caller's goroutine. A panic
// in cb is logged and goes no further.
func (c *Core[T]) AddDoneCallback(cb func()) {
	c.observed.Store(true)
	c.mu.Lock()
	if !c.IsDone() {
		lis := c.listenersLocked()
		lis.callbacks = append(lis.callbacks, cb)
		c.mu.Unlock()
		return
	}
	c.mu.Unlock()
	c.runCallback(cb)
}

// runCallback calls cb, logging a panic through log/slog's default logger
// as Python logs an exception raised by a callback (FU-15).
func (c *Core[T]) runCallback(cb func()) {
	defer func() {
		if v := recover(); v != nil {
			slog.Error("exception calling callback for "+c.String(), "panic", panics.New(v))
		}
	}()
	cb()
}

// String describes c as Python's repr does: "<Future at 0xc000012345
// state=finished returned int>".
func (c *Core[T]) String() string {
	name := [...]string{"Future", "ApplyResult", "MapResult"}[c.kind]
	switch c.State() {
	case Pending:
		return fmt.Sprintf("<%s at %p state=pending>", name, c)
	case Running:
		return fmt.Sprintf("<%s at %p state=running>", name, c)
	case Cancelled:
		return fmt.Sprintf("<%s at %p state=cancelled>", name, c)
	}
	if c.err != nil {
		return fmt.Sprintf("<%s at %p state=finished raised %s>", name, c, typeName(c.err))
	}
	return fmt.Sprintf("<%s at %p state=finished returned %s>", name, c, typeName(c.val))
}

// typeName is v's type as %T prints it, unwrapping a panic to its value.
func typeName(v any) string {
	if e, ok := v.(*panics.Error); ok {
		return fmt.Sprintf("panic(%T)", e.Value)
	}
	return fmt.Sprintf("%T", v)
}
