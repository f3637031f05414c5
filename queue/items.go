package queue

import "iter"

// Items returns a single-use iterator that calls [Queue.Get] until q is
// shut down and empty, yielding each item got. It blocks while q is empty
// and not shut down, so
//
//	for item := range q.Items() {
//		process(item)
//		q.TaskDone()
//	}
//
// is a worker loop that ends when the producer calls [Queue.Shutdown] and
// the remaining items have been got: the Go form of a Python daemon worker
// thread looping on get(), with nothing left running at exit.
//
// Breaking out of the loop stops getting: the item of the last iteration
// was got, nothing else is taken, and nothing is left running. Ranging over
// the iterator again goes on getting where the last loop stopped.
//
// Python: none (Go only).
func (q *Queue[T]) Items() iter.Seq[T] {
	return func(yield func(T) bool) {
		for {
			item, err := q.Get()
			if err != nil || !yield(item) {
				return
			}
		}
	}
}
