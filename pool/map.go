package pool

// Map calls fn on every item of xs in the workers of p and returns the
// results in input order, waiting for them all (PL-06). xs is a slice or an
// iter.Seq (see [Input]); an iterator is read to the end first, in the
// calling goroutine, as Python makes a list of it, and if it panics Map
// returns that [*PanicError] and runs nothing (PL-13). The only option is
// [ChunkSize]; without it the chunks are Python's default size.
//
// The items are split into chunks, each run by one worker, item after
// item. If an item's call panics (a [*PanicError]), Map fails with that
// error and no results, as Python's map raises the exception of a failed
// task (PL-15): the chunk stops at the failed item, chunks that have not
// started are skipped, chunks already running finish, and Map returns once
// none of its chunks is running, so nothing of the call runs after it
// returns (PL-27). If several items fail, the error is that of the lowest
// index among the items that ran. An empty input gives an empty, non-nil
// slice (PL-07).
//
// A pool that is not running returns [ErrNotRunning] without reading xs.
//
// As in Python, Map holds every item and every result at once, which may
// use much memory for a very long input; consider [IMap] or
// [IMapUnordered] with an explicit [ChunkSize] then.
//
// Python: multiprocessing.pool.Pool.map.
func Map[T, R any, S Input[T]](p *Pool, fn func(T) R, xs S, opts ...Option) ([]R, error) {
	return startMap[T](p, nil, fn, xs, forMap, "Map", opts).Get()
}

// MapErr is [Map] for a function that returns an error too: an item whose
// call returns a non-nil error fails the map as a panic does, and Map
// returns that error as it is.
//
// Python: multiprocessing.pool.Pool.map.
func MapErr[T, R any, S Input[T]](p *Pool, fn func(T) (R, error), xs S, opts ...Option) ([]R, error) {
	return startMap[T](p, fn, nil, xs, forMap, "MapErr", opts).Get()
}

// MapAsync is [Map] that returns at once: the [AsyncResult] becomes ready
// with all the results, or with the error Map would return. Besides
// [ChunkSize] it takes [Callback] (with a func([]R)) and [ErrorCallback];
// exactly one of them is called (PL-09). An iterator input is still read
// in the calling goroutine before MapAsync returns.
//
// Python: multiprocessing.pool.Pool.map_async.
func MapAsync[T, R any, S Input[T]](p *Pool, fn func(T) R, xs S, opts ...Option) *AsyncResult[[]R] {
	return &startMap[T](p, nil, fn, xs, forMapAsync, "MapAsync", opts).AsyncResult
}

// MapAsyncErr is [MapAsync] for a function that returns an error too (see
// [MapErr]).
//
// Python: multiprocessing.pool.Pool.map_async.
func MapAsyncErr[T, R any, S Input[T]](p *Pool, fn func(T) (R, error), xs S, opts ...Option) *AsyncResult[[]R] {
	return &startMap[T](p, fn, nil, xs, forMapAsync, "MapAsyncErr", opts).AsyncResult
}

// StarMap is [Map] for a function of two arguments: each item of args is
// a [Pair] whose First and Second are passed to fn (PL-08).
//
// Python: multiprocessing.pool.Pool.starmap.
func StarMap[A, B, R any, S Input[Pair[A, B]]](p *Pool, fn func(A, B) R, args S, opts ...Option) ([]R, error) {
	return startMap[Pair[A, B]](p, nil, star(fn), args, forMap, "StarMap", opts).Get()
}

// StarMapErr is [StarMap] for a function that returns an error too (see
// [MapErr]).
//
// Python: multiprocessing.pool.Pool.starmap.
func StarMapErr[A, B, R any, S Input[Pair[A, B]]](p *Pool, fn func(A, B) (R, error), args S, opts ...Option) ([]R, error) {
	return startMap[Pair[A, B]](p, starErr(fn), nil, args, forMap, "StarMapErr", opts).Get()
}

// StarMapAsync is [MapAsync] for a function of two arguments (see
// [StarMap]).
//
// Python: multiprocessing.pool.Pool.starmap_async.
func StarMapAsync[A, B, R any, S Input[Pair[A, B]]](p *Pool, fn func(A, B) R, args S, opts ...Option) *AsyncResult[[]R] {
	return &startMap[Pair[A, B]](p, nil, star(fn), args, forMapAsync, "StarMapAsync", opts).AsyncResult
}

// StarMapAsyncErr is [StarMapAsync] for a function that returns an error
// too (see [MapErr]).
//
// Python: multiprocessing.pool.Pool.starmap_async.
func StarMapAsyncErr[A, B, R any, S Input[Pair[A, B]]](p *Pool, fn func(A, B) (R, error), args S, opts ...Option) *AsyncResult[[]R] {
	return &startMap[Pair[A, B]](p, starErr(fn), nil, args, forMapAsync, "StarMapAsyncErr", opts).AsyncResult
}

// star adapts fn to take its arguments as a Pair: one closure per call.
func star[A, B, R any](fn func(A, B) R) func(Pair[A, B]) R {
	return func(ab Pair[A, B]) R { return fn(ab.First, ab.Second) }
}

func starErr[A, B, R any](fn func(A, B) (R, error)) func(Pair[A, B]) (R, error) {
	return func(ab Pair[A, B]) (R, error) { return fn(ab.First, ab.Second) }
}
