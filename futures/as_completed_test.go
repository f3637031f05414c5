package futures_test

import (
	"context"
	"errors"
	"runtime"
	"slices"
	"testing"
	"testing/synctest"
	"time"
	"weak"

	"github.com/google/go-cmp/cmp"

	"github.com/pyconc/pyconc/futures"
)

// names maps futures to names, for readable diffs.
type names map[*futures.Future[int]]string

func (n names) of(fs []*futures.Future[int]) []string {
	var out []string
	for _, f := range fs {
		out = append(out, n[f])
	}
	return out
}

// yielded runs an AsCompleted iteration to its end and returns the names
// of the futures it yielded and its error.
func yielded(n names, seq func(func(*futures.Future[int], error) bool)) ([]string, error) {
	var got []string
	var err error
	for f, e := range seq {
		if e != nil {
			if f != nil {
				return got, errors.New("a non-nil future with the error")
			}
			err = e
			continue
		}
		got = append(got, n[f])
	}
	return got, err
}

// AC-01, AC-02; CPython: Lib/test/test_concurrent_futures/test_as_completed.py
// AsCompletedTests.test_no_timeout. Bare futures and futures of an
// executor, mixed; the done ones come first, in input order.
func TestAsCompletedNoTimeout(t *testing.T) {
	forExecutors(t, func(t *testing.T, k executorKind) {
		synctest.Test(t, func(t *testing.T) {
			ex := k.new()
			defer ex.Shutdown()
			release := make(chan struct{})
			future1 := mustSubmit(t, ex, func() int { <-release; return 2 * 21 })
			future2 := mustSubmit(t, ex, func() int { <-release; return 7 * 6 })
			cn, ef, sf := cancelledAndNotifiedFuture(), exceptionFuture(), successfulFuture()
			n := names{cn: "CANCELLED_AND_NOTIFIED", ef: "EXCEPTION", sf: "SUCCESSFUL", future1: "future1", future2: "future2"}
			var got []string
			for f, err := range futures.AsCompleted([]*futures.Future[int]{cn, ef, sf, future1, future2}) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, n[f])
				if len(got) == 3 {
					close(release)
				}
			}
			if diff := cmp.Diff([]string{"CANCELLED_AND_NOTIFIED", "EXCEPTION", "SUCCESSFUL"}, got[:3]); diff != "" {
				t.Errorf("done futures first, in order (-want +got):\n%s", diff)
			}
			if len(got) != 5 {
				t.Errorf("yielded %v; want all five", got)
			}
		})
	})
}

// AC-02: after the done ones, the others come in completion order.
func TestAsCompletedCompletionOrder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := futures.NewThreadPoolExecutor()
		defer ex.Shutdown()
		slow := mustSubmit(t, ex, func() int { time.Sleep(2 * time.Second); return 1 })
		fast := mustSubmit(t, ex, func() int { time.Sleep(time.Second); return 2 })
		done := successfulFuture()
		n := names{slow: "slow", fast: "fast", done: "done"}
		got, err := yielded(n, futures.AsCompleted([]*futures.Future[int]{slow, fast, done}))
		if diff := cmp.Diff([]string{"done", "fast", "slow"}, got); diff != "" || err != nil {
			t.Errorf("order (-want +got):\n%s error %v", diff, err)
		}
	})
}

// AC-03; CPython: test_as_completed.py AsCompletedTests.test_duplicate_futures.
func TestAsCompletedDuplicates(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := futures.NewThreadPoolExecutor()
		defer ex.Shutdown()
		future1 := mustSubmit(t, ex, func() int { time.Sleep(2 * time.Second); return 0 })
		done := successfulFuture()
		n := names{future1: "future1", done: "done"}
		got, err := yielded(n, futures.AsCompleted([]*futures.Future[int]{future1, future1, future1}))
		if diff := cmp.Diff([]string{"future1"}, got); diff != "" || err != nil {
			t.Errorf("pending duplicates (-want +got):\n%s error %v", diff, err)
		}
		got, err = yielded(n, futures.AsCompleted([]*futures.Future[int]{done, done}))
		if diff := cmp.Diff([]string{"done"}, got); diff != "" || err != nil {
			t.Errorf("done duplicates (-want +got):\n%s error %v", diff, err)
		}
		// Many futures take the other way to find duplicates.
		many := make([]*futures.Future[int], 0, 200)
		for range 100 {
			f := successfulFuture()
			many = append(many, f, f)
		}
		count := 0
		for range futures.AsCompleted(many) {
			count++
		}
		if count != 100 {
			t.Errorf("200 futures, each twice: %d yielded; want 100", count)
		}
	})
}

