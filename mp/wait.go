package mp

import (
	"context"
	"reflect"
	"time"
)

// A Waitable is something [Wait] can wait for: a [*Connection], ready when
// it has something to receive (a message, or the end of the stream), or a
// started [*Process], ready when it has ended (its [Process.Sentinel] is
// closed). It has unexported methods, so no other type satisfies it.
//
// Python: the objects multiprocessing.connection.wait accepts.
type Waitable interface {
	// waitCheck panics if the object cannot be waited for.
	waitCheck()
	// waitEnter returns nil if the object is ready now; otherwise it
	// registers a waiter and returns a channel that receives (or is
	// closed) when the object may have become ready.
	waitEnter() <-chan struct{}
	// waitLeave unregisters the waiter if registered, and reports whether
	// the object is ready.
	waitLeave(registered bool) bool
}

// Wait blocks until at least one of objects is ready and returns those
// that are, in the order given (PC-15). With no objects it blocks forever,
// as Python's does.
//
// Wait panics as [Connection.Poll] does for a closed or sending-only
// connection, and as [Process.Sentinel] does for a process not started.
//
// Python: multiprocessing.connection.wait(objects).
func Wait(objects []Waitable) []Waitable {
	ready, _ := wait(nil, objects)
	return ready
}

// WaitTimeout acts like [Wait] but gives up after d, returning an empty
// slice if nothing became ready. A d of zero or less does not wait
// (PC-15).
//
// Python: multiprocessing.connection.wait(objects, timeout).
func WaitTimeout(objects []Waitable, d time.Duration) []Waitable {
	if d <= 0 {
		ready, _ := wait(closedChan, objects)
		return ready
	}
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	ready, _ := wait(ctx.Done(), objects)
	return ready
}

// WaitContext acts like [Wait] but gives up when ctx is done, returning an
// empty slice and ctx.Err(). Objects ready already are returned even when
// ctx is done.
//
// Python: none (Go only).
func WaitContext(ctx context.Context, objects []Waitable) ([]Waitable, error) {
	ready, timedOut := wait(doneOf(ctx), objects)
	if timedOut {
		return ready, ctx.Err()
	}
	return ready, nil
}

// wait waits for objects until done is closed (never if done is nil),
// reporting whether it gave up.
func wait(done <-chan struct{}, objects []Waitable) (ready []Waitable, gaveUp bool) {
	for _, o := range objects {
		o.waitCheck() // before any is registered
	}
	cases := make([]reflect.SelectCase, 0, len(objects)+1)
	registered := make([]bool, len(objects))
	for {
		cases = cases[:0]
		readyNow := false
		for i, o := range objects {
			ch := o.waitEnter()
			registered[i] = ch != nil
			if ch == nil {
				readyNow = true
				continue
			}
			cases = append(cases, reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(ch)})
		}
		if !readyNow {
			if done != nil {
				cases = append(cases, reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(done)})
			}
			if len(cases) == 0 {
				select {} // Python's wait([]) blocks forever too
			}
			reflect.Select(cases)
		}
		ready = []Waitable{}
		for i, o := range objects {
			if o.waitLeave(registered[i]) {
				ready = append(ready, o)
			}
		}
		if len(ready) > 0 {
			return ready, false
		}
		select {
		case <-done:
			return ready, true
		default:
		}
	}
}

func (c *Connection[T]) waitCheck() { c.checkReadable() }

func (c *Connection[T]) waitEnter() <-chan struct{} {
	ch := c.in
	ch.mu.Lock()
	defer ch.mu.Unlock()
	if ch.ready() {
		return nil
	}
	ch.waiting++
	return ch.sig()
}

func (c *Connection[T]) waitLeave(registered bool) bool {
	ch := c.in
	ch.mu.Lock()
	defer ch.mu.Unlock()
	if registered {
		ch.waiting--
	}
	ready := ch.ready()
	if ready && registered {
		ch.wake() // a token this waiter took belongs to the next one
	}
	return ready
}

func (p *Process) waitCheck() { p.Sentinel() }

// waitEnter and waitLeave do not check again what waitCheck checked: the
// process may be joined and closed by another goroutine once it has ended,
// while Wait wakes.
func (p *Process) waitEnter() <-chan struct{} {
	ch := p.popen.done()
	select {
	case <-ch:
		return nil
	default:
		return ch
	}
}

func (p *Process) waitLeave(bool) bool {
	select {
	case <-p.popen.done():
		return true
	default:
		return false
	}
}
