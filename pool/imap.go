package pool

import (
	"iter"
	"time"

	"github.com/pyconc/pyconc/internal/input"
)

// IMap calls fn on every item of xs in the workers of p, as [Map] does,
// but returns at once, with a single-use iterator of the results in input
// order: for r, err := range pool.IMap(p, f, xs) reads like Python's for r
// in pool.imap(f, xs) (PL-11). The work starts at the call, as in Python,
// whether or not the iterator is used.
//
// Each item yields its own result, or its own error with the zero R: a
// failed item (a [*PanicError]) does not end the loop, which goes on with
// the next item, as Python's next() does after raising (PL-15). This
// holds inside a chunk too: every item of a chunk is run and yielded,
// where Python loses the rest of a chunk that raised and ends the
// iteration.
//
// xs is a slice, cut into chunks and queued at the call, or an iterator
// (see [Input]), read by one goroutine of the call that queues each chunk
// as it fills and stays a bounded number of chunks ahead of the loop while
// the pool is running (Python's task handler reads the whole input at
// once). If the iterator panics, the loop yields the results of the
// complete chunks before the panic, then the [*PanicError], then ends; the
// items of the chunk being filled are lost, as in Python (PL-13). The
// reading goroutine ends when the input ends, the loop ends or the pool is
// terminated.
//
// The options are [ChunkSize] (default 1, as in Python) and [Timeout]
// (how long to wait for each next result; without it the loop waits as
// long as it takes). As Python's documentation says, for very long inputs
// a large chunk size can make the job complete much faster than the
// default of 1. Breaking out of the loop skips the chunks that have
// not started and stops reading the input; a chunk already running stops
// after the item it is running. Ranging over the iterator a second time
// yields nothing, as an exhausted Python iterator does.
//
// If p is not running, the loop yields (zero, [ErrNotRunning]) and nothing
// runs; if p is terminated while the loop runs, the loop yields the
// results that were done by then, then (zero, [ErrTerminated]), and ends.
//
// Python: multiprocessing.pool.Pool.imap.
func IMap[T, R any, S Input[T]](p *Pool, fn func(T) R, xs S, opts ...Option) iter.Seq2[R, error] {
	return startIMap[T](p, nil, fn, xs, true, "IMap", opts)
}

// IMapErr is [IMap] for a function that returns an error too: an item
// whose call returns a non-nil error yields that error, as it is, with
// the zero R.
//
// Python: multiprocessing.pool.Pool.imap.
func IMapErr[T, R any, S Input[T]](p *Pool, fn func(T) (R, error), xs S, opts ...Option) iter.Seq2[R, error] {
	return startIMap[T](p, fn, nil, xs, true, "IMapErr", opts)
}

// IMapUnordered is [IMap] with the results in the order their chunks are
// done rather than in input order (PL-12): within a chunk they keep input
// order. An error of the input iterator comes after the results of every
// complete chunk before it.
//
// Python: multiprocessing.pool.Pool.imap_unordered.
func IMapUnordered[T, R any, S Input[T]](p *Pool, fn func(T) R, xs S, opts ...Option) iter.Seq2[R, error] {
	return startIMap[T](p, nil, fn, xs, false, "IMapUnordered", opts)
}

// IMapUnorderedErr is [IMapUnordered] for a function that returns an
// error too (see [IMapErr]).
//
// Python: multiprocessing.pool.Pool.imap_unordered.
func IMapUnorderedErr[T, R any, S Input[T]](p *Pool, fn func(T) (R, error), xs S, opts ...Option) iter.Seq2[R, error] {
	return startIMap[T](p, fn, nil, xs, false, "IMapUnorderedErr", opts)
}

func startIMap[T, R any, S Input[T]](p *Pool, fn func(T) (R, error), vfn func(T) R, xs S,
	ordered bool, call string, opts []Option) iter.Seq2[R, error] {
	cfg := configure(forIMap, call, opts)
	c := &imapCall[T, R]{
		p: p, fn: fn, vfn: vfn, cs: min(max(cfg.chunkSize, 1), maxChunk), ordered: ordered,
		timeout: cfg.timeout, hasTimeout: cfg.hasTimeout,
		window: int64(max(64, 16*p.size)),
		wake:   make(chan struct{}, 1), feedWake: make(chan struct{}, 1),
	}
	items, isSlice := input.Slice[T](xs)
	if !p.accept(true, !isSlice) {
		return func(yield func(R, error) bool) {
			var zero R
			yield(zero, ErrNotRunning)
		}
	}
	if isSlice {
		c.submitSlice(items)
	} else {
		if ordered {
			c.head = c.newSegment()
		}
		go c.feed(input.Seq[T](xs), c.head)
	}
	return c.all
}

// all is the iterator IMap returns.
func (c *imapCall[T, R]) all(yield func(R, error) bool) {
	if !c.ranged.CompareAndSwap(false, true) {
		return
	}
	defer c.stop()
	if c.ordered {
		c.inOrder(yield)
	} else {
		c.asDone(yield)
	}
}

