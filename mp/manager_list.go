package mp

import (
	"iter"
	"slices"
)

// A ListProxy is a list that lives in a [Manager], Python's ListProxy:
// every method is one call to the manager, atomic and visible to every
// process at once (MG-02, MG-03). Make one with [ManagerList].
//
// Indexes follow Python: a negative index counts from the end, and Slice
// and Insert clamp. An index out of range panics with Python's IndexError
// text, raised in the manager and again in the caller (MG-07). The
// methods that compare elements take a function, as slices.IndexFunc
// does: Python's l.index(x) is l.IndexFunc(func(y T) bool { return y == x }).
//
// Elements are stored as Go assigns them (see [DictProxy]); Python's
// l + [x], a plain list, is append(l.Copy(), x).
//
// Python: multiprocessing.managers.ListProxy.
type ListProxy[T any] struct {
	m  *Manager
	xs []T // touched only in the manager's goroutine
}

// ManagerList returns a new list living in m holding a copy of xs.
//
// Python: multiprocessing.managers.SyncManager.list.
func ManagerList[T any](m *Manager, xs ...T) *ListProxy[T] {
	l := &ListProxy[T]{m: m}
	m.call(func() { l.xs = slices.Clone(xs) })
	return l
}

func (l *ListProxy[T]) index(i int, text string) int {
	if i < 0 {
		i += len(l.xs)
	}
	if i < 0 || i >= len(l.xs) {
		panic(text)
	}
	return i
}

func (l *ListProxy[T]) clamp(i int) int {
	if i < 0 {
		i += len(l.xs)
	}
	return min(max(i, 0), len(l.xs))
}

// Append adds v at the end.
//
// Python: ListProxy.append.
func (l *ListProxy[T]) Append(v T) { l.m.call(func() { l.xs = append(l.xs, v) }) }

// Extend adds xs at the end, in one call. Python's l *= n is
// l.Extend(l.Copy()) n-1 times.
//
// Python: ListProxy.extend, ListProxy += xs.
func (l *ListProxy[T]) Extend(xs []T) { l.m.call(func() { l.xs = append(l.xs, xs...) }) }

// Get returns element i. It panics with "mp: list index out of range
// (Python: IndexError)" if there is none.
//
// Python: ListProxy[i].
func (l *ListProxy[T]) Get(i int) (v T) {
	l.m.call(func() { v = l.xs[l.index(i, "mp: list index out of range (Python: IndexError)")] })
	return v
}

// Set sets element i. It panics with "mp: list assignment index out of
// range (Python: IndexError)" if there is none.
//
// Python: ListProxy[i] = v.
func (l *ListProxy[T]) Set(i int, v T) {
	l.m.call(func() { l.xs[l.index(i, "mp: list assignment index out of range (Python: IndexError)")] = v })
}

// Len returns the number of elements.
//
// Python: len(ListProxy).
func (l *ListProxy[T]) Len() (n int) {
	l.m.call(func() { n = len(l.xs) })
	return n
}

// Slice returns a copy of the elements from lo up to hi; negative bounds
// count from the end and bounds out of range are clamped.
//
// Python: ListProxy[lo:hi].
func (l *ListProxy[T]) Slice(lo, hi int) (xs []T) {
	l.m.call(func() {
		lo, hi := l.clamp(lo), l.clamp(hi)
		xs = slices.Clone(l.xs[lo:max(lo, hi)])
	})
	return xs
}

// Copy returns a plain slice holding the elements.
//
// Python: ListProxy[:], list(ListProxy).
func (l *ListProxy[T]) Copy() (xs []T) {
	l.m.call(func() { xs = slices.Clone(l.xs) })
	return xs
}

// Pop removes and returns element i; Pop(-1) is the last. It panics with
// "mp: pop from empty list (Python: IndexError)" or "mp: pop index out of
// range (Python: IndexError)".
//
// Python: ListProxy.pop.
func (l *ListProxy[T]) Pop(i int) (v T) {
	l.m.call(func() {
		if len(l.xs) == 0 {
			panic("mp: pop from empty list (Python: IndexError)")
		}
		i := l.index(i, "mp: pop index out of range (Python: IndexError)")
		v = l.xs[i]
		l.xs = slices.Delete(l.xs, i, i+1)
	})
	return v
}

// Insert inserts v before element i, clamping i as Python does.
//
// Python: ListProxy.insert.
func (l *ListProxy[T]) Insert(i int, v T) {
	l.m.call(func() { l.xs = slices.Insert(l.xs, l.clamp(i), v) })
}

// IndexFunc returns the index of the first element for which f is true,
// or -1 (Python raises ValueError). f runs in the manager.
//
// Python: ListProxy.index.
func (l *ListProxy[T]) IndexFunc(f func(T) bool) (i int) {
	l.m.call(func() { i = slices.IndexFunc(l.xs, f) })
	return i
}

// CountFunc returns the number of elements for which f is true.
//
// Python: ListProxy.count.
func (l *ListProxy[T]) CountFunc(f func(T) bool) (n int) {
	l.m.call(func() {
		for _, x := range l.xs {
			if f(x) {
				n++
			}
		}
	})
	return n
}

// RemoveFunc removes the first element for which f is true, reporting
// whether there was one (Python raises ValueError).
//
// Python: ListProxy.remove.
func (l *ListProxy[T]) RemoveFunc(f func(T) bool) (ok bool) {
	l.m.call(func() {
		if i := slices.IndexFunc(l.xs, f); i >= 0 {
			l.xs, ok = slices.Delete(l.xs, i, i+1), true
		}
	})
	return ok
}

// Sort sorts the elements by cmp, keeping equal ones in order, as
// Python's sort is stable.
//
// Python: ListProxy.sort.
func (l *ListProxy[T]) Sort(cmp func(a, b T) int) {
	l.m.call(func() { slices.SortStableFunc(l.xs, cmp) })
}

// Reverse reverses the elements in place.
//
// Python: ListProxy.reverse.
func (l *ListProxy[T]) Reverse() { l.m.call(func() { slices.Reverse(l.xs) }) }

// All returns an iterator over the indexes and elements, each step one
// call to the manager, so it sees the writes made while it runs and stops
// at the end of the list as it is then (MG-03).
//
// Python: iter(ListProxy).
func (l *ListProxy[T]) All() iter.Seq2[int, T] {
	return func(yield func(int, T) bool) {
		for i := 0; ; i++ {
			var (
				v  T
				ok bool
			)
			l.m.call(func() {
				if i < len(l.xs) {
					v, ok = l.xs[i], true
				}
			})
			if !ok || !yield(i, v) {
				return
			}
		}
	}
}
