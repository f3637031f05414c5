package queue

import "unsafe"

// store holds a queue's items and decides their order: it is the Go form
// of CPython's four overridable hooks (_init is the constructor, _qsize is
// len, _put is push, _get is pop). A store is guarded by its queue's mutex.
//
// pop is only called on a non-empty store, and zeroes the slot it empties
// so the queue drops its reference to an item as soon as it is got (SQ-07).
// push and pop either finish or, if a comparison panics, leave the store
// exactly as it was (QQ-14, QQ-18).
type store[T any] interface {
	push(item T)
	pop() T
	len() int
	clear() // drop every item
}

// The store operations, on the FIFO blocks unless q has a custom store: a
// FIFO queue, the common case, pays no dynamic call. The caller holds q.mu.

func (q *Queue[T]) len() int {
	if q.custom != nil {
		return q.custom.len()
	}
	return q.fifo.len()
}

func (q *Queue[T]) push(item T) {
	if q.custom != nil {
		q.custom.push(item)
		return
	}
	q.fifo.push(item)
}

func (q *Queue[T]) pop() T {
	if q.custom != nil {
		return q.custom.pop()
	}
	return q.fifo.pop()
}

func (q *Queue[T]) clear() {
	if q.custom != nil {
		q.custom.clear()
		return
	}
	q.fifo.clear()
}

// fifo is the store of [New] and of the zero Queue: like CPython's deque,
// a linked list of fixed-size blocks. Pushing never copies items, so a
// growing queue does not hold the lock for long copies; a block is freed
// as soon as its items have been got, and one spare block is kept so a
// queue of steady size does not allocate. The zero fifo is empty.
type fifo[T any] struct {
	head, tail *block[T]
	hi         int // index in head of the oldest item
	ti         int // index in tail of the next free slot
	n          int
	spare      *block[T]
}

type block[T any] struct {
	items []T // len(items) is blockLen[T]()
	next  *block[T]
}

// blockLen returns the number of items in a block: as many as fit in 2 KiB,
// from 16 to 128.
func blockLen[T any]() int {
	var zero T
	return min(max(2048/max(int(unsafe.Sizeof(zero)), 1), 16), 128)
}

func (f *fifo[T]) len() int { return f.n }

func (f *fifo[T]) push(item T) {
	if f.tail == nil || f.ti == len(f.tail.items) {
		b := f.spare
		if b != nil {
			f.spare = nil
		} else {
			b = &block[T]{items: make([]T, blockLen[T]())}
		}
		if f.tail == nil {
			f.head, f.hi = b, 0
		} else {
			f.tail.next = b
		}
		f.tail, f.ti = b, 0
	}
	f.tail.items[f.ti] = item
	f.ti++
	f.n++
}

func (f *fifo[T]) pop() T {
	var zero T
	b := f.head
	item := b.items[f.hi]
	b.items[f.hi] = zero
	f.hi++
	f.n--
	switch {
	case f.n == 0:
		// Empty, so b is also the tail: start over at its front.
		f.hi, f.ti = 0, 0
	case f.hi == len(b.items):
		f.head, f.hi = b.next, 0
		b.next = nil
		f.recycle(b)
	}
	return item
}

// recycle keeps b, whose items are all zero, as the spare block.
func (f *fifo[T]) recycle(b *block[T]) {
	if f.spare == nil {
		f.spare = b
	}
}

func (f *fifo[T]) clear() { *f = fifo[T]{} }

// minCap is the capacity below which slices never shrink.
const minCap = 64

// shrink returns s in a backing array a quarter the size when it is seven
// eighths empty, so a queue that once held many items does not keep their
// memory.
func shrink[T any](s []T) []T {
	if cap(s) > minCap && len(s) <= cap(s)/8 {
		t := make([]T, len(s), cap(s)/4)
		copy(t, s)
		return t
	}
	return s
}
