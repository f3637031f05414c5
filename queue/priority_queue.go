package queue

import (
	"cmp"
	"math/bits"
)

// NewPriorityQueue returns an empty queue that retrieves the lowest item
// first, as ordered by [cmp.Compare] (so a float NaN sorts before every
// other value, where Python's heap would misplace it). It holds at most
// maxsize items; a maxsize of zero or less means no limit (QQ-01).
//
// Items that compare equal come out in an unspecified order, as from
// Python's heap. For (priority, data) pairs, the Python idiom, use
// [NewPriorityQueueFunc] with a struct.
//
// The result is a *[Queue] like every ordering's, so a priority queue goes
// wherever a Queue is expected, as a Python PriorityQueue is a Queue.
//
// Python: queue.PriorityQueue.
func NewPriorityQueue[T cmp.Ordered](maxsize int) *Queue[T] {
	return &Queue[T]{custom: &heap[T]{cmp: cmp.Compare[T]}, maxsize: maxsize}
}

// NewPriorityQueueFunc is [NewPriorityQueue] for any item type: compare
// returns a negative number when a should be got before b, a positive
// number when after, and zero when either order will do, the convention of
// [slices.SortFunc]. compare is called with the queue's mutex held, so it
// must not call the queue.
//
// If compare panics, the panic reaches the caller whose call compared the
// items (a Put, a Get or [Queue.ShutdownImmediate]), and the queue is left
// as it was before that item moved: a Put that panics has put nothing and
// [Queue.UnfinishedTasks] is unchanged, a Get that panics leaves its item
// in the queue (QQ-14). This is a deliberate difference from Python, where
// an item that fails to compare can stay in the heap while
// unfinished_tasks is not incremented (QQ-18). A putter that was blocked
// on a full queue panics in its own goroutine, as the Python putter would
// raise, when the Get or [Queue.SetMaxsize] that made room for it cannot
// compare its item; that Get or SetMaxsize itself succeeds.
//
// NewPriorityQueueFunc panics if compare is nil.
//
// Python: queue.PriorityQueue (its items ordered by a comparison).
func NewPriorityQueueFunc[T any](maxsize int, compare func(a, b T) int) *Queue[T] {
	if compare == nil {
		panic("queue: nil comparison function (Python: TypeError)")
	}
	return &Queue[T]{custom: &heap[T]{cmp: compare}, maxsize: maxsize}
}

// heap is the store of the priority queues: a binary min-heap. Both push
// and pop make every comparison before they move anything, so a comparison
// that panics leaves the heap intact.
type heap[T any] struct {
	s   []T
	cmp func(a, b T) int
}

func (h *heap[T]) len() int { return len(h.s) }
func (h *heap[T]) clear()   { h.s = nil }

func (h *heap[T]) push(item T) {
	// Find the slot: climb while item is less than its parent.
	j := len(h.s)
	for j > 0 {
		p := (j - 1) / 2
		if h.cmp(item, h.s[p]) >= 0 {
			break
		}
		j = p
	}
	// Move the parents on the path one level down, then place item.
	h.s = append(h.s, item)
	for i := len(h.s) - 1; i > j; {
		p := (i - 1) / 2
		h.s[i] = h.s[p]
		i = p
	}
	h.s[j] = item
}

func (h *heap[T]) pop() T {
	var zero T
	top := h.s[0]
	n := len(h.s) - 1
	last := h.s[n]
	// Find the hole for last: descend towards the lesser child while it
	// is less than last. Only the first n slots count; slot n is last's.
	i := 0
	for {
		c := 2*i + 1
		if c >= n {
			break
		}
		if c+1 < n && h.cmp(h.s[c+1], h.s[c]) < 0 {
			c++
		}
		if h.cmp(last, h.s[c]) <= 0 {
			break
		}
		i = c
	}
	// Move the children on the path from the root to i one level up. In
	// 1-based numbering a node's ancestors are the prefixes of its bits.
	for hole := 0; hole != i; {
		d := bits.Len(uint(i+1)) - bits.Len(uint(hole+1))
		c := (i+1)>>(d-1) - 1
		h.s[hole] = h.s[c]
		hole = c
	}
	h.s[i] = last
	h.s[n] = zero
	h.s = shrink(h.s[:n])
	return top
}