// AC-04; CPython: test_as_completed.py AsCompletedTests.test_correct_timeout_exception_msg.
func TestAsCompletedTimeoutMessage(t *testing.T) {
	fs := []*futures.Future[int]{cancelledAndNotifiedFuture(), pendingFuture(), runningFuture(), successfulFuture()}
	var err error
	for _, e := range futures.AsCompleted(fs, futures.Timeout(0)) {
		if e != nil {
			err = e
		}
	}
	if !errors.Is(err, futures.ErrTimeout) {
		t.Fatalf("error = %v; want ErrTimeout", err)
	}
	if got, want := err.Error(), "pyconc: timed out: 2 (of 4) futures unfinished"; got != want {
		t.Errorf("error = %q; want %q", got, want)
	}
	// The total counts distinct futures.
	p := pendingFuture()
	for _, e := range futures.AsCompleted([]*futures.Future[int]{p, p, successfulFuture()}, futures.Timeout(0)) {
		if e != nil {
			err = e
		}
	}
	if got, want := err.Error(), "pyconc: timed out: 1 (of 2) futures unfinished"; got != want {
		t.Errorf("error = %q; want %q", got, want)
	}
}

// AC-05; CPython: test_as_completed.py AsCompletedTests.test_future_times_out
// (test_zero_timeout in 3.11). The done futures come before the timeout;
// the unfinished one never comes.
func TestAsCompletedTimesOut(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := futures.NewThreadPoolExecutor()
		defer ex.Shutdown()
		for _, d := range []time.Duration{0, 100 * time.Millisecond, -time.Second} {
			cn, ef, sf := cancelledAndNotifiedFuture(), exceptionFuture(), successfulFuture()
			future := mustSubmit(t, ex, func() int { time.Sleep(time.Second); return 0 })
			n := names{cn: "CANCELLED_AND_NOTIFIED", ef: "EXCEPTION", sf: "SUCCESSFUL", future: "future"}
			start := time.Now()
			got, err := yielded(n, futures.AsCompleted([]*futures.Future[int]{cn, ef, sf, future}, futures.Timeout(d)))
			if diff := cmp.Diff([]string{"CANCELLED_AND_NOTIFIED", "EXCEPTION", "SUCCESSFUL"}, got); diff != "" {
				t.Errorf("Timeout(%v): yielded (-want +got):\n%s", d, diff)
			}
			if !errors.Is(err, futures.ErrTimeout) {
				t.Errorf("Timeout(%v): error %v; want ErrTimeout", d, err)
			}
			if took := time.Since(start); took != max(d, 0) {
				t.Errorf("Timeout(%v): gave up after %v", d, took)
			}
			future.Result()
		}
	})
}

// AC-06: the clock starts when the iteration starts, not at the call.
func TestAsCompletedClockStartsAtIteration(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := futures.NewFuture[int]()
		seq := futures.AsCompleted([]*futures.Future[int]{f}, futures.Timeout(time.Second))
		time.Sleep(2 * time.Second)
		go func() {
			time.Sleep(500 * time.Millisecond)
			f.SetResult(1)
		}()
		got, err := yielded(names{f: "f"}, seq)
		if diff := cmp.Diff([]string{"f"}, got); diff != "" || err != nil {
			t.Errorf("yielded (-want +got):\n%s error %v", diff, err)
		}
	})
}

// AC-07; CPython: test_as_completed.py AsCompletedTests.test_free_reference_yielded_future.
// The iteration keeps no reference to a future it has yielded, and picks
// up futures completed by the loop body.
func TestAsCompletedFreeReference(t *testing.T) {
	type object struct{ _ [64]byte }
	fs := make([]*futures.Future[*object], 0, 10)
	for range 8 {
		fs = append(fs, futures.NewFuture[*object]())
	}
	c := futures.NewFuture[*object]()
	c.Cancel()
	fs = append(fs, c)
	d := futures.NewFuture[*object]()
	d.SetResult(new(object))
	fs = append(fs, d)
	c, d = nil, nil

	remove := func(f *futures.Future[*object]) {
		for i, g := range fs {
			if g == f {
				fs = slices.Delete(fs, i, i+1) // clears the freed slot
				return
			}
		}
		t.Fatal("yielded a future not in the list")
	}
	check := func(wp weak.Pointer[futures.Future[*object]]) {
		t.Helper()
		runtime.GC()
		if wp.Value() != nil {
			t.Fatal("the iteration still references a yielded future")
		}
	}
	timedOut := false
	for f, err := range futures.AsCompleted(fs, futures.Timeout(0)) {
		if err != nil {
			timedOut = errors.Is(err, futures.ErrTimeout)
			continue
		}
		remove(f)
		wp := weak.Make(f)
		f = nil
		check(wp)
	}
	if !timedOut || len(fs) != 8 {
		t.Fatalf("timed out %v, %d futures left; want true, 8", timedOut, len(fs))
	}
	fs[0].SetResult(new(object))
	for f := range futures.AsCompleted(fs) {
		remove(f)
		wp := weak.Make(f)
		f = nil
		check(wp)
		if len(fs) > 0 {
			fs[0].SetResult(new(object))
		}
	}
	if len(fs) != 0 {
		t.Errorf("%d futures never yielded", len(fs))
	}
}

