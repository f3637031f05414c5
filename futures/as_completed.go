package futures

import (
	"context"
	"fmt"
	"iter"
	"sync"
	"time"

	"github.com/pyconc/pyconc/internal/future"
)

// AsCompleted returns an iterator over the futures in fs that yields each
// one as it completes: first those already done, in the order of fs
// (AC-02), then the others in the order they finish or are cancelled
// (AC-01). A future that appears in fs more than once is yielded once
// (AC-03); an empty fs yields nothing (AC-09). The futures may come from
// different executors, or from [NewFuture].
//
// Its one option is [Timeout], counted from the start of the iteration
// (AC-06): when it passes before every future has been yielded, the
// iteration ends by yielding a nil future and an error matching
// [ErrTimeout] that reads, as Python's does, "pyconc: timed out: 2 (of 4)
// futures unfinished", counting distinct futures (AC-04). The futures
// done by then are yielded before it, even with a timeout of zero or
// less (AC-05). Without a timeout the error is never yielded.
//
// Each iteration starts afresh, from fs as it is then. Breaking out of the
// loop, or the timeout, removes everything the iteration registered on
// the futures, and the iterator keeps no reference to a future it has
// yielded (AC-07). Futures completed by the loop body during the
// iteration are picked up.
//
// A cancelled future is done at once, including one cancelled by
// Shutdown with [CancelFutures] (AC-08 and TP-11 differ: see the package
// documentation). fs must not hold a nil future.
//
// Python: concurrent.futures.as_completed.
func AsCompleted[T any](fs []*Future[T], opts ...Option) iter.Seq2[*Future[T], error] {
	o := parseOptions("AsCompleted", optTimeout, opts)
	return func(yield func(*Future[T], error) bool) {
		var deadline time.Time
		if o.has(optTimeout) {
			deadline = time.Now().Add(o.timeout)
		}
		asCompleted(context.Background(), deadline, fs, yield)
	}
}

// AsCompletedContext acts like [AsCompleted] but, instead of a [Timeout],
// ends when ctx is done, by yielding a nil future and an error that wraps
// ctx.Err() and reads "context canceled: 2 (of 4) futures unfinished".
//
// Python: none (Go only).
func AsCompletedContext[T any](ctx context.Context, fs []*Future[T]) iter.Seq2[*Future[T], error] {
	return func(yield func(*Future[T], error) bool) {
		asCompleted(ctx, time.Time{}, fs, yield)
	}
}

// completions is what one AsCompleted iteration's waiters share: the
// indices of the futures that completed since the iteration last looked.
type completions struct {
	mu   sync.Mutex
	done []int
	wake chan struct{} // holds a token when done may be non-empty
}

// waiter returns a waiter that records the completion of the i-th future.
func (s *completions) waiter(i int) *future.Waiter {
	return future.NewWaiter(func() {
		s.mu.Lock()
		s.done = append(s.done, i)
		s.mu.Unlock()
		select {
		case s.wake <- struct{}{}:
		default:
		}
	})
}

// take returns the indices recorded since the last take, handing back
// spare, the slice the caller has finished with, for reuse.
func (s *completions) take(spare []int) []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	done := s.done
	s.done = spare[:0]
	return done
}

// asCompleted is the iteration of AsCompleted (a non-zero deadline, or
// none) and of AsCompletedContext (a ctx that can be done).
func asCompleted[T any](ctx context.Context, deadline time.Time, fs []*Future[T], yield func(*Future[T], error) bool) {
	uniq := dedupe(fs, true) // a copy: the iteration clears what it yielded
	total := len(uniq)
	// Register on every future not done yet; the others, with no waiter,
	// are the ones done when the iteration started.
	var s *completions
	var ws []*future.Waiter
	pending := 0
	for i, f := range uniq {
		if !f.c.IsDone() {
			if s == nil {
				s = &completions{wake: make(chan struct{}, 1)}
				ws = make([]*future.Waiter, total)
			}
			if w := s.waiter(i); f.c.AddWaiter(w) {
				ws[i] = w
				pending++
			}
		}
	}
	defer func() {
		for i, w := range ws {
			if w != nil {
				uniq[i].c.RemoveWaiter(w)
			}
		}
	}()
	for i, f := range uniq {
		if ws != nil && ws[i] != nil {
			continue
		}
		uniq[i] = nil // keep no reference to what was yielded (AC-07)
		if !yield(f, nil) {
			return
		}
	}

	var timer *time.Timer
	cancelled := ctx.Done() // nil, never ready, for AsCompleted
	var tc <-chan time.Time
	var batch []int
	expired := false
	for pending > 0 {
		batch = s.take(batch)
		if len(batch) == 0 {
			if ctx.Err() != nil {
				yield(nil, fmt.Errorf("%w: %d (of %d) futures unfinished", ctx.Err(), pending, total))
				return
			}
			if !deadline.IsZero() {
				left := time.Until(deadline)
				if expired || left <= 0 {
					yield(nil, fmt.Errorf("%w: %d (of %d) futures unfinished", ErrTimeout, pending, total))
					return
				}
				if timer == nil {
					timer = time.NewTimer(left)
					defer timer.Stop()
					tc = timer.C
				}
			}
			select {
			case <-s.wake:
			case <-tc:
				expired = true
			case <-cancelled:
			}
			continue
		}
		for _, i := range batch {
			f := uniq[i]
			uniq[i], ws[i] = nil, nil
			pending--
			if !yield(f, nil) {
				return
			}
		}
	}
}
