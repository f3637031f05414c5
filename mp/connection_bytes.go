package mp

import "fmt"

// A BufferTooShortError is returned by [RecvBytesInto] when the message
// does not fit in the buffer. Message holds the whole message, which has
// been received (PC-11).
//
// Python: multiprocessing.BufferTooShort, whose args are (message,).
type BufferTooShortError struct {
	Message []byte
}

// Error returns "mp: buffer too short for a message of N bytes".
//
// Python: str(multiprocessing.BufferTooShort).
func (e *BufferTooShortError) Error() string {
	return fmt.Sprintf("mp: buffer too short for a message of %d bytes", len(e.Message))
}

// SendBytes sends a copy of buf as one message, so that the caller may
// reuse buf at once. It fails as [Connection.Send] does.
//
// Python: multiprocessing.connection.Connection.send_bytes(buf).
func SendBytes(c *Connection[[]byte], buf []byte) error {
	c.checkWritable()
	return c.out.send(append([]byte{}, buf...))
}

// SendBytesRange sends a copy of buf[offset:offset+size] as one message.
// An offset of len(buf) sends an empty message (PC-10).
//
// SendBytesRange panics with Python's ValueError texts: "mp: offset is
// negative (Python: ValueError)", "mp: buffer length < offset (Python:
// ValueError)", "mp: size is negative (Python: ValueError)", "mp: buffer
// length < offset + size (Python: ValueError)".
//
// Python: multiprocessing.connection.Connection.send_bytes(buf, offset, size).
func SendBytesRange(c *Connection[[]byte], buf []byte, offset, size int) error {
	c.checkWritable()
	switch n := len(buf); {
	case offset < 0:
		panic("mp: offset is negative (Python: ValueError)")
	case n < offset:
		panic("mp: buffer length < offset (Python: ValueError)")
	case size < 0:
		panic("mp: size is negative (Python: ValueError)")
	case offset+size > n:
		panic("mp: buffer length < offset + size (Python: ValueError)")
	}
	return c.out.send(append([]byte{}, buf[offset:offset+size]...))
}

// RecvBytes acts like [Connection.Recv] on a connection of byte messages
// (PC-03).
//
// Python: multiprocessing.connection.Connection.recv_bytes().
func RecvBytes(c *Connection[[]byte]) ([]byte, error) { return c.Recv() }

// RecvBytesMax acts like [RecvBytes], but a message longer than maxlength
// is not returned: RecvBytesMax returns [ErrBadMessageLength], the message
// is lost, and c can no longer receive: a duplex connection becomes
// write-only, a receiving-only one is closed (PC-12).
//
// RecvBytesMax panics with "mp: negative maxlength (Python: ValueError)"
// if maxlength is negative.
//
// Python: multiprocessing.connection.Connection.recv_bytes(maxlength).
func RecvBytesMax(c *Connection[[]byte], maxlength int) ([]byte, error) {
	c.checkReadable()
	if maxlength < 0 {
		panic("mp: negative maxlength (Python: ValueError)")
	}
	b, err := c.Recv()
	if err != nil {
		return nil, err
	}
	if len(b) > maxlength {
		if c.writable {
			c.unread.Store(true)
		} else {
			c.Close()
		}
		return nil, ErrBadMessageLength
	}
	return b, nil
}

// RecvBytesInto receives a message into buf[offset:] and returns its
// length. If it does not fit, RecvBytesInto returns a
// [*BufferTooShortError] holding the message, which was received all the
// same (PC-11).
//
// RecvBytesInto panics with "mp: negative offset (Python: ValueError)" or
// "mp: offset too large (Python: ValueError)" if offset is outside buf.
//
// Python: multiprocessing.connection.Connection.recv_bytes_into.
func RecvBytesInto(c *Connection[[]byte], buf []byte, offset int) (int, error) {
	c.checkReadable()
	switch {
	case offset < 0:
		panic("mp: negative offset (Python: ValueError)")
	case offset > len(buf):
		panic("mp: offset too large (Python: ValueError)")
	}
	b, err := c.Recv()
	if err != nil {
		return 0, err
	}
	if len(buf)-offset < len(b) {
		return 0, &BufferTooShortError{Message: b}
	}
	return copy(buf[offset:], b), nil
}
