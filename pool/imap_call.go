package pool

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/pyconc/pyconc/internal/future"
	"github.com/pyconc/pyconc/internal/panics"
)

// imapCall is one IMap or IMapUnordered call. Its input is cut into
// chunks, each an engine task that calls the function on every item of
// the chunk and keeps each item's result or error. The loop (the
// consumer) yields the chunks in input order, or as they are done, each
// item in turn.
//
// A slice is cut and submitted at the call; an iterator is read by a
// feeder goroutine that submits each chunk as it fills, keeping at most
// window chunks ahead of the loop while the pool is running.
type imapCall[T, R any] struct {
	p          *Pool
	fn         func(T) (R, error)
	vfn        func(T) R
	cs         int  // chunk size
	ordered    bool // IMap, not IMapUnordered
	timeout    time.Duration
	hasTimeout bool
	window     int64

	head *segment[T, R] // the first segment, until the loop takes it (ordered)

	published atomic.Int64 // chunks submitted
	consumed  atomic.Int64 // chunks the loop has yielded
	inputDone atomic.Bool  // no chunk will be published any more
	inputErr  error        // why the input ended early; written before inputDone

	stopped atomic.Bool // the loop ended: skip what is left
	ranged  atomic.Bool

	doneStack  atomic.Pointer[imapChunk[T, R]] // unordered: chunks done, newest first
	waitingFor atomic.Pointer[imapChunk[T, R]] // the chunk the loop waits for, &anyChunk for any
	anyChunk   imapChunk[T, R]
	wake       chan struct{} // the loop's wake-up

	feedWaiting atomic.Bool
	feedWake    chan struct{} // the feeder's wake-up

	errMu sync.Mutex
	errs  map[errKey[T, R]]itemErr
}

// A segment holds chunks next to one another, and their items and
// results: for a slice, all of them, the items being the slice; for an
// iterator, up to slabItems items (one chunk, if the chunks are larger),
// in segments linked in order for an ordered loop.
type segment[T, R any] struct {
	c      *imapCall[T, R]
	items  []T
	out    []R
	chunks []imapChunk[T, R]
	next   atomic.Pointer[segment[T, R]]
}

// imapChunk is the engine task for n consecutive items of an IMap, from lo
// in its segment. It is small, as IMap's default is a chunk per item.
type imapChunk[T, R any] struct {
	seg   *segment[T, R]
	lo    int
	next  *imapChunk[T, R] // in doneStack
	n     int32
	state atomic.Uint32
}

// The bits of an imapChunk's state.
const (
	chunkDone    uint32 = 1 << iota // every item has its result or error
	chunkDropped                    // never run: every item has the error keyed -1
	chunkFailed                     // some item failed
	chunkReady   = chunkDone | chunkDropped
)

func (ch *imapChunk[T, R]) items() []T { return ch.seg.items[ch.lo : ch.lo+int(ch.n)] }
func (ch *imapChunk[T, R]) out() []R   { return ch.seg.out[ch.lo : ch.lo+int(ch.n)] }

type errKey[T, R any] struct {
	ch *imapChunk[T, R]
	i  int // the item in the chunk; -1 for a dropped chunk
}

// itemErr is an item's error; a panic has a Core of its own, so that the
// pool reports it when it ends if the loop never yielded it.
type itemErr struct {
	err  error
	core *future.Core[struct{}]
}

func (ch *imapChunk[T, R]) Run(func()) {
	c := ch.seg.c
	if c.halted() {
		return
	}
	c.runChunk(ch, 0)
}

// halted reports whether c's loop has ended or the pool was terminated:
// then nothing more of c need run.
func (c *imapCall[T, R]) halted() bool { return c.stopped.Load() || c.p.terminated() }

func (ch *imapChunk[T, R]) Drop(err error) {
	c := ch.seg.c
	c.setErr(ch, -1, err)
	c.chunkDone(ch, chunkDropped)
}

// runChunk runs items lo and after of ch, then marks ch done.
func (c *imapCall[T, R]) runChunk(ch *imapChunk[T, R], lo int) {
	for lo < int(ch.n) {
		lo = c.runFrom(ch, lo)
	}
	c.chunkDone(ch, chunkDone)
}

