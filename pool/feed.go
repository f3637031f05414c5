package pool

import (
	"iter"

	"github.com/pyconc/pyconc/internal/input"
	"github.com/pyconc/pyconc/internal/panics"
)

// slabItems is how many items (and results) a segment read from an
// iterator holds, if its chunks are no larger: small chunks then cost no
// allocation each.
const slabItems = 256

// maxChunk bounds a chunk's size, which an imapChunk keeps in an int32.
const maxChunk = 1 << 30

// submitSlice cuts items into chunks and submits them all, in the
// calling goroutine: one segment, one slice of results.
func (c *imapCall[T, R]) submitSlice(items []T) {
	defer c.p.endFeed()
	n := len(items)
	if n == 0 {
		c.endInput(nil)
		return
	}
	seg := &segment[T, R]{c: c, items: items, out: make([]R, n),
		chunks: make([]imapChunk[T, R], numChunks(n, c.cs))}
	for k := range seg.chunks {
		ch := &seg.chunks[k]
		ch.seg, ch.lo, ch.n = seg, k*c.cs, int32(min(c.cs, n-k*c.cs))
	}
	c.head = seg
	var err error
	k := 0
	for ; k < len(seg.chunks); k++ {
		if err = c.p.eng.Submit(&seg.chunks[k]); err != nil {
			err = c.p.submitErr(err) // broken or terminated: the rest never runs
			break
		}
	}
	c.published.Store(int64(k))
	c.endInput(err)
}

// feeder is what the feeder goroutine of an iterator input keeps.
type feeder[T, R any] struct {
	c    *imapCall[T, R]
	seg  *segment[T, R] // where the chunk being filled goes
	used int            // chunks of seg published
	n    int            // items of seg filled
}

// newSegment returns an empty segment for chunks of c.cs items read from
// an iterator.
func (c *imapCall[T, R]) newSegment() *segment[T, R] {
	seg := &segment[T, R]{c: c}
	if c.cs > slabItems {
		seg.chunks = make([]imapChunk[T, R], 1)
		seg.items = make([]T, 0, slabItems) // grows; its results are made when it is full
	} else {
		k := slabItems / c.cs
		seg.chunks = make([]imapChunk[T, R], k)
		seg.items = make([]T, k*c.cs)
		seg.out = make([]R, k*c.cs)
	}
	return seg
}

// feed reads seq to its end, putting its first chunks in head (nil for
// an unordered loop), or until the loop stops or the pool is terminated,
// submitting each chunk as it fills. If seq panics, the items of the chunk
// being filled are lost and the loop ends with the panic after the chunks
// before it, as Python's imap raises the exception at the position of the
// chunk that failed (PL-13).
func (c *imapCall[T, R]) feed(seq iter.Seq[T], head *segment[T, R]) {
	defer c.p.feeders.Done()
	defer c.p.endFeed()
	normal := false
	defer func() {
		if !normal { // seq called runtime.Goexit
			c.endInput(panics.Goexit())
		}
	}()
	f := &feeder[T, R]{c: c, seg: head}
	err := input.Each(seq, f.add)
	normal = true
	if err == nil && f.seg != nil && f.n > f.used*c.cs && !c.stopped.Load() && !c.p.terminated() {
		f.publish()
	}
	c.endInput(err)
}

// add puts x in the chunk being filled, publishing the chunk once full. It
// reports whether to go on reading.
func (f *feeder[T, R]) add(x T) bool {
	c := f.c
	if c.stopped.Load() || c.p.terminated() {
		return false
	}
	if f.seg == nil || f.used == len(f.seg.chunks) {
		seg := c.newSegment()
		if f.seg != nil && c.ordered {
			f.seg.next.Store(seg)
		}
		f.seg, f.used, f.n = seg, 0, 0
	}
	if c.cs > slabItems {
		f.seg.items = append(f.seg.items, x)
	} else {
		f.seg.items[f.n] = x
	}
	f.n++
	if f.n < (f.used+1)*c.cs {
		return true
	}
	return f.publish() && c.throttle()
}

// publish submits the chunk being filled, reporting false if the engine
// refused it (the pool broke or was terminated); then the chunk is
// dropped, and its items yield the error.
func (f *feeder[T, R]) publish() bool {
	c, seg := f.c, f.seg
	if c.cs > slabItems {
		seg.out = make([]R, len(seg.items))
	}
	ch := &seg.chunks[f.used]
	lo := f.used * c.cs
	ch.seg, ch.lo, ch.n = seg, lo, int32(f.n-lo)
	f.used++
	// Published first: the loop may wait for this chunk as soon as it
	// can see it, and a worker may finish it before Submit returns.
	c.published.Add(1)
	if err := c.p.eng.Submit(ch); err != nil {
		ch.Drop(c.p.submitErr(err)) // broken or terminated: stop reading
		return false
	}
	return true
}

// throttle waits while the feeder is a window of chunks ahead of the
// loop, unless the pool is closed (then the input is read to its end, so
// that Join returns, as Python's task handler reads it). It reports
// whether to go on reading.
func (c *imapCall[T, R]) throttle() bool {
	armed := false
	for {
		if c.stopped.Load() || c.p.terminated() {
			return false
		}
		if c.published.Load()-c.consumed.Load() < c.window || c.p.isClosing() {
			if armed {
				c.feedWaiting.Store(false)
			}
			return true
		}
		if !armed { // then check again, so that no wake-up is lost
			c.feedWaiting.Store(true)
			armed = true
			continue
		}
		select {
		case <-c.feedWake:
		case <-c.p.closing:
		}
		armed = false
		c.feedWaiting.Store(false)
	}
}
