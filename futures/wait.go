package futures

import (
	"context"
	"fmt"
	"math/bits"
	"slices"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/pyconc/pyconc/internal/future"
)

// ReturnWhen says when [Wait] returns. Pass one of its constants as an
// option: futures.Wait(fs, futures.FirstCompleted). Without one, Wait
// waits for [AllCompleted].
//
// Python: the return_when= argument of concurrent.futures.wait.
type ReturnWhen int

// The conditions [Wait] can wait for. A failed future is done, and so is
// a cancelled one (WT-02).
//
// Python: concurrent.futures.FIRST_COMPLETED, FIRST_EXCEPTION and
// ALL_COMPLETED.
const (
	// FirstCompleted returns as soon as any future is done, at once if
	// one already is (WT-03).
	FirstCompleted ReturnWhen = iota + 1
	// FirstException returns as soon as any future fails, at once if
	// one already has; if none fails it acts like AllCompleted (WT-04).
	// A cancelled future has not failed.
	FirstException
	// AllCompleted returns when every future is done (WT-02); it is the
	// default.
	AllCompleted
)

// String returns Python's name of the condition, "FIRST_COMPLETED",
// "FIRST_EXCEPTION" or "ALL_COMPLETED".
//
// Python: concurrent.futures.FIRST_COMPLETED, FIRST_EXCEPTION and
// ALL_COMPLETED.
func (r ReturnWhen) String() string {
	switch r {
	case FirstCompleted:
		return "FIRST_COMPLETED"
	case FirstException:
		return "FIRST_EXCEPTION"
	case AllCompleted:
		return "ALL_COMPLETED"
	}
	return fmt.Sprintf("ReturnWhen(%d)", int(r))
}

func (r ReturnWhen) which() optionSet { return optReturnWhen }

// apply makes r the condition, panicking on a value that is not one of
// the constants, as Python raises ValueError (WT-07).
func (r ReturnWhen) apply(o *options) {
	if r < FirstCompleted || r > AllCompleted {
		panic(fmt.Sprintf("futures: Invalid return condition: %v (Python: ValueError)", r))
	}
	o.returnWhen = r
}

// Wait waits for the futures in fs until the condition given as a
// [ReturnWhen] option holds (by default [AllCompleted]), or until the
// [Timeout] passes (WT-05), and returns the futures that are done and
// those that are not, each in the order of fs, with duplicates removed
// (WT-01). A timeout is not an error: the unfinished futures are in
// notDone. With no futures it returns two nil slices at once (WT-08).
//
// Options: a ReturnWhen constant and Timeout; any other panics. So does
// a ReturnWhen value that is none of the constants, even when nothing
// needs waiting for, where Python raises ValueError only if it must
// block (WT-07).
//
// A cancelled future is done at once, including one cancelled by
// Shutdown with [CancelFutures] (TP-11 and WT-06 differ: see the package
// documentation). fs must not hold a nil future.
//
// Python: concurrent.futures.wait.
func Wait[T any](fs []*Future[T], opts ...Option) (done, notDone []*Future[T]) {
	o := parseOptions("Wait", optReturnWhen|optTimeout, opts)
	return wait(context.Background(), fs, o)
}

// WaitContext acts like [Wait] but waits until ctx is done instead of for
// a [Timeout]; then it returns normally, with the unfinished futures in
// notDone. Its one option is a [ReturnWhen] constant.
//
// Python: none (Go only).
func WaitContext[T any](ctx context.Context, fs []*Future[T], opts ...Option) (done, notDone []*Future[T]) {
	o := parseOptions("WaitContext", optReturnWhen, opts)
	return wait(ctx, fs, o)
}

// waitState is what one Wait call's waiters share.
type waitState struct {
	when    ReturnWhen
	pending atomic.Int64 // futures not yet done, for AllCompleted and FirstException
	fired   atomic.Bool
	ready   chan struct{} // closed when the condition holds
}

