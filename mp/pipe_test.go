package mp_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"slices"
	"syscall"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pyconc/pyconc/mp"
)

// PC-01, PC-03
// CPython: Lib/test/_test_multiprocessing.py _TestConnection.test_connection
func TestPipeDuplex(t *testing.T) {
	a, b := mp.Pipe[any]()
	defer a.Close()
	defer b.Close()
	for _, c := range []*mp.Connection[any]{a, b} {
		if !c.Readable() || !c.Writable() || c.Closed() {
			t.Errorf("Readable, Writable, Closed = %v, %v, %v; want true, true, false", c.Readable(), c.Writable(), c.Closed())
		}
	}
	seqs := []any{[]int{1, 2, 3}, "hello", 3.5, nil, map[string]int{"a": 1}}
	p := inProcess(func() {
		for {
			v, err := b.Recv()
			if err != nil {
				return
			}
			if err := b.Send(v); err != nil {
				return
			}
		}
	})
	for _, v := range seqs {
		if err := a.Send(v); err != nil {
			t.Fatalf("Send(%v) = %v", v, err)
		}
		got, err := a.Recv()
		if err != nil || !cmp.Equal(got, v) {
			t.Errorf("Recv() = %v, %v; want %v, nil", got, err, v)
		}
	}
	a.Close()
	p.Join()
}

// PC-02
// CPython: Lib/test/_test_multiprocessing.py _TestConnection.test_duplex_false
func TestPipeOneWay(t *testing.T) {
	reader, writer := mp.Pipe[int](mp.Duplex(false))
	defer reader.Close()
	defer writer.Close()
	if !reader.Readable() || reader.Writable() || writer.Readable() || !writer.Writable() {
		t.Errorf("reader %v %v, writer %v %v", reader.Readable(), reader.Writable(), writer.Readable(), writer.Writable())
	}
	if err := writer.Send(1); err != nil {
		t.Fatal(err)
	}
	if v, err := reader.Recv(); v != 1 || err != nil {
		t.Errorf("Recv() = %v, %v", v, err)
	}
	mustPanic(t, "mp: connection is read-only (Python: OSError)", func() { _ = reader.Send(2) })
	mustPanic(t, "mp: connection is write-only (Python: OSError)", func() { _, _ = writer.Recv() })
	mustPanic(t, "mp: connection is write-only (Python: OSError)", func() { writer.Poll() })
	mustPanic(t, "mp: connection is write-only (Python: OSError)", func() { writer.PollTimeout(time.Second) })
	mustPanic(t, "mp: Name is not an option of Pipe", func() { mp.Pipe[int](mp.Name("x")) })
}

// PC-03: byte messages round-trip, a 16 MiB one included.
func TestPipeBytes(t *testing.T) {
	a, b := mp.Pipe[[]byte]()
	defer a.Close()
	defer b.Close()
	big := bytes.Repeat([]byte("x"), 16<<20)
	for _, msg := range [][]byte{[]byte("abcd"), {}, big} {
		if err := mp.SendBytes(a, msg); err != nil {
			t.Fatal(err)
		}
		got, err := mp.RecvBytes(b)
		if err != nil || !bytes.Equal(got, msg) {
			t.Errorf("RecvBytes() = %d bytes, %v; want %d bytes", len(got), err, len(msg))
		}
	}
	// SendBytes copies: the sender may reuse its buffer.
	buf := []byte("abc")
	_ = mp.SendBytes(a, buf)
	buf[0] = 'z'
	if got, _ := mp.RecvBytes(b); string(got) != "abc" {
		t.Errorf("RecvBytes() = %q; want \"abc\"", got)
	}
	// Send does not copy: the slice is the one sent.
	_ = a.Send(buf)
	got, _ := b.Recv()
	if &got[0] != &buf[0] {
		t.Error("Send copied its []byte")
	}
}

