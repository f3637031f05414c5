package queue

// Qsize returns the approximate number of items in q (not reliable!): by
// the time the caller acts on it, other goroutines may have put or got.
//
// Python: queue.Queue.qsize.
func (q *Queue[T]) Qsize() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.len()
}

// Empty reports whether q is empty (not reliable!). Like [Queue.Qsize], it
// risks a race: q can grow before the result is used. To wait until every
// item put has been processed, use [Queue.Join].
//
// Python: queue.Queue.empty.
func (q *Queue[T]) Empty() bool { return q.Qsize() == 0 }

// Full reports whether q is full, that is whether 0 < Maxsize() <= Qsize()
// (not reliable!). Like [Queue.Qsize], it risks a race: q can shrink before
// the result is used. An unbounded queue is never full (QQ-01).
//
// Python: queue.Queue.full.
func (q *Queue[T]) Full() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.maxsize > 0 && q.len() >= q.maxsize
}

// Maxsize returns the most items q holds, as given to the constructor or
// [Queue.SetMaxsize]; zero or less means no limit.
//
// Python: queue.Queue.maxsize.
func (q *Queue[T]) Maxsize() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.maxsize
}

// SetMaxsize changes the most items q holds; zero or less means no limit.
// It applies to later puts: shrinking keeps the items q holds, so q may
// stay full for a while (QQ-13).
//
// When it makes room, SetMaxsize lets blocked putters in at once, first
// come first served, until q is full again. Python, which sets the
// attribute without notifying anyone, leaves them asleep until a get.
//
// Python: assigning queue.Queue.maxsize.
func (q *Queue[T]) SetMaxsize(n int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.maxsize = n
	q.admit()
}
