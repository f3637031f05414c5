package futures

import (
	"context"
	"iter"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/pyconc/pyconc/internal/future"
	"github.com/pyconc/pyconc/internal/input"
	"github.com/pyconc/pyconc/internal/panics"
)

// Input is what [Map] and [MapErr] accept: a slice of T, an iter.Seq[T],
// or any function of that shape, as Python's map accepts any iterable.
//
// Python: the iterables of concurrent.futures.Executor.map.
type Input[T any] = input.Of[T]

// Map calls fn on every item of items, on the workers of ex, and returns
// an iterator over the results in the order of the items (EX-09), each
// with a nil error. For a function that can fail, use [MapErr].
//
// Every call is submitted when Map is called, before any iteration, so
// the work is done even if the results are never read (EX-10). An
// iterator input is read to its end first. A slice input is not copied:
// it must not be modified until the results are in.
//
// Options: [Timeout] bounds the whole map, counted from the call (EX-12);
// [ChunkSize] sends the items to the workers n at a time (default 1,
// PP-02). Any other option panics.
//
// It returns a single-use iterator. A result that is not ready yet is
// waited for. The iteration ends after yielding an error, the only one it
// yields:
//   - a *[PanicError] if fn panicked on that item (EX-19);
//   - [ErrTimeout] if the result was not ready by the deadline (EX-12);
//   - [ErrCancelled] if the call was cancelled, by Shutdown with
//     [CancelFutures];
//   - the error Submit would return ([ErrShutdown], [ErrBrokenExecutor])
//     at the first item that could not be submitted: the results before
//     it are yielded first;
//   - a *PanicError after the last item, if the items iterator panicked:
//     the items read before the panic are mapped as usual.
//
// When the iteration ends early, on an error or because the loop body
// breaks, every call not yet started is cancelled, so it never runs
// (EX-11, EX-13); calls already running finish. Once a result has been
// yielded, the iterator keeps no reference to it (EX-15).
//
// Python: concurrent.futures.Executor.map.
func Map[T, R any, S Input[T]](ex Executor, fn func(T) R, items S, opts ...Option) iter.Seq2[R, error] {
	return startMap(ex, nil, fn, items, opts)
}

// MapErr acts like [Map] for a function that returns an error as well:
// the first failing item's error is yielded at its position, after the
// results before it, and ends the iteration (EX-11). Within one chunk
// ([ChunkSize]) the items after a failing one are not called.
//
// Python: concurrent.futures.Executor.map.
func MapErr[T, R any, S Input[T]](ex Executor, fn func(T) (R, error), items S, opts ...Option) iter.Seq2[R, error] {
	return startMap(ex, fn, nil, items, opts)
}

// A mapping is one call of Map: its items, their results, and its chunks,
// each of which is one engine task. The chunks, and so the tasks, are one
// allocation, whatever the number of items.
type mapping[T, R any] struct {
	in     []T
	out    []R
	fn     func(T) (R, error) // MapErr's function, or nil
	vfn    func(T) R          // Map's function, or nil
	chunks []mapChunk[T, R]

	submitted int   // chunks queued
	tail      error // the error after the submitted chunks, if any
	deadline  time.Time
	timed     bool
	used      atomic.Bool // the iterator has run
}

// A mapChunk is the items in[lo:hi] of a mapping. Its core is done when
// they are: its value counts the items that succeeded, from lo, and its
// error is the error of the next one.
type mapChunk[T, R any] struct {
	c      future.Core[int]
	m      *mapping[T, R]
	lo, hi int
}

// startMap submits a Map or MapErr call and returns its iterator.
func startMap[T, R any, S Input[T]](ex Executor, fn func(T) (R, error), vfn func(T) R, items S, opts []Option) iter.Seq2[R, error] {
	o := parseOptions("Map", optTimeout|optChunkSize, opts)
	m := &mapping[T, R]{fn: fn, vfn: vfn}
	if o.has(optTimeout) {
		m.deadline, m.timed = time.Now().Add(o.timeout), true
	}
	size := max(o.chunkSize, 1)
	m.in, m.tail = input.Collect[T](items)
	m.out = make([]R, len(m.in))
	m.chunks = make([]mapChunk[T, R], (len(m.in)+size-1)/size)
	e := ex.base()
	for k := range m.chunks {
		ch := &m.chunks[k]
		ch.m, ch.lo, ch.hi = m, k*size, min((k+1)*size, len(m.in))
		ch.c.Init(future.KindFuture, nil, nil, &e.report)
		if err := e.eng.Submit(ch); err != nil {
			m.tail = e.submitErr(err)
			break
		}
		m.submitted++
	}
	runtime.KeepAlive(ex) // its cleanup would close the engine
	return m.results
}

// results is the iterator Map returns.
func (m *mapping[T, R]) results(yield func(R, error) bool) {
	if m.used.Swap(true) {
		return // single use: a second loop sees an exhausted iterator
	}
	var zero R
	k := 0
	defer func() {
		// Ended early: the calls not started never will be (EX-13).
		for ; k < m.submitted; k++ {
			m.chunks[k].c.Cancel()
		}
	}()
	for ; k < m.submitted; k++ {
		ch := &m.chunks[k]
		if !m.wait(&ch.c) {
			yield(zero, ErrTimeout)
			return
		}
		n, err := ch.c.Outcome()
		for i := ch.lo; i < ch.lo+n; i++ {
			v := m.out[i]
			m.out[i] = zero // keep no reference to what was yielded (EX-15)
			if !yield(v, nil) {
				k++
				return
			}
		}
		if err != nil {
			k++
			yield(zero, err)
			return
		}
	}
	if m.tail != nil {
		yield(zero, m.tail)
	}
}

// wait waits for c until the map's deadline, reporting whether it is done.
func (m *mapping[T, R]) wait(c *future.Core[int]) bool {
	if c.IsDone() {
		return true
	}
	if m.timed {
		return c.WaitTimeout(time.Until(m.deadline))
	}
	_ = c.Wait(context.Background())
	return true
}

// Run calls the function on the chunk's items, in a worker, unless the
// chunk was cancelled. A panic or a runtime.Goexit fails the item it
// happened on; the items after a failure are not called.
func (ch *mapChunk[T, R]) Run(free func()) {
	if !ch.c.SetRunning() {
		return
	}
	m := ch.m
	i := ch.lo
	normal := false
	defer func() {
		if normal {
			return
		}
		if v := recover(); v != nil {
			err := panics.New(v)
			free() // idle before the chunk is seen done, as after a return (TP-02)
			ch.c.Finish(i-ch.lo, err)
			return
		}
		ch.c.Finish(i-ch.lo, panics.Goexit()) // not free: the worker is ending
	}()
	if m.vfn != nil {
		for ; i < ch.hi; i++ {
			m.out[i] = m.vfn(m.in[i])
		}
	} else {
		for ; i < ch.hi; i++ {
			v, err := m.fn(m.in[i])
			if err != nil {
				normal = true
				free()
				ch.c.Finish(i-ch.lo, err)
				return
			}
			m.out[i] = v
		}
	}
	normal = true
	free()
	ch.c.Finish(ch.hi-ch.lo, nil)
}

// Drop fails the chunk: the engine broke before running it.
func (ch *mapChunk[T, R]) Drop(err error) { ch.c.Drop(err) }

// Cancel cancels the chunk if it has not started.
func (ch *mapChunk[T, R]) Cancel() bool { return ch.c.Cancel() }