// note records that a future completed, with failed telling whether it
// failed; the caller is the completing goroutine, or Wait itself.
func (s *waitState) note(failed bool) {
	if s.when == FirstCompleted || s.when == FirstException && failed || s.pending.Add(-1) == 0 {
		if s.fired.CompareAndSwap(false, true) {
			close(s.ready)
		}
	}
}

// failed reports whether c, which is done, finished with an error.
func failed[T any](c *future.Core[T]) bool {
	if c.State() != future.Finished {
		return false
	}
	_, err := c.Peek()
	return err != nil
}

// wait is Wait (with context.Background) and WaitContext.
func wait[T any](ctx context.Context, fs []*Future[T], o options) (done, notDone []*Future[T]) {
	when := AllCompleted
	if o.has(optReturnWhen) {
		when = o.returnWhen
	}
	uniq := dedupe(fs, false)
	var open []*Future[T]
	anyFailed := false
	for _, f := range uniq {
		if !f.c.IsDone() {
			open = append(open, f)
		} else if failed(&f.c) {
			anyFailed = true
		}
	}
	switch {
	case len(open) == 0,
		when == FirstCompleted && len(open) < len(uniq),
		when == FirstException && anyFailed,
		o.has(optTimeout) && o.timeout <= 0,
		ctx.Err() != nil:
		return split(uniq)
	}

	s := &waitState{when: when, ready: make(chan struct{})}
	s.pending.Store(int64(len(open)))
	ws := make([]*future.Waiter, len(open))
	for i, f := range open {
		w := future.NewWaiter(func() { s.note(failed(&f.c)) })
		if f.c.AddWaiter(w) {
			ws[i] = w
		} else {
			s.note(failed(&f.c)) // done since the look above
		}
	}
	var timeout <-chan time.Time
	if o.has(optTimeout) {
		t := time.NewTimer(o.timeout)
		defer t.Stop()
		timeout = t.C
	}
	select {
	case <-s.ready:
	case <-timeout:
	case <-ctx.Done(): // nil, never ready, for Wait
	}
	for i, w := range ws {
		if w != nil {
			open[i].c.RemoveWaiter(w)
		}
	}
	return split(uniq)
}

// split returns the futures of fs that are done and those that are not,
// keeping their order.
func split[T any](fs []*Future[T]) (done, notDone []*Future[T]) {
	for _, f := range fs {
		if f.c.IsDone() {
			done = append(done, f)
		} else {
			notDone = append(notDone, f)
		}
	}
	return done, notDone
}

// dedupe returns fs without its duplicates, keeping the first of each:
// fs itself if it has none and fresh is false, else a new slice.
func dedupe[T any](fs []*Future[T], fresh bool) []*Future[T] {
	if len(fs) <= 32 {
		for i, f := range fs {
			for _, g := range fs[:i] {
				if f == g {
					return dedupeSet(fs, fresh)
				}
			}
		}
		if fresh {
			return slices.Clone(fs)
		}
		return fs
	}
	return dedupeSet(fs, fresh)
}

// dedupeSet is dedupe for many futures: a set by open addressing, a
// table of at least twice as many slots as futures, hashed by address.
// It costs one allocation and a few nanoseconds a future, where a Go map
// costs several allocations and about ten times the time.
func dedupeSet[T any](fs []*Future[T], fresh bool) []*Future[T] {
	shift := 64 - bits.Len(uint(2*len(fs)))
	table := make([]*Future[T], 1<<(64-shift))
	mask := uint64(len(table) - 1)
	out := make([]*Future[T], 0, len(fs))
	for _, f := range fs {
		// Fibonacci hashing of the address; the table holds the pointer
		// itself, so the futures stay visible to the garbage collector.
		h := uint64(uintptr(unsafe.Pointer(f))) * 0x9e3779b97f4a7c15 >> shift
		for {
			switch table[h] {
			case nil:
				table[h] = f
				out = append(out, f)
			case f:
			default:
				h = (h + 1) & mask
				continue
			}
			break
		}
	}
	if len(out) == len(fs) && !fresh {
		return fs
	}
	return out
}
