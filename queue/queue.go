package queue

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pyconc/pyconc/internal/waitq"
)

// Queue is a multi-producer, multi-consumer queue of items of type T, safe
// for use by many goroutines. [New] orders its items first in, first out;
// [NewLifoQueue], [NewPriorityQueue] and [NewPriorityQueueFunc] return a
// Queue with another order, and everything else is the same: a LIFO or
// priority queue goes wherever a *Queue is expected, as a Python LifoQueue
// or PriorityQueue is a Queue.
//
// The zero value is an empty FIFO queue with no size limit, ready to use.
// A Queue must not be copied after first use.
//
// Blocked getters are served in the order they arrived (QQ-17), and so are
// blocked putters. A Put that finds a getter waiting hands it the item
// directly; a Get that makes room lets the first blocked putter's item in.
//
// Python: queue.Queue.
type Queue[T any] struct {
	mu sync.Mutex
	// The padding keeps the cache line of mu, which goroutines waiting
	// for the lock keep reading, apart from the fields its holder writes.
	_ [cacheLine - 8]byte

	fifo     fifo[T]  // the items, unless custom is set
	custom   store[T] // the store of a LIFO or priority queue, or nil
	maxsize  int
	shutdown bool
	getters  waitq.List[slot[T]] // non-empty only while the store is empty
	putters  waitq.List[slot[T]] // non-empty only while the queue is full
	joiners  waitq.List[struct{}]
	_        [cacheLine]byte

	// tasks counts unfinished tasks. Puts add to it under mu; TaskDone
	// takes from it without mu, so consumers finishing tasks do not
	// contend with producers and other consumers for the lock.
	tasks atomic.Int64
}

// cacheLine is the size of a CPU cache line on common hardware.
const cacheLine = 64

// slot is what a blocked getter or putter exchanges with the goroutine
// that serves it, under the queue's mutex.
type slot[T any] struct {
	item T     // a putter's item; the item handed to a getter
	err  error // ErrShutDown when a shutdown woke the waiter
	pv   any   // for a putter: the panic of the comparison that refused item
}

// New returns an empty first-in, first-out queue that holds at most maxsize
// items. A maxsize of zero or less means no limit (QQ-01).
//
// Python: queue.Queue.
func New[T any](maxsize int) *Queue[T] {
	return &Queue[T]{maxsize: maxsize}
}

// room reports whether a put would not block. The caller holds q.mu.
func (q *Queue[T]) room() bool { return q.maxsize <= 0 || q.len() < q.maxsize }

// Put puts item into q, blocking while q is full; an unbounded queue is
// never full. A successful put adds one to [Queue.UnfinishedTasks].
//
// Put returns nil, or [ErrShutDown] if q is shut down, before or while it
// waits; then item was not put.
//
// Put panics if the comparison of a [NewPriorityQueueFunc] queue panics on
// item; then item was not put.
//
// Python: queue.Queue.put.
func (q *Queue[T]) Put(item T) error { return q.put(item, forever) }

// PutNowait acts like [Queue.Put] but never blocks: if q is full it
// returns [ErrFull] and does not put item.
//
// Python: queue.Queue.put_nowait.
func (q *Queue[T]) PutNowait(item T) error { return q.put(item, nowait) }

// PutTimeout acts like [Queue.Put] but gives up after d, returning
// [ErrFull] without having put item. A d of zero tries once without
// blocking, like [Queue.PutNowait] (QQ-05).
//
// PutTimeout panics if d is negative, whatever the state of q (QQ-08).
// Python checks the timeout only on a bounded queue, so put(x, timeout=-1)
// succeeds on an unbounded one (QQ-09), and only after checking for a
// shutdown, so on a shut down queue it raises ShutDown; pyconc treats a
// negative timeout as the programming error it is everywhere, so the bug
// shows up the first time the code runs, not the first time the queue is
// bounded or still running.
//
// Python: queue.Queue.put(timeout=...).
func (q *Queue[T]) PutTimeout(item T, d time.Duration) error { return q.put(item, within(d)) }

// PutContext acts like [Queue.Put] but gives up when ctx is done, returning
// ctx.Err() without having put item. An item that can be put without
// waiting is put, and nil returned, even when ctx is already done.
//
// Python: none (Go only).
func (q *Queue[T]) PutContext(ctx context.Context, item T) error { return q.put(item, until(ctx)) }

// put is the one implementation of the Put forms.
func (q *Queue[T]) put(item T, h how) error {
	w, err := q.tryPut(item, h, 0)
	for spin := 1; err == errWouldBlock; spin++ {
		runtime.Gosched()
		w, err = q.tryPut(item, h, spin)
	}
	if w == nil {
		return err
	}
	if !wait(w, h) && q.remove(&q.putters, w) {
		return h.gaveUp(ErrFull)
	}
	// Served: an item taken (nil), a shutdown, or a comparison panic.
	if w.Value.pv != nil {
		panic(w.Value.pv)
	}
	return w.Value.err
}

