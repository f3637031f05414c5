package mp

import (
	"context"
	"runtime"
	"sync"
)

// Pipe returns a pair of connected [Connection] values, the two ends of a
// pipe. By default the pipe is duplex: each end sends what the other
// receives (PC-01). With Duplex(false) it is one-way: the first connection
// can only receive and the second can only send (PC-02), Python's
// (reader, writer). The other option is a [*Context].
//
// A message sent is delivered whole, once, in order (PC-05). The buffer
// between the ends has no limit, so Send never blocks; Python's blocks
// while the operating system's pipe buffer is full.
//
// Python: multiprocessing.Pipe.
func Pipe[T any](opts ...Option) (*Connection[T], *Connection[T]) {
	c := configure("Pipe", opts)
	ab := new(channel[T])
	if c.oneWay {
		return &Connection[T]{in: ab, readable: true}, &Connection[T]{out: ab, writable: true}
	}
	ba := new(channel[T])
	return &Connection[T]{in: ba, out: ab, readable: true, writable: true},
		&Connection[T]{in: ab, out: ba, readable: true, writable: true}
}

// A channel is one direction of a pipe: the messages sent and not yet
// received, and whether either end is closed.
//
// A receiver that must wait counts itself in waiting and blocks on
// signal, which has room for one token. A sender or closer puts a token
// only when someone waits; a waiter that wakes and leaves something for
// others (a message, or the end of the stream) passes the token on, so no
// waiter sleeps through a message.
type channel[T any] struct {
	mu      sync.Mutex
	items   []T // items[head:] are the messages
	head    int
	eof     bool // the sending end is closed
	gone    bool // the receiving end is closed
	waiting int
	signal  chan struct{}
}

// spins is how many times a receiver yields the processor before it
// waits, in case the sender is about to send: a ping-pong then rarely
// sleeps.
const spins = 2

// sig returns the signal channel, making it first. It is called with mu
// held.
func (c *channel[T]) sig() chan struct{} {
	if c.signal == nil {
		c.signal = make(chan struct{}, 1)
	}
	return c.signal
}

// wake puts a token for a waiter, if one waits. It is called with mu held.
func (c *channel[T]) wake() {
	if c.waiting > 0 {
		select {
		case c.sig() <- struct{}{}:
		default:
		}
	}
}

// ready reports whether a receive would not block. It is called with mu
// held.
func (c *channel[T]) ready() bool { return c.head < len(c.items) || c.eof || c.gone }

// send appends v, or returns ErrBrokenPipe if the receiving end is closed
// (PC-07).
func (c *channel[T]) send(v T) error {
	c.mu.Lock()
	if c.gone {
		c.mu.Unlock()
		return ErrBrokenPipe
	}
	c.items = append(c.items, v)
	c.wake()
	c.mu.Unlock()
	return nil
}

// pop removes and returns the first message. It is called with mu held and
// a message there.
func (c *channel[T]) pop() T {
	var zero T
	v := c.items[c.head]
	c.items[c.head] = zero
	c.head++
	switch {
	case c.head == len(c.items):
		c.items, c.head = c.items[:0], 0
	case c.head >= 1024 && c.head*2 >= len(c.items):
		n := copy(c.items, c.items[c.head:])
		clear(c.items[n:])
		c.items, c.head = c.items[:n], 0
	}
	return v
}

// recv removes and returns the first message, waiting for one until done
// is closed (never if done is nil). If take is false it only waits, and
// reports with ok whether a message or the end is there. It returns
// errDone if done was closed first, and ErrEOF once the stream has ended.
func (c *channel[T]) recv(done <-chan struct{}, take bool) (v T, ok bool, err error) {
	c.mu.Lock()
	for spin := 0; ; spin++ {
		if c.head < len(c.items) {
			if take {
				v = c.pop()
			}
			if c.ready() {
				c.wake() // leave the rest to the next waiter
			}
			c.mu.Unlock()
			return v, true, nil
		}
		if c.eof || c.gone {
			c.wake()
			c.mu.Unlock()
			return v, true, ErrEOF
		}
		if done == closedChan {
			c.mu.Unlock()
			return v, false, errDone
		}
		if spin < spins {
			c.mu.Unlock()
			runtime.Gosched()
			c.mu.Lock()
			continue
		}
		c.waiting++
		sig := c.sig()
		c.mu.Unlock()
		if done == nil {
			<-sig
		} else {
			select {
			case <-sig:
			case <-done:
				c.mu.Lock()
				c.waiting--
				ready := c.ready()
				if ready {
					c.wake()
				}
				c.mu.Unlock()
				if !ready {
					return v, false, errDone
				}
				c.mu.Lock()
				continue
			}
		}
		c.mu.Lock()
		c.waiting--
	}
}

// closeSender ends the stream: once the messages left are received, the
// receiver gets ErrEOF (PC-06).
func (c *channel[T]) closeSender() {
	c.mu.Lock()
	c.eof = true
	c.wake()
	c.mu.Unlock()
}

// closeReceiver closes the receiving end: the messages left are dropped,
// later sends fail with ErrBrokenPipe, and receivers blocked on this end
// wake with ErrEOF.
func (c *channel[T]) closeReceiver() {
	c.mu.Lock()
	c.gone = true
	clear(c.items)
	c.items, c.head = nil, 0
	c.wake()
	c.mu.Unlock()
}

// closedChan is a closed channel: a done that is done already.
var closedChan = func() chan struct{} {
	ch := make(chan struct{})
	close(ch)
	return ch
}()

// doneOf returns the done channel of ctx for recv: closedChan if ctx is
// done already, so that recv does not wait.
func doneOf(ctx context.Context) <-chan struct{} {
	if ctx.Err() != nil {
		return closedChan
	}
	return ctx.Done()
}
