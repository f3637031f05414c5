package thread

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// An Event is a flag that goroutines can wait for: [Event.Set] sets it and
// wakes every waiter, [Event.Clear] resets it, and [Event.Wait] blocks
// until it is set. The zero value is an unset Event. An Event must not be
// copied after first use.
//
// A Set wakes every goroutine waiting at that moment, and their waits
// report true, even if Clear follows at once (EV-05).
//
// The deprecated camelCase alias isSet (EV-07) has no Go counterpart.
//
// Python: threading.Event.
type Event struct {
	flag atomic.Bool

	mu sync.Mutex // guards ch and n, and orders Set and Clear
	// ch is closed by Set to wake the waiters. The first waiter creates
	// it; Set drops it, and so does the last waiter to give up, so the
	// Event never keeps a closed channel, nor one made by a goroutine no
	// longer waiting (which may belong to a testing/synctest bubble).
	ch chan struct{}
	n  int // goroutines waiting on ch
}

// IsSet reports whether the flag is set (EV-01).
//
// Python: threading.Event.is_set.
func (e *Event) IsSet() bool { return e.flag.Load() }

// Set sets the flag and wakes every goroutine waiting for it. Waits that
// begin while it stays set return at once. Setting a set Event does
// nothing.
//
// Python: threading.Event.set.
func (e *Event) Set() {
	e.mu.Lock()
	e.flag.Store(true)
	if e.ch != nil {
		close(e.ch)
		e.ch, e.n = nil, 0
	}
	e.mu.Unlock()
}

// Clear resets the flag, so that later waits block until the next Set.
// Clearing an unset Event does nothing.
//
// Python: threading.Event.clear.
func (e *Event) Clear() {
	e.mu.Lock()
	e.flag.Store(false)
	e.mu.Unlock()
}

// Wait blocks until the flag is set, returning at once if it is set
// already (EV-02).
//
// Python: threading.Event.wait.
func (e *Event) Wait() { _ = e.WaitContext(context.Background()) }

// WaitTimeout acts like [Event.Wait] but gives up after d, reporting
// whether the flag was set (EV-03): it returns true as soon as the flag is
// set, and false if d ran out first. With d <= 0 it returns the flag at
// once (EV-04).
//
// Python: threading.Event.wait(timeout=...).
func (e *Event) WaitTimeout(d time.Duration) bool {
	if set := e.IsSet(); set || d <= 0 {
		return set
	}
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	return e.WaitContext(ctx) == nil
}

// WaitContext acts like [Event.Wait] but gives up when ctx is done,
// returning ctx.Err(). If the flag is set it returns nil, even when ctx is
// already done; so it does if a Set wakes it as ctx ends.
//
// Python: none (Go only).
func (e *Event) WaitContext(ctx context.Context) error {
	if e.flag.Load() {
		return nil
	}
	e.mu.Lock()
	if e.flag.Load() {
		e.mu.Unlock()
		return nil
	}
	if err := ctx.Err(); err != nil {
		e.mu.Unlock()
		return err
	}
	if e.ch == nil {
		e.ch = make(chan struct{})
	}
	ch := e.ch
	e.n++
	e.mu.Unlock()
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.ch != ch {
		return nil // Set closed ch as ctx ended: the Set wins
	}
	if e.n--; e.n == 0 {
		e.ch = nil
	}
	return ctx.Err()
}

// String returns "<thread.Event: set>" or "<thread.Event: unset>" (EV-06).
// Python's repr also shows the address; this does not, so that it can be
// compared in tests.
//
// Python: threading.Event.__repr__.
func (e *Event) String() string {
	if e.IsSet() {
		return "<thread.Event: set>"
	}
	return "<thread.Event: unset>"
}