// AC-09: empty input.
func TestAsCompletedEmpty(t *testing.T) {
	for f, err := range futures.AsCompleted[int](nil, futures.Timeout(0)) {
		t.Errorf("yielded %v, %v", f, err)
	}
	for f, err := range futures.AsCompletedContext[int](context.Background(), nil) {
		t.Errorf("yielded %v, %v", f, err)
	}
}

// AsCompletedContext ends with ctx.Err() and the count, after the done
// futures.
func TestAsCompletedContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		p, s := pendingFuture(), successfulFuture()
		n := names{p: "pending", s: "successful"}
		go func() {
			time.Sleep(time.Second)
			cancel()
		}()
		start := time.Now()
		got, err := yielded(n, futures.AsCompletedContext(ctx, []*futures.Future[int]{p, s}))
		if diff := cmp.Diff([]string{"successful"}, got); diff != "" {
			t.Errorf("yielded (-want +got):\n%s", diff)
		}
		if !errors.Is(err, context.Canceled) || err.Error() != "context canceled: 1 (of 2) futures unfinished" {
			t.Errorf("error = %v; want context canceled with the count", err)
		}
		if d := time.Since(start); d != time.Second {
			t.Errorf("gave up after %v; want 1s", d)
		}
		// A context done already: the done ones, then the error.
		got, err = yielded(n, futures.AsCompletedContext(ctx, []*futures.Future[int]{p, s}))
		if diff := cmp.Diff([]string{"successful"}, got); diff != "" || !errors.Is(err, context.Canceled) {
			t.Errorf("yielded (-want +got):\n%s error %v", diff, err)
		}
	})
}

// Breaking out of the loop removes the iteration's waiters: completing
// the futures afterwards notifies nobody, and nothing is left running.
func TestAsCompletedBreak(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := futures.NewThreadPoolExecutor(futures.MaxWorkers(2))
		defer ex.Shutdown()
		release := make(chan struct{})
		fs := []*futures.Future[int]{
			mustSubmit(t, ex, func() int { return 1 }),
			mustSubmit(t, ex, func() int { <-release; return 2 }),
			mustSubmit(t, ex, func() int { <-release; return 3 }),
		}
		for range futures.AsCompleted(fs) {
			break
		}
		close(release)
		for _, f := range fs {
			f.Result()
		}
	})
}

// A cancelled future is yielded at once (TP-11 and AC-08 differ: pyconc
// has no CANCELLED_AND_NOTIFIED lag), including one cancelled while the
// iteration waits.
func TestAsCompletedCancelled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := futures.NewFuture[int]()
		go func() {
			time.Sleep(time.Second)
			f.Cancel()
		}()
		got, err := yielded(names{f: "f"}, futures.AsCompleted([]*futures.Future[int]{f}, futures.Timeout(2*time.Second)))
		if diff := cmp.Diff([]string{"f"}, got); diff != "" || err != nil {
			t.Errorf("yielded (-want +got):\n%s error %v", diff, err)
		}
	})
}

// AC-05, AC-07; CPython: test_as_completed.py AsCompletedTests.test_future_times_out
// (the future that timed out still completes). An iteration that ends early, by a break, a timeout, a
// done context or a panic of the loop body, cancels nothing (Python's
// as_completed only removes its waiter): the futures not yielded go on
// and keep their results, and a later iteration yields them.
func TestAsCompletedEndsEarlyCancelsNothing(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ex := futures.NewThreadPoolExecutor(futures.MaxWorkers(1))
		defer ex.Shutdown()
		release := make(chan struct{})
		running := mustSubmit(t, ex, func() int { <-release; return 1 })
		queued := mustSubmit(t, ex, func() int { return 2 })
		bare := futures.NewFuture[int]()
		fs := []*futures.Future[int]{successfulFuture(), running, queued, bare}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		ends := map[string]func(){
			"break": func() {
				for range futures.AsCompleted(fs) {
					break
				}
			},
			"timeout": func() {
				for range futures.AsCompleted(fs, futures.Timeout(time.Second)) {
				}
			},
			"context": func() {
				for range futures.AsCompletedContext(ctx, fs) {
				}
			},
			"panic": func() {
				mustPanic(t, func() {
					for range futures.AsCompleted(fs) {
						panic("loop body")
					}
				})
			},
		}
		for name, end := range ends {
			end()
			for _, f := range fs[1:] {
				if f.Done() {
					t.Errorf("%s: %v is done", name, f)
				}
			}
		}
		close(release)
		bare.SetResult(3)
		got := map[int]bool{}
		for f, err := range futures.AsCompleted(fs) {
			v, e := f.Result()
			if err != nil || e != nil {
				t.Fatalf("after: %v, %v", err, e)
			}
			got[v] = true
		}
		if diff := cmp.Diff(map[int]bool{1: true, 2: true, 3: true, 42: true}, got); diff != "" {
			t.Errorf("results after the early ends (-want +got):\n%s", diff)
		}
	})
}
