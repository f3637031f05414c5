package mp

import (
	"iter"
	"strconv"
	"strings"

	"github.com/pyconc/pyconc/thread"
)

// A RawArray is a fixed-length array of numbers of type T shared by
// processes without a lock: Python's RawArray (SV-08). Like Python's, it
// is not safe for concurrent use: guard it with a lock of your own, or use
// an [Array].
//
// Indexes follow Python: a negative index counts from the end, and Slice
// clamps its bounds.
//
// Python: multiprocessing.RawArray.
type RawArray[T Number] struct {
	xs []T
}

// NewRawArray returns a RawArray holding a copy of xs. The only option is a
// [*Context].
//
// Python: multiprocessing.RawArray(typecode, sequence).
func NewRawArray[T Number](xs []T, opts ...Option) *RawArray[T] {
	configure("NewRawArray", opts)
	return &RawArray[T]{xs: append(make([]T, 0, len(xs)), xs...)}
}

// NewRawArrayLen returns a RawArray of n zeros.
//
// NewRawArrayLen panics with "mp: Array length must be >= 0, not -1
// (Python: ValueError)" if n is negative (SV-12).
//
// Python: multiprocessing.RawArray(typecode, size).
func NewRawArrayLen[T Number](n int, opts ...Option) *RawArray[T] {
	configure("NewRawArrayLen", opts)
	return &RawArray[T]{xs: makeArray[T](n)}
}

func makeArray[T Number](n int) []T {
	if n < 0 {
		panic("mp: Array length must be >= 0, not " + strconv.Itoa(n) + " (Python: ValueError)")
	}
	return make([]T, n)
}

// Len returns the number of elements of a.
//
// Python: len(multiprocessing.RawArray(...)).
func (a *RawArray[T]) Len() int { return len(a.xs) }

// index returns the position of Python's index i.
func (a *RawArray[T]) index(i int) int {
	if i < 0 {
		i += len(a.xs)
	}
	if i < 0 || i >= len(a.xs) {
		panic("mp: invalid index (Python: IndexError)")
	}
	return i
}

// bounds returns the positions of Python's slice [lo:hi], clamped.
func (a *RawArray[T]) bounds(lo, hi int) (int, int) {
	n := len(a.xs)
	clamp := func(i int) int {
		if i < 0 {
			i += n
		}
		return min(max(i, 0), n)
	}
	lo, hi = clamp(lo), clamp(hi)
	return lo, max(lo, hi)
}

// Get returns element i; a negative i counts from the end.
//
// Get panics with "mp: invalid index (Python: IndexError)" if i is out of
// range (SV-11).
//
// Python: multiprocessing.RawArray(...)[i].
func (a *RawArray[T]) Get(i int) T { return a.xs[a.index(i)] }

// Set sets element i to v; a negative i counts from the end. It panics
// as [RawArray.Get] does.
//
// Python: multiprocessing.RawArray(...)[i] = v.
func (a *RawArray[T]) Set(i int, v T) { a.xs[a.index(i)] = v }

// Slice returns a copy of the elements from lo up to hi, as Python's
// a[lo:hi] returns a list: negative bounds count from the end and bounds
// out of range are clamped, so Slice(0, a.Len()) is every element.
//
// Python: multiprocessing.RawArray(...)[lo:hi].
func (a *RawArray[T]) Slice(lo, hi int) []T {
	lo, hi = a.bounds(lo, hi)
	return append([]T{}, a.xs[lo:hi]...)
}

// SetSlice sets the elements from lo up to hi (bounds as for
// [RawArray.Slice]) to xs.
//
// SetSlice panics with "mp: Can only assign sequence of same size (Python:
// ValueError)" if xs has another length (SV-11).
//
// Python: multiprocessing.RawArray(...)[lo:hi] = xs.
func (a *RawArray[T]) SetSlice(lo, hi int, xs []T) {
	lo, hi = a.bounds(lo, hi)
	if len(xs) != hi-lo {
		panic("mp: Can only assign sequence of same size (Python: ValueError)")
	}
	copy(a.xs[lo:hi], xs)
}

// Values returns a copy of every element, Python's a[:] or list(a).
//
// Python: multiprocessing.RawArray(...)[:].
func (a *RawArray[T]) Values() []T { return append([]T{}, a.xs...) }

// All returns an iterator over the indexes and elements of a, reading each
// element when it is reached.
//
// Python: iter(multiprocessing.RawArray(...)).
func (a *RawArray[T]) All() iter.Seq2[int, T] {
	return func(yield func(int, T) bool) {
		for i := 0; i < len(a.xs); i++ {
			if !yield(i, a.xs[i]) {
				return
			}
		}
	}
}

// String returns a's ctypes type and its elements: "c_int_Array_3([1, 2,
// 3])". Python's repr gives an address instead of the elements.
//
// Python: repr(multiprocessing.RawArray(...)).
func (a *RawArray[T]) String() string {
	var b strings.Builder
	b.WriteString(ctypeName[T]() + "_Array_" + strconv.Itoa(len(a.xs)) + "([")
	for i, x := range a.xs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(reprOf(x))
	}
	b.WriteString("])")
	return b.String()
}