// runFrom calls the function on items lo and after of ch, keeping each
// result or error, until one panics; it returns the index to go on from.
// Once the loop has ended or the pool is terminated, it stops before the
// next item: no one will see the rest, and Terminate waits for the
// running items only.
// A panic is recovered once for the run of items, not once per item. An
// item that calls runtime.Goexit fails; the rest of the chunk is run
// here, as the goroutine unwinds, since nothing after runFrom will run.
func (c *imapCall[T, R]) runFrom(ch *imapChunk[T, R], lo int) (next int) {
	i, normal := lo, false
	defer func() {
		if normal {
			return
		}
		if x := recover(); x != nil {
			c.setErr(ch, i, panics.New(x))
			next = i + 1
			return
		}
		c.setErr(ch, i, panics.Goexit())
		c.runChunk(ch, i+1)
	}()
	items := ch.items()
	out := ch.out()[:len(items)]
	if vfn := c.vfn; vfn != nil {
		for ; i < len(items) && !c.halted(); i++ {
			out[i] = vfn(items[i])
		}
	} else {
		fn := c.fn
		for ; i < len(items) && !c.halted(); i++ {
			v, err := fn(items[i])
			if err != nil {
				c.setErr(ch, i, err)
				continue
			}
			out[i] = v
		}
	}
	normal = true
	return len(items)
}

// setErr records that item i of ch failed with err.
func (c *imapCall[T, R]) setErr(ch *imapChunk[T, R], i int, err error) {
	ie := itemErr{err: err}
	if pe, ok := err.(*panics.Error); ok {
		ie.core = new(future.Core[struct{}])
		ie.core.Init(future.KindMapResult, nil, nil, &c.p.report)
		ie.core.Finish(struct{}{}, pe)
	}
	c.errMu.Lock()
	if c.errs == nil {
		c.errs = make(map[errKey[T, R]]itemErr)
	}
	c.errs[errKey[T, R]{ch, i}] = ie
	c.errMu.Unlock()
	ch.state.Or(chunkFailed)
}

// takeErr returns the error of item i of ch, marking a panic observed.
func (c *imapCall[T, R]) takeErr(ch *imapChunk[T, R], i int) error {
	c.errMu.Lock()
	ie, ok := c.errs[errKey[T, R]{ch, i}]
	if ok && i >= 0 {
		delete(c.errs, errKey[T, R]{ch, i})
	}
	c.errMu.Unlock()
	if ie.core != nil {
		ie.core.Outcome()
	}
	return ie.err
}

// chunkDone makes ch, which has run or been dropped, available to the
// loop, unless the pool was terminated: then its results are not yielded.
func (c *imapCall[T, R]) chunkDone(ch *imapChunk[T, R], state uint32) {
	if c.p.terminated() {
		return
	}
	ch.state.Or(state)
	if !c.ordered {
		for {
			top := c.doneStack.Load()
			ch.next = top
			if c.doneStack.CompareAndSwap(top, ch) {
				break
			}
		}
	}
	if w := c.waitingFor.Load(); w == ch || w == &c.anyChunk {
		c.signal()
	}
}

// endInput records that no more chunks will be published, and why.
func (c *imapCall[T, R]) endInput(err error) {
	c.inputErr = err
	c.inputDone.Store(true)
	c.signal()
}

// signal wakes the loop, if it waits.
func (c *imapCall[T, R]) signal() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

func (c *imapCall[T, R]) signalFeeder() {
	select {
	case c.feedWake <- struct{}{}:
	default:
	}
}

// stop ends c when its loop ends: the chunks not started are skipped and
// the feeder stops reading.
func (c *imapCall[T, R]) stop() {
	c.stopped.Store(true)
	c.signalFeeder()
}

// consumedOne counts a chunk the loop has yielded, waking the feeder once
// it is half a window behind.
func (c *imapCall[T, R]) consumedOne() {
	n := c.consumed.Add(1)
	if c.feedWaiting.Load() && c.published.Load()-n <= c.window/2 {
		c.signalFeeder()
	}
}
