package mp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync/atomic"
	"syscall"
	"time"
)

// ErrEOF is returned by [Connection.Recv] and the RecvBytes functions once
// the other end of the pipe is closed and every message it sent has been
// received (PC-06); also by a Recv blocked on a connection that another
// goroutine closes. It wraps [io.EOF], so errors.Is(err, io.EOF) holds.
//
// Python: EOFError.
var ErrEOF = fmt.Errorf("mp: %w", io.EOF)

// ErrBrokenPipe is returned by [Connection.Send] and the SendBytes
// functions when the other end of the pipe is closed; nothing was sent
// (PC-07). It wraps [syscall.EPIPE], errno 32 on Linux.
//
// Python: BrokenPipeError(32, 'Broken pipe').
var ErrBrokenPipe = fmt.Errorf("mp: %w", syscall.EPIPE)

// ErrBadMessageLength is returned by [RecvBytesMax] when the message is
// longer than the limit. The message is lost and the connection can no
// longer receive (PC-12).
//
// Python: OSError("bad message length").
var ErrBadMessageLength = errors.New("mp: bad message length")

// errDone is recv's answer when its done channel closed first.
var errDone = errors.New("mp: done")

// A Connection is one end of a [Pipe], sending and receiving messages of
// type T. Its methods may be called by many goroutines at once.
//
// Send does not copy: the message received is the value sent, so a
// pointer, a map or a slice is shared by both ends, as every goroutine
// shares memory (Python pickles, which copies). [SendBytes] copies its
// bytes.
//
// Python's send_bytes, recv_bytes and recv_bytes_into, which only a
// connection of []byte can have, are the functions [SendBytes],
// [SendBytesRange], [RecvBytes], [RecvBytesMax] and [RecvBytesInto].
// [Wait] waits for several connections at once.
//
// Python's `with conn:` is defer conn.Close() (PC-09).
//
// Python: multiprocessing.connection.Connection.
type Connection[T any] struct {
	in       *channel[T] // what this end receives; nil if it cannot
	out      *channel[T] // what this end sends; nil if it cannot
	readable bool        // set at creation
	writable bool
	unread   atomic.Bool // a bad message length made it unreadable (PC-12)
	closed   atomic.Bool
}

func (c *Connection[T]) checkClosed() {
	if c.closed.Load() {
		panic("mp: handle is closed (Python: OSError)")
	}
}

func (c *Connection[T]) checkReadable() {
	c.checkClosed()
	if !c.Readable() {
		panic("mp: connection is write-only (Python: OSError)")
	}
}

func (c *Connection[T]) checkWritable() {
	c.checkClosed()
	if !c.writable {
		panic("mp: connection is read-only (Python: OSError)")
	}
}

// Send sends v to the other end. It never blocks. It returns nil, or
// [ErrBrokenPipe] if the other end is closed (PC-07).
//
// Send panics with "mp: handle is closed (Python: OSError)" if c is closed
// (PC-08), and with "mp: connection is read-only (Python: OSError)" if c is
// the receiving end of a one-way pipe (PC-02).
//
// Python: multiprocessing.connection.Connection.send.
func (c *Connection[T]) Send(v T) error {
	c.checkWritable()
	return c.out.send(v)
}

// Recv returns the next message sent by the other end, blocking until
// there is one. Once the other end is closed and every message it sent has
// been received, Recv returns [ErrEOF] (PC-06).
//
// Recv panics with "mp: handle is closed (Python: OSError)" if c is closed
// (PC-08), and with "mp: connection is write-only (Python: OSError)" if c
// is the sending end of a one-way pipe (PC-02).
//
// Python: multiprocessing.connection.Connection.recv.
func (c *Connection[T]) Recv() (T, error) {
	c.checkReadable()
	v, _, err := c.in.recv(nil, true)
	return v, err
}

// RecvContext acts like [Connection.Recv] but gives up when ctx is done,
// returning ctx.Err() without having received anything. A message that is
// there is returned even when ctx is already done.
//
// Python: none (Go only).
func (c *Connection[T]) RecvContext(ctx context.Context) (T, error) {
	c.checkReadable()
	v, _, err := c.in.recv(doneOf(ctx), true)
	if err == errDone {
		err = ctx.Err()
	}
	return v, err
}

// Poll reports whether there is anything to receive: a message, or the end
// of the stream once the other end is closed (PC-06). It does not block
// and does not consume (PC-04).
//
// Poll panics as [Connection.Recv] does.
//
// Python: multiprocessing.connection.Connection.poll().
func (c *Connection[T]) Poll() bool {
	c.checkReadable()
	_, ok, _ := c.in.recv(closedChan, false)
	return ok
}

// PollTimeout acts like [Connection.Poll] but waits up to d for something
// to receive. A d of zero or less does not wait (PC-04).
//
// Python: multiprocessing.connection.Connection.poll(timeout).
func (c *Connection[T]) PollTimeout(d time.Duration) bool {
	if d <= 0 {
		return c.Poll()
	}
	c.checkReadable()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	_, ok, _ := c.in.recv(ctx.Done(), false)
	return ok
}

// PollContext acts like [Connection.Poll] but waits until there is
// something to receive or ctx is done; then it returns false and
// ctx.Err().
//
// Python: none (Go only); poll(None) is PollContext(context.Background()).
func (c *Connection[T]) PollContext(ctx context.Context) (bool, error) {
	c.checkReadable()
	_, ok, err := c.in.recv(doneOf(ctx), false)
	if err == errDone {
		return false, ctx.Err()
	}
	return ok, nil
}

// Close closes c: the other end receives what c sent and then [ErrEOF],
// and its sends fail with [ErrBrokenPipe]. A Recv blocked on c returns
// ErrEOF. Close may be called any number of times (PC-08).
//
// Python: multiprocessing.connection.Connection.close.
func (c *Connection[T]) Close() {
	if c.closed.Swap(true) {
		return
	}
	if c.in != nil {
		c.in.closeReceiver()
	}
	if c.out != nil {
		c.out.closeSender()
	}
}

// Closed reports whether c is closed.
//
// Python: multiprocessing.connection.Connection.closed.
func (c *Connection[T]) Closed() bool { return c.closed.Load() }

// Readable reports whether c can receive: false for the sending end of a
// one-way pipe, and after [RecvBytesMax] met too long a message (PC-12).
//
// Python: multiprocessing.connection.Connection.readable.
func (c *Connection[T]) Readable() bool { return c.readable && !c.unread.Load() }

// Writable reports whether c can send: false for the receiving end of a
// one-way pipe.
//
// Python: multiprocessing.connection.Connection.writable.
func (c *Connection[T]) Writable() bool { return c.writable }