// An Array is a fixed-length array of numbers of type T shared by
// processes and guarded by a lock: Python's synchronized Array (SV-11).
// Make one with [NewArray] or [NewArrayLen]; by default its lock is a new
// [RLock] of its own, and [ValueLock] gives it another. Every method takes
// the lock, so each alone is safe for concurrent use; hold [Array.GetLock]
// to make several one step.
//
// Indexes follow Python, as for [RawArray]. The value and raw attributes
// of a 'c' array (SV-13) are the functions [ArrayBytes], [SetArrayBytes],
// [ArrayRaw] and [SetArrayRaw].
//
// Python: multiprocessing.Array.
type Array[T Number] struct {
	raw  RawArray[T]
	lock thread.Locker
}

// NewArray returns an Array holding a copy of xs, with a new [RLock] as its
// lock or the one given with [ValueLock]. The other option is a
// [*Context].
//
// Python's Array(typecode, xs, lock=False), the raw array (SV-06), is
// [NewRawArray].
//
// Python: multiprocessing.Array(typecode, sequence).
func NewArray[T Number](xs []T, opts ...Option) *Array[T] {
	return newArray("NewArray", append(make([]T, 0, len(xs)), xs...), opts)
}

// NewArrayLen returns an Array of n zeros, as [NewArray] does.
//
// NewArrayLen panics with "mp: Array length must be >= 0, not -1 (Python:
// ValueError)" if n is negative (SV-12).
//
// Python: multiprocessing.Array(typecode, size).
func NewArrayLen[T Number](n int, opts ...Option) *Array[T] {
	return newArray("NewArrayLen", makeArray[T](n), opts)
}

func newArray[T Number](call string, xs []T, opts []Option) *Array[T] {
	c := configure(call, opts)
	l := c.lock
	if l == nil {
		l = new(thread.RLock)
	}
	return &Array[T]{raw: RawArray[T]{xs: xs}, lock: l}
}

func (a *Array[T]) acquire() func() {
	a.lock.Acquire()
	return a.lock.Release
}

// Len returns the number of elements of a.
//
// Python: len(multiprocessing.Array(...)).
func (a *Array[T]) Len() int { return len(a.raw.xs) }

// Get returns element i under the lock, as [RawArray.Get] does.
//
// Python: multiprocessing.Array(...)[i].
func (a *Array[T]) Get(i int) T {
	defer a.acquire()()
	return a.raw.Get(i)
}

// Set sets element i under the lock, as [RawArray.Set] does.
//
// Python: multiprocessing.Array(...)[i] = v.
func (a *Array[T]) Set(i int, v T) {
	defer a.acquire()()
	a.raw.Set(i, v)
}

// Slice returns a copy of a[lo:hi] under the lock, as [RawArray.Slice]
// does.
//
// Python: multiprocessing.Array(...)[lo:hi].
func (a *Array[T]) Slice(lo, hi int) []T {
	defer a.acquire()()
	return a.raw.Slice(lo, hi)
}

// SetSlice sets a[lo:hi] under the lock, as [RawArray.SetSlice] does.
//
// Python: multiprocessing.Array(...)[lo:hi] = xs.
func (a *Array[T]) SetSlice(lo, hi int, xs []T) {
	defer a.acquire()()
	a.raw.SetSlice(lo, hi, xs)
}

// Values returns a copy of every element under the lock.
//
// Python: multiprocessing.Array(...)[:].
func (a *Array[T]) Values() []T {
	defer a.acquire()()
	return a.raw.Values()
}

// All returns an iterator over the indexes and elements of a, taking the
// lock for each element read, so it sees writes made while it runs, as
// iterating over Python's Array does.
//
// Python: iter(multiprocessing.Array(...)).
func (a *Array[T]) All() iter.Seq2[int, T] {
	return func(yield func(int, T) bool) {
		for i := 0; i < len(a.raw.xs); i++ {
			if !yield(i, a.Get(i)) {
				return
			}
		}
	}
}

// GetLock returns the lock that guards a (SV-05).
//
// Python: multiprocessing.Array(...).get_lock.
func (a *Array[T]) GetLock() thread.Locker { return a.lock }

// GetObj returns the raw array a wraps, to be used under a's lock.
//
// Python: multiprocessing.Array(...).get_obj.
func (a *Array[T]) GetObj() *RawArray[T] { return &a.raw }

// String returns "<SynchronizedArray wrapper for c_int_Array_3([1, 2,
// 3])>", taking the lock; Python's names an address instead of the
// elements.
//
// Python: repr(multiprocessing.Array(...)).
func (a *Array[T]) String() string {
	defer a.acquire()()
	return "<SynchronizedArray wrapper for " + a.raw.String() + ">"
}
