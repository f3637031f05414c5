package pool

import "github.com/pyconc/pyconc/internal/input"

// Input is the constraint on the items of [Map], [IMap], [StarMap] and
// their other forms: a slice of T, an iter.Seq[T], or any type with one of
// those underlying types. Python's map accepts any iterable.
//
// Python: the iterable argument of multiprocessing.pool.Pool.map.
type Input[T any] = input.Of[T]

// Pair is one item of [StarMap]: the two arguments of one call.
//
// Python: the argument tuples of multiprocessing.pool.Pool.starmap.
type Pair[A, B any] struct {
	First  A
	Second B
}