// PC-04
// CPython: Lib/test/_test_multiprocessing.py _TestConnection.test_connection, _TestPoll.test_dont_merge
func TestPipePoll(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a, b := mp.Pipe[string]()
		defer a.Close()
		defer b.Close()
		start := time.Now()
		if b.Poll() || b.PollTimeout(-time.Second) || b.PollTimeout(0) {
			t.Error("Poll on an empty pipe = true")
		}
		if d := time.Since(start); d != 0 {
			t.Errorf("Poll() took %v", d)
		}
		if b.PollTimeout(100 * time.Millisecond) {
			t.Error("PollTimeout(0.1s) on an empty pipe = true")
		}
		if d := time.Since(start); d != 100*time.Millisecond {
			t.Errorf("PollTimeout(0.1s) gave up after %v", d)
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if ok, err := b.PollContext(ctx); ok || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("PollContext = %v, %v; want false, DeadlineExceeded", ok, err)
		}
		_ = a.Send("x")
		for range 3 {
			if !b.Poll() || !b.PollTimeout(time.Second) {
				t.Error("Poll with a message = false")
			}
			if ok, err := b.PollContext(context.Background()); !ok || err != nil {
				t.Errorf("PollContext = %v, %v", ok, err)
			}
		}
		if v, _ := b.Recv(); v != "x" {
			t.Errorf("Recv() = %q after polls", v)
		}
		// A poll that waits wakes when a message comes.
		go func() {
			time.Sleep(time.Second)
			_ = a.Send("y")
		}()
		if !b.PollTimeout(time.Minute) {
			t.Error("PollTimeout(1m) = false though a message came")
		}
		if d := time.Since(start); d != 2100*time.Millisecond {
			t.Errorf("PollTimeout woke after %v", d)
		}
		_, _ = b.Recv()
	})
}

// PC-05: boundaries are kept, empty messages are messages.
// CPython: Lib/test/_test_multiprocessing.py _TestPoll.test_empty_string, test_strings, test_dont_merge
func TestPipeBoundaries(t *testing.T) {
	a, b := mp.Pipe[[]byte]()
	defer a.Close()
	defer b.Close()
	if b.Poll() {
		t.Error("Poll() = true on empty")
	}
	_ = mp.SendBytes(a, []byte{})
	if !b.Poll() {
		t.Error("Poll() = false after an empty message")
	}
	msgs := []string{"", "a", "b", "cd", "", "efgh"}
	for _, m := range msgs[1:] {
		_ = mp.SendBytes(a, []byte(m))
	}
	var got []string
	for range msgs {
		m, err := mp.RecvBytes(b)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, string(m))
	}
	if diff := cmp.Diff(msgs, got); diff != "" {
		t.Errorf("messages (-want +got):\n%s", diff)
	}
}

// PC-06: after the peer closes, what it sent is received, then ErrEOF.
func TestPipePeerClosedEOF(t *testing.T) {
	a, b := mp.Pipe[int]()
	defer b.Close()
	_ = a.Send(1)
	_ = a.Send(2)
	a.Close()
	for _, want := range []int{1, 2} {
		if v, err := b.Recv(); v != want || err != nil {
			t.Errorf("Recv() = %v, %v; want %d, nil", v, err, want)
		}
	}
	for range 2 {
		if !b.Poll() {
			t.Error("Poll() = false after the peer closed")
		}
		if _, err := b.Recv(); !errors.Is(err, mp.ErrEOF) || !errors.Is(err, io.EOF) {
			t.Errorf("Recv() = %v; want ErrEOF", err)
		}
	}
}

// PC-06: a Recv blocked in another process wakes with ErrEOF when the peer
// closes.
func TestPipeBlockedRecvWakesAtClose(t *testing.T) {
	a, b := mp.Pipe[int]()
	defer b.Close()
	var err error
	p := inProcess(func() { _, err = b.Recv() })
	a.Close()
	p.Join()
	if !errors.Is(err, mp.ErrEOF) {
		t.Errorf("Recv() = %v; want ErrEOF", err)
	}
}

// PC-07
func TestPipeSendToClosedPeer(t *testing.T) {
	a, b := mp.Pipe[int]()
	defer a.Close()
	b.Close()
	err := a.Send(1)
	if !errors.Is(err, mp.ErrBrokenPipe) || !errors.Is(err, syscall.EPIPE) {
		t.Errorf("Send() = %v; want ErrBrokenPipe", err)
	}
	if err.Error() != "mp: broken pipe" {
		t.Errorf("Error() = %q", err.Error())
	}
	r, w := mp.Pipe[[]byte](mp.Duplex(false))
	r.Close()
	if err := mp.SendBytes(w, []byte("x")); !errors.Is(err, mp.ErrBrokenPipe) {
		t.Errorf("SendBytes() = %v; want ErrBrokenPipe", err)
	}
	w.Close()
}

