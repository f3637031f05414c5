// Package waitq is the first-in, first-out list of blocked goroutines behind
// every pyconc primitive that blocks: locks, semaphores, conditions, queues.
//
// Each blocked goroutine owns one [Waiter] with its own channel, as
// golang.org/x/sync/semaphore does, so waking is a channel close and a wait
// can give up on a [context.Context]. Nothing polls or sleeps, which is
// what lets testing/synctest run timeouts instantly.
//
// The protocol, for a primitive guarded by its own mutex mu:
//
//	mu.Lock()
//	// fast path: succeed without blocking if possible
//	w := waitq.New(payload)
//	list.PushBack(w)
//	mu.Unlock()
//	if w.Wait(ctx) {
//		return success // woken: the waker did the work under mu
//	}
//	mu.Lock()
//	gaveUp := list.Remove(w) // false: woken just as ctx ended
//	mu.Unlock()
//
// A waker holds mu, takes a waiter with [List.PopFront], does the work on
// its behalf (hands it an item, a permit, the lock) and calls [Waiter.Wake].
// Because removal and waking both happen under mu, a waiter that gives up
// learns from Remove whether it was woken first, and nothing is lost.
package waitq

import "context"

// Waiter is one blocked goroutine. Value is the payload the two sides
// exchange: the item a putter offers, the item a getter receives, a count.
type Waiter[T any] struct {
	Value T

	ready      chan struct{}
	prev, next *Waiter[T]
	list       *List[T] // the list holding w, or nil
}

// New returns a waiter carrying v, not yet in any list.
func New[T any](v T) *Waiter[T] {
	return &Waiter[T]{Value: v, ready: make(chan struct{})}
}

// Wake releases the goroutine blocked in [Waiter.Wait]. The caller must
// already have removed w from its list, and wakes each waiter once.
func (w *Waiter[T]) Wake() { close(w.ready) }

// Wait blocks until w is woken, returning true, or until ctx is done,
// returning false. On false the caller must take w out of its list under
// its mutex, and treat a failed removal as a wake-up.
func (w *Waiter[T]) Wait(ctx context.Context) bool {
	done := ctx.Done()
	if done == nil {
		<-w.ready
		return true
	}
	select {
	case <-w.ready:
		return true
	case <-done:
		return false
	}
}

// Ready returns the channel that is closed when w is woken.
func (w *Waiter[T]) Ready() <-chan struct{} { return w.ready }

// List is a first-in, first-out list of waiters. The zero value is an empty
// list. A List is not safe for concurrent use: its owner guards it.
type List[T any] struct {
	head, tail *Waiter[T]
	n          int
}

// Len returns the number of waiters in l.
func (l *List[T]) Len() int { return l.n }

// PushBack appends w, which must not be in a list.
func (l *List[T]) PushBack(w *Waiter[T]) {
	w.list, w.prev, w.next = l, l.tail, nil
	if l.tail != nil {
		l.tail.next = w
	} else {
		l.head = w
	}
	l.tail = w
	l.n++
}

// PushFront prepends w, which must not be in a list.
func (l *List[T]) PushFront(w *Waiter[T]) {
	w.list, w.prev, w.next = l, nil, l.head
	if l.head != nil {
		l.head.prev = w
	} else {
		l.tail = w
	}
	l.head = w
	l.n++
}

// PopFront removes and returns the first waiter, or returns nil.
func (l *List[T]) PopFront() *Waiter[T] {
	w := l.head
	if w != nil {
		l.Remove(w)
	}
	return w
}

// Remove takes w out of l and reports whether it was there.
func (l *List[T]) Remove(w *Waiter[T]) bool {
	if w.list != l {
		return false
	}
	if w.prev != nil {
		w.prev.next = w.next
	} else {
		l.head = w.next
	}
	if w.next != nil {
		w.next.prev = w.prev
	} else {
		l.tail = w.prev
	}
	w.list, w.prev, w.next = nil, nil, nil
	l.n--
	return true
}

// PopAll calls f with each waiter in order, front first, removing each one
// before the call; f must not touch l.
func (l *List[T]) PopAll(f func(*Waiter[T])) {
	for w := l.PopFront(); w != nil; w = l.PopFront() {
		f(w)
	}
}
