package pool

import (
	"sync"
	"sync/atomic"

	"github.com/pyconc/pyconc/internal/future"
	"github.com/pyconc/pyconc/internal/input"
	"github.com/pyconc/pyconc/internal/panics"
)

// mapCall is one Map, MapAsync or StarMap call: one result, and the
// chunks of its input, each an engine task.
//
// A chunk that starts after an item of the call has failed is skipped;
// the result is set once every chunk has ended, or, after a failure, once
// no chunk is running, so a failed map does not wait for its queued
// chunks to be skipped.
type mapCall[T, R any] struct {
	AsyncResult[[]R]
	fn    func(T) (R, error)
	vfn   func(T) R
	items []T
	out   []R

	left     atomic.Int64 // chunks that have not ended
	running  atomic.Int64 // chunks running now
	failed   atomic.Bool  // an item failed, or a chunk was dropped
	finished atomic.Bool  // finish has run

	mu    sync.Mutex
	errAt int // the index of the failed item, lowest first
	err   error
}

// mapChunk is the engine task for items lo to hi of a map.
type mapChunk[T, R any] struct {
	m      *mapCall[T, R]
	lo, hi int
}

// Run runs the chunk's items, unless the call has failed or the pool was
// terminated. While it runs, the call is in a slot, where Terminate finds
// it.
func (ch *mapChunk[T, R]) Run(func()) {
	m := ch.m
	defer m.p.leave(m.p.enter(&m.tn))
	m.running.Add(1)
	if m.p.terminated() {
		m.terminate()
	}
	if !m.failed.Load() && !m.c.IsDone() {
		m.runItems(ch.lo, ch.hi)
	}
	m.end(-1)
}

func (ch *mapChunk[T, R]) Drop(err error) {
	ch.m.fail(ch.lo, err)
	ch.m.end(0)
}

// runItems calls the function on items lo to hi, stopping at the first
// that fails, or before the next item once the pool is terminated (the
// result has failed then, and Terminate waits for the running items
// only). A panic is recovered once for the chunk, not once per item;
// runtime.Goexit fails the item and ends the chunk here, since the worker
// goroutine then ends.
func (m *mapCall[T, R]) runItems(lo, hi int) {
	i, normal := lo, false
	defer func() {
		if normal {
			return
		}
		if x := recover(); x != nil {
			m.fail(i, panics.New(x))
			return
		}
		m.fail(i, panics.Goexit())
		m.end(-1)
	}()
	items := m.items[:hi]
	out := m.out[:len(items)]
	p := m.p
	if vfn := m.vfn; vfn != nil {
		for ; i < len(items) && !p.terminated(); i++ {
			out[i] = vfn(items[i])
		}
	} else {
		fn := m.fn
		for ; i < len(items) && !p.terminated(); i++ {
			v, err := fn(items[i])
			if err != nil {
				m.fail(i, err)
				break
			}
			out[i] = v
		}
	}
	normal = true
}

// fail records that item i failed with err; the lowest index wins.
func (m *mapCall[T, R]) fail(i int, err error) {
	m.mu.Lock()
	if m.err == nil || i < m.errAt {
		m.err, m.errAt = err, i
	}
	m.mu.Unlock()
	m.failed.Store(true)
}

// end accounts for a chunk that has ended; delta is -1 if it was counted
// as running.
//
// After a failure it reads failed before running: a chunk starts by
// counting itself running and then reading failed, so either that chunk
// sees the failure and skips its items, or this sees it running and
// leaves the finish to it. Reading running first (from the Add) let a
// chunk start between the two reads and run its items while finish
// dropped them.
func (m *mapCall[T, R]) end(delta int64) {
	m.running.Add(delta)
	if m.left.Add(-1) == 0 || m.failed.Load() && m.running.Load() == 0 {
		m.finish()
	}
}

// finish sets the result: the outputs, or the error of the lowest failed
// item. No chunk is running; any that starts later is skipped, so the
// call's references to the items and the function can go (PL-28).
func (m *mapCall[T, R]) finish() {
	if !m.finished.CompareAndSwap(false, true) {
		return
	}
	m.mu.Lock()
	err := m.err
	m.mu.Unlock()
	out := m.out
	m.items, m.out, m.fn, m.vfn = nil, nil, nil, nil
	if err != nil {
		out = nil
	}
	m.settle(out, err)
}

// startMap starts a map of fn (or vfn) over xs and returns its call.
func startMap[T, R any, S Input[T]](p *Pool, fn func(T) (R, error), vfn func(T) R, xs S,
	where scope, call string, opts []Option) *mapCall[T, R] {
	cfg := configure(where, call, opts)
	m := &mapCall[T, R]{fn: fn, vfn: vfn}
	m.init(p, future.KindMapResult, &cfg, call)
	if !m.accept(true) {
		return m
	}
	normal := false
	defer func() {
		if !normal { // the input iterator called runtime.Goexit
			m.settle(nil, panics.Goexit())
		}
		p.endFeed()
	}()
	// Python's map makes a list of its input before it sends any task, so
	// an input that fails fails the call, and nothing runs (PL-13).
	items, err := input.Collect[T](xs)
	normal = true
	if err != nil {
		m.settle(nil, err)
		return m
	}
	n := len(items)
	if n == 0 {
		m.settle([]R{}, nil) // PL-07
		return m
	}
	cs := cfg.chunkSize
	if cs == 0 {
		cs = defaultChunkSize(n, p.size)
	}
	m.items, m.out = items, make([]R, n)
	chunks := make([]mapChunk[T, R], numChunks(n, cs))
	m.left.Store(int64(len(chunks)))
	for k := range chunks {
		chunks[k] = mapChunk[T, R]{m, k * cs, min((k+1)*cs, n)}
	}
	for k := range chunks {
		if err := p.eng.Submit(&chunks[k]); err != nil {
			// Broken or terminated: the rest will never run.
			for k := k; k < len(chunks); k++ {
				chunks[k].Drop(p.submitErr(err))
			}
			break
		}
	}
	return m
}