// PC-08, PC-09
// CPython: Lib/test/_test_multiprocessing.py _TestConnection.test_context
func TestPipeClosedConnection(t *testing.T) {
	const text = "mp: handle is closed (Python: OSError)"
	a, b := mp.Pipe[[]byte]()
	func() {
		defer a.Close() // Python's with a:
	}()
	a.Close() // idempotent
	if !a.Closed() || b.Closed() {
		t.Errorf("Closed() = %v, %v; want true, false", a.Closed(), b.Closed())
	}
	for _, f := range []func(){
		func() { _ = a.Send(nil) },
		func() { _, _ = a.Recv() },
		func() { _, _ = a.RecvContext(context.Background()) },
		func() { a.Poll() },
		func() { a.PollTimeout(time.Second) },
		func() { _, _ = a.PollContext(context.Background()) },
		func() { _ = mp.SendBytes(a, nil) },
		func() { _ = mp.SendBytesRange(a, nil, 0, 0) },
		func() { _, _ = mp.RecvBytes(a) },
		func() { _, _ = mp.RecvBytesMax(a, 10) },
		func() { _, _ = mp.RecvBytesInto(a, nil, 0) },
		func() { mp.Wait([]mp.Waitable{a}) },
	} {
		mustPanic(t, text, f)
	}
	b.Close()
}

// PC-10
// CPython: Lib/test/_test_multiprocessing.py _TestConnection.test_sendbytes
func TestPipeSendBytesRange(t *testing.T) {
	a, b := mp.Pipe[[]byte](mp.Duplex(false))
	defer a.Close()
	defer b.Close()
	msg := []byte("abcdefghijklmnopqrstuvwxyz")
	cases := []struct {
		offset, size int
		want         string
	}{
		{0, len(msg), string(msg)},
		{0, 10, "abcdefghij"},
		{20, 6, "uvwxyz"},
		{len(msg), 0, ""},
		{5, 0, ""},
	}
	for _, c := range cases {
		if err := mp.SendBytesRange(b, msg, c.offset, c.size); err != nil {
			t.Fatal(err)
		}
		if got, _ := mp.RecvBytes(a); string(got) != c.want {
			t.Errorf("SendBytesRange(%d, %d) sent %q; want %q", c.offset, c.size, got, c.want)
		}
	}
	for _, c := range []struct {
		offset, size int
		text         string
	}{
		{len(msg) + 1, 0, "mp: buffer length < offset (Python: ValueError)"},
		{-1, 0, "mp: offset is negative (Python: ValueError)"},
		{0, -1, "mp: size is negative (Python: ValueError)"},
		{10, len(msg), "mp: buffer length < offset + size (Python: ValueError)"},
	} {
		mustPanic(t, c.text, func() { _ = mp.SendBytesRange(b, msg, c.offset, c.size) })
	}
	if a.Poll() {
		t.Error("a refused SendBytesRange sent something")
	}
}

// PC-11
// CPython: Lib/test/_test_multiprocessing.py _TestConnection.test_connection
func TestPipeRecvBytesInto(t *testing.T) {
	a, b := mp.Pipe[[]byte]()
	defer a.Close()
	defer b.Close()
	msg := []byte("abcdefghijklmnopqrstuvwxyz")
	buf := make([]byte, len(msg)*2)
	_ = mp.SendBytes(a, msg)
	if n, err := mp.RecvBytesInto(b, buf, 0); n != len(msg) || err != nil || !bytes.Equal(buf[:n], msg) {
		t.Errorf("RecvBytesInto(0) = %d, %v", n, err)
	}
	_ = mp.SendBytes(a, msg)
	if n, err := mp.RecvBytesInto(b, buf, 8); n != len(msg) || err != nil || !bytes.Equal(buf[8:8+n], msg) {
		t.Errorf("RecvBytesInto(8) = %d, %v", n, err)
	}
	_ = mp.SendBytes(a, msg)
	_, err := mp.RecvBytesInto(b, make([]byte, len(msg)-1), 0)
	var short *mp.BufferTooShortError
	if !errors.As(err, &short) || !bytes.Equal(short.Message, msg) {
		t.Errorf("RecvBytesInto(short) = %v; want a BufferTooShortError holding the message", err)
	} else if want := "mp: buffer too short for a message of 26 bytes"; err.Error() != want {
		t.Errorf("Error() = %q; want %q", err.Error(), want)
	}
	if b.Poll() {
		t.Error("the message that was too long is still there")
	}
	mustPanic(t, "mp: negative offset (Python: ValueError)", func() { _, _ = mp.RecvBytesInto(b, buf, -1) })
	mustPanic(t, "mp: offset too large (Python: ValueError)", func() { _, _ = mp.RecvBytesInto(b, buf, len(buf)+1) })
	a.Close()
	if _, err := mp.RecvBytesInto(b, buf, 0); !errors.Is(err, mp.ErrEOF) {
		t.Errorf("RecvBytesInto after close = %v; want ErrEOF", err)
	}
}

