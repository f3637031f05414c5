package queue

// NewLifoQueue returns an empty queue that retrieves the most recently
// added item first, a stack. It holds at most maxsize items; a maxsize of
// zero or less means no limit (QQ-01).
//
// The result is a *[Queue] like every ordering's, so a LIFO queue goes
// wherever a Queue is expected, as a Python LifoQueue is a Queue; only the
// order in which Get returns items differs.
//
// Python: queue.LifoQueue.
func NewLifoQueue[T any](maxsize int) *Queue[T] {
	return &Queue[T]{custom: &lifo[T]{}, maxsize: maxsize}
}

// lifo is the store of [NewLifoQueue]: a slice used as a stack.
type lifo[T any] struct{ s []T }

func (l *lifo[T]) len() int    { return len(l.s) }
func (l *lifo[T]) push(item T) { l.s = append(l.s, item) }
func (l *lifo[T]) clear()      { l.s = nil }
func (l *lifo[T]) pop() (item T) {
	var zero T
	n := len(l.s) - 1
	item, l.s[n] = l.s[n], zero
	l.s = shrink(l.s[:n])
	return item
}