// inOrder yields the chunks in input order.
func (c *imapCall[T, R]) inOrder(yield func(R, error) bool) {
	var zero R
	seg, base := c.head, 0
	c.head = nil // let the segments the loop has passed go
	w := waitState[T, R]{c: c}
	defer w.stop()
	for g := 0; ; g++ {
		var ch *imapChunk[T, R]
		for w.next(); ; {
			if int64(g) < c.published.Load() {
				for g-base >= len(seg.chunks) {
					base += len(seg.chunks)
					seg = seg.next.Load()
				}
				ch = &seg.chunks[g-base]
				if ch.state.Load()&chunkReady != 0 {
					break
				}
			} else if c.inputDone.Load() && int64(g) >= c.published.Load() {
				if c.inputErr != nil {
					yield(zero, c.inputErr)
				}
				return
			}
			if c.p.terminated() {
				yield(zero, ErrTerminated)
				return
			}
			target := ch
			if target == nil {
				target = &c.anyChunk
			}
			if !w.wait(target) {
				if !yield(zero, ErrTimeout) {
					return
				}
				w.next()
			}
		}
		if !c.yieldChunk(ch, yield) {
			return
		}
		c.consumedOne()
	}
}

// asDone yields the chunks as they are done.
func (c *imapCall[T, R]) asDone(yield func(R, error) bool) {
	var zero R
	var list *imapChunk[T, R] // done chunks, oldest first
	w := waitState[T, R]{c: c}
	defer w.stop()
	for {
		for w.next(); list == nil; {
			if top := c.doneStack.Swap(nil); top != nil {
				for top != nil { // reverse: oldest first
					next := top.next
					top.next, list = list, top
					top = next
				}
				break
			}
			if c.inputDone.Load() && c.consumed.Load() == c.published.Load() {
				if c.inputErr != nil {
					yield(zero, c.inputErr)
				}
				return
			}
			if c.p.terminated() {
				yield(zero, ErrTerminated)
				return
			}
			if !w.wait(&c.anyChunk) {
				if !yield(zero, ErrTimeout) {
					return
				}
				w.next()
			}
		}
		ch := list
		list, ch.next = ch.next, nil
		if !c.yieldChunk(ch, yield) {
			return
		}
		c.consumedOne()
	}
}

// yieldChunk yields the results of ch, which is done, reporting false if
// the loop stopped.
func (c *imapCall[T, R]) yieldChunk(ch *imapChunk[T, R], yield func(R, error) bool) bool {
	switch st := ch.state.Load(); {
	case st&chunkDropped != 0:
		var zero R
		err := c.takeErr(ch, -1)
		for range ch.n {
			if !yield(zero, err) {
				return false
			}
		}
	case st&chunkFailed == 0:
		for _, v := range ch.out() {
			if !yield(v, nil) {
				return false
			}
		}
	default:
		for i, v := range ch.out() {
			if !yield(v, c.takeErr(ch, i)) {
				return false
			}
		}
	}
	return true
}

// waitState is the loop's side of a wait for the next result.
type waitState[T, R any] struct {
	c      *imapCall[T, R]
	armed  *imapChunk[T, R] // what c.waitingFor holds, if not nil
	timing bool             // t runs for the current result
	t      *time.Timer
}

// next starts the wait for a new result: the loop is not waiting, and the
// Timeout starts afresh.
func (w *waitState[T, R]) next() {
	w.disarm()
	if w.timing {
		w.t.Stop()
		w.timing = false
	}
}

func (w *waitState[T, R]) disarm() {
	if w.armed != nil {
		w.c.waitingFor.Store(nil)
		w.armed = nil
	}
}

func (w *waitState[T, R]) stop() {
	w.disarm()
	if w.t != nil {
		w.t.Stop()
	}
}

// wait first arms the wake-up for target and returns true, so that the
// caller checks once more before it blocks (then no wake-up is lost);
// called again for the same target, it blocks until woken, returning
// true, or until the timeout for this result passes, returning false.
func (w *waitState[T, R]) wait(target *imapChunk[T, R]) bool {
	c := w.c
	if w.armed != target {
		c.waitingFor.Store(target)
		w.armed = target
		return true
	}
	defer w.disarm()
	if !c.hasTimeout {
		select {
		case <-c.wake:
		case <-c.p.killed:
		}
		return true
	}
	if c.timeout <= 0 {
		return false
	}
	if !w.timing {
		w.timing = true
		if w.t == nil {
			w.t = time.NewTimer(c.timeout)
		} else {
			w.t.Reset(c.timeout)
		}
	}
	select {
	case <-c.wake:
		return true
	case <-c.p.killed:
		return true
	case <-w.t.C:
		w.timing = false
		return false
	}
}