// PC-12
func TestPipeRecvBytesMax(t *testing.T) {
	a, b := mp.Pipe[[]byte]()
	defer a.Close()
	defer b.Close()
	_ = mp.SendBytes(a, []byte("abc"))
	if got, err := mp.RecvBytesMax(b, 3); string(got) != "abc" || err != nil {
		t.Errorf("RecvBytesMax(3) = %q, %v", got, err)
	}
	mustPanic(t, "mp: negative maxlength (Python: ValueError)", func() { _, _ = mp.RecvBytesMax(b, -1) })
	_ = mp.SendBytes(a, []byte("abcd"))
	if _, err := mp.RecvBytesMax(b, 3); !errors.Is(err, mp.ErrBadMessageLength) || err.Error() != "mp: bad message length" {
		t.Errorf("RecvBytesMax(3) of 4 bytes = %v; want ErrBadMessageLength", err)
	}
	if b.Readable() || !b.Writable() || b.Closed() {
		t.Errorf("Readable, Writable, Closed = %v, %v, %v; want false, true, false", b.Readable(), b.Writable(), b.Closed())
	}
	mustPanic(t, "mp: connection is write-only (Python: OSError)", func() { _, _ = b.Recv() })
	if err := mp.SendBytes(b, []byte("still writes")); err != nil {
		t.Errorf("SendBytes = %v", err)
	}

	// A receiving-only connection is closed instead.
	r, w := mp.Pipe[[]byte](mp.Duplex(false))
	defer w.Close()
	_ = mp.SendBytes(w, []byte("abcd"))
	if _, err := mp.RecvBytesMax(r, 1); !errors.Is(err, mp.ErrBadMessageLength) {
		t.Errorf("RecvBytesMax = %v", err)
	}
	if !r.Closed() {
		t.Error("the reader is not closed")
	}
}

// PC-13: nothing is pickled, so nothing fails to pickle: a func goes
// through a pipe.
func TestPipeSendsAnyValue(t *testing.T) {
	a, b := mp.Pipe[func() int]()
	defer a.Close()
	defer b.Close()
	_ = a.Send(func() int { return 7 })
	f, _ := b.Recv()
	if f() != 7 {
		t.Error("the func did not survive")
	}
}

// PC-14: a poll in another process never consumes part of a message.
// CPython: Lib/test/_test_multiprocessing.py _TestPoll.test_boundaries
func TestPipePollInProcessKeepsMessage(t *testing.T) {
	a, b := mp.Pipe[[]byte]()
	defer a.Close()
	defer b.Close()
	polled := make(chan bool)
	p := inProcess(func() { polled <- b.PollTimeout(5 * time.Second) })
	_ = mp.SendBytes(a, bytes.Repeat([]byte("x"), 1<<20))
	if !<-polled {
		t.Error("PollTimeout(5s) = false")
	}
	p.Join()
	if got, _ := mp.RecvBytes(b); len(got) != 1<<20 {
		t.Errorf("RecvBytes() = %d bytes after a poll; want %d", len(got), 1<<20)
	}
}

// PC-06: many receivers of one connection: every message is received
// once, and a close wakes them all.
func TestPipeManyReceivers(t *testing.T) {
	a, b := mp.Pipe[int](mp.Duplex(false))
	results := make(chan []int, 4)
	var ps []*mp.Process
	for range 4 {
		ps = append(ps, inProcess(func() {
			var got []int
			for {
				v, err := a.Recv()
				if err != nil {
					results <- got
					return
				}
				got = append(got, v)
			}
		}))
	}
	for i := range 1000 {
		_ = b.Send(i)
	}
	b.Close()
	joinAll(ps...)
	close(results)
	var all []int
	for r := range results {
		if !slices.IsSorted(r) {
			t.Error("a receiver got messages out of order")
		}
		all = append(all, r...)
	}
	slices.Sort(all)
	if !slices.Equal(all, seq(1000)) {
		t.Errorf("received %d messages, not 0..999 once each", len(all))
	}
	a.Close()
}

// RecvContext gives up when its context is done; a message there is
// received even then. Closing one's own end wakes a blocked Recv.
func TestPipeRecvContextAndOwnClose(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a, b := mp.Pipe[int]()
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if _, err := b.RecvContext(ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("RecvContext = %v; want DeadlineExceeded", err)
		}
		_ = a.Send(5)
		if v, err := b.RecvContext(ctx); v != 5 || err != nil {
			t.Errorf("RecvContext with a message = %v, %v", v, err)
		}
		done := make(chan error)
		go func() {
			_, err := b.Recv()
			done <- err
		}()
		synctest.Wait()
		b.Close()
		if err := <-done; !errors.Is(err, mp.ErrEOF) {
			t.Errorf("Recv blocked at Close = %v; want ErrEOF", err)
		}
		a.Close()
	})
}