// tryPut puts item if it can do so without waiting. Otherwise, if h
// allows waiting, it returns errWouldBlock for the first spins tries, and
// then queues and returns a waiter for the caller to wait on.
func (q *Queue[T]) tryPut(item T, h how, spin int) (*waitq.Waiter[slot[T]], error) {
	q.lock()
	defer q.mu.Unlock()
	switch {
	case q.shutdown:
		return nil, ErrShutDown // checked before Full (QS-03)
	case q.getters.Len() > 0:
		// The queue is empty: hand item to the first getter directly,
		// which is right for every ordering.
		g := q.getters.PopFront()
		g.Value.item = item
		q.tasks.Add(1)
		g.Wake()
		return nil, nil
	case q.room():
		q.push(item) // a panicking comparison changes nothing
		q.tasks.Add(1)
		return nil, nil
	case !h.block:
		return nil, ErrFull
	}
	if err := h.expired(); err != nil {
		return nil, err
	}
	if spin < spins {
		return nil, errWouldBlock
	}
	w := waitq.New(slot[T]{item: item})
	q.putters.PushBack(w)
	return w, nil
}

// Get removes and returns an item from q, blocking while q is empty.
//
// Get returns [ErrShutDown] if q is shut down and empty, before or while it
// waits. After [Queue.Shutdown] the items still in q are returned first
// (QS-03); after [Queue.ShutdownImmediate] there are none.
//
// Get does not change [Queue.UnfinishedTasks]: call [Queue.TaskDone] when
// the item has been processed.
//
// Get panics if the comparison of a [NewPriorityQueueFunc] queue panics;
// then the item stays in q.
//
// Python: queue.Queue.get.
func (q *Queue[T]) Get() (T, error) { return q.get(forever) }

// GetNowait acts like [Queue.Get] but never blocks: if q is empty it
// returns [ErrEmpty] ([ErrShutDown] if q is also shut down).
//
// Python: queue.Queue.get_nowait.
func (q *Queue[T]) GetNowait() (T, error) { return q.get(nowait) }

// GetTimeout acts like [Queue.Get] but gives up after d, returning
// [ErrEmpty]. A d of zero tries once without blocking, like
// [Queue.GetNowait].
//
// GetTimeout panics if d is negative, even when an item is available, as
// Python raises ValueError (QQ-08), and also when q is shut down and
// empty, where Python raises ShutDown before it looks at the timeout.
//
// Python: queue.Queue.get(timeout=...).
func (q *Queue[T]) GetTimeout(d time.Duration) (T, error) { return q.get(within(d)) }

// GetContext acts like [Queue.Get] but gives up when ctx is done, returning
// ctx.Err() without having removed an item. An available item is returned
// even when ctx is already done.
//
// Python: none (Go only).
func (q *Queue[T]) GetContext(ctx context.Context) (T, error) { return q.get(until(ctx)) }

// get is the one implementation of the Get forms.
func (q *Queue[T]) get(h how) (T, error) {
	item, w, err := q.tryGet(h, 0)
	for spin := 1; err == errWouldBlock; spin++ {
		runtime.Gosched()
		item, w, err = q.tryGet(h, spin)
	}
	if w == nil {
		return item, err
	}
	if !wait(w, h) && q.remove(&q.getters, w) {
		var zero T
		return zero, h.gaveUp(ErrEmpty)
	}
	// Served: handed an item, or woken by a shutdown.
	return w.Value.item, w.Value.err
}

// tryGet removes an item if there is one. Otherwise, if h allows waiting,
// it returns errWouldBlock for the first spins tries, and then queues and
// returns a waiter for the caller to wait on.
func (q *Queue[T]) tryGet(h how, spin int) (item T, w *waitq.Waiter[slot[T]], err error) {
	q.lock()
	defer q.mu.Unlock()
	if q.len() > 0 {
		item = q.pop() // a panicking comparison changes nothing
		q.admit()
		return item, nil, nil
	}
	switch {
	case q.shutdown:
		return item, nil, ErrShutDown
	case !h.block:
		return item, nil, ErrEmpty
	}
	if err := h.expired(); err != nil {
		return item, nil, err
	}
	if spin < spins {
		return item, nil, errWouldBlock
	}
	w = waitq.New(slot[T]{})
	q.getters.PushBack(w)
	return item, w, nil
}

// admit moves blocked putters' items into the store, first come first
// served, while there is room, and wakes those putters. A putter whose
// item the store's comparison refuses is woken with the panic to re-raise.
// The caller holds q.mu.
func (q *Queue[T]) admit() {
	for q.putters.Len() > 0 && q.room() {
		p := q.putters.PopFront()
		if pv := q.tryPush(p.Value.item); pv != nil {
			p.Value.pv = pv
		} else {
			q.tasks.Add(1)
		}
		var zero T
		p.Value.item = zero
		p.Wake()
	}
}

// tryPush pushes item, returning the comparison's panic if there was one.
func (q *Queue[T]) tryPush(item T) (pv any) {
	defer func() { pv = recover() }()
	q.push(item)
	return nil
}
