package pool_test

import (
	"errors"
	"iter"
	"runtime"
	"slices"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pyconc/pyconc/pool"
)

// imapKind is one of the lazy maps, with the order its results come in
// for one worker or a known order of completion.
type imapKind struct {
	name    string
	imap    func(p *pool.Pool, f func(int) int, xs iter.Seq[int], opts ...pool.Option) iter.Seq2[int, error]
	imapErr func(p *pool.Pool, f func(int) (int, error), xs []int, opts ...pool.Option) iter.Seq2[int, error]
	ordered bool
}

var imapKinds = []imapKind{
	{"IMap", pool.IMap[int, int, iter.Seq[int]], pool.IMapErr[int, int, []int], true},
	{"IMapUnordered", pool.IMapUnordered[int, int, iter.Seq[int]], pool.IMapUnorderedErr[int, int, []int], false},
}

// sorted returns xs sorted, for the unordered kind.
func (k imapKind) sorted(xs []int) []int {
	if k.ordered {
		return xs
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s
}

// PL-11, PL-12: imap yields the results in order, imap_unordered the same
// multiset, with any chunk size, from a slice or an iterator. CPython:
// _TestPool.test_imap, _TestPool.test_imap_unordered.
func TestIMap(t *testing.T) {
	p := newPool(t, pool.Processes(4))
	for _, k := range imapKinds {
		for _, tc := range []struct {
			n    int
			opts []pool.Option
		}{{10, nil}, {1000, []pool.Option{pool.ChunkSize(100)}}, {1000, []pool.Option{pool.ChunkSize(7)}},
			{3000, []pool.Option{pool.ChunkSize(1000)}}, {700, []pool.Option{pool.ChunkSize(300)}}} {
			got, errs := collect(k.imap(p, sqr, slices.Values(ints(tc.n)), tc.opts...))
			if diff := cmp.Diff(squares(tc.n), k.sorted(got)); diff != "" {
				t.Errorf("%s over an iterator of %d (-want +got):\n%s", k.name, tc.n, diff)
			}
			if slices.ContainsFunc(errs, func(err error) bool { return err != nil }) {
				t.Errorf("%s yielded errors", k.name)
			}
			got, _ = collect(k.imapErr(p, func(x int) (int, error) { return sqr(x), nil }, ints(tc.n), tc.opts...))
			if diff := cmp.Diff(squares(tc.n), k.sorted(got)); diff != "" {
				t.Errorf("%sErr over a slice of %d (-want +got):\n%s", k.name, tc.n, diff)
			}
		}
	}
	// A plain slice through the value form.
	got, _ := collect(pool.IMap(p, sqr, ints(10)))
	if !slices.Equal(got, squares(10)) {
		t.Errorf("IMap over a slice = %v", got)
	}
}

// PL-12: imap_unordered yields each chunk as it is done.
func TestIMapUnorderedOrder(t *testing.T) {
	p := newPool(t, pool.Processes(2))
	release := make(chan struct{})
	f := func(x int) int {
		if x == 0 {
			<-release
		}
		return x
	}
	var got []int
	for r, err := range pool.IMapUnordered(p, f, ints(5)) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, r)
		if len(got) == 4 {
			close(release)
		}
	}
	if !slices.Equal(got[:4], []int{1, 2, 3, 4}) || got[4] != 0 {
		t.Errorf("IMapUnordered yielded %v; want 1 2 3 4 before the blocked 0", got)
	}
}

// PL-07: an empty input gives an empty loop. CPython:
// _TestPool.test_empty_iterable.
func TestIMapEmpty(t *testing.T) {
	p := newPool(t, pool.Processes(1))
	for _, k := range imapKinds {
		for _, seq := range []iter.Seq2[int, error]{
			k.imap(p, sqr, slices.Values([]int{})),
			k.imapErr(p, func(x int) (int, error) { return x, nil }, nil),
		} {
			if got, _ := collect(seq); len(got) != 0 {
				t.Errorf("%s of nothing yielded %v", k.name, got)
			}
		}
	}
}

// PL-11: with Timeout, a loop whose next result is not ready in time gets
// ErrTimeout; the result is not skipped, and going on waits for it again.
// CPython: _TestPool.test_imap (it.next(timeout)).
func TestIMapTimeout(t *testing.T) {
	for _, k := range imapKinds {
		t.Run(k.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				p := pool.New(pool.Processes(1))
				defer p.Terminate()
				start := time.Now()
				slow := func(x int) int { time.Sleep(250 * time.Millisecond); return x }
				var got []int
				var at []time.Duration
				timeouts := 0
				for r, err := range k.imap(p, slow, slices.Values(ints(2)), pool.Timeout(100*time.Millisecond)) {
					switch {
					case errors.Is(err, pool.ErrTimeout):
						timeouts++
					case err != nil:
						t.Fatal(err)
					default:
						got = append(got, r)
						at = append(at, time.Since(start))
					}
				}
				// Each result takes 250ms: two timeouts of 100ms, then the
				// result at 250ms and 500ms.
				if !slices.Equal(got, []int{0, 1}) || timeouts != 4 ||
					!slices.Equal(at, []time.Duration{250 * time.Millisecond, 500 * time.Millisecond}) {
					t.Errorf("got %v at %v with %d timeouts; want [0 1] at [250ms 500ms] with 4", got, at, timeouts)
				}
				// Timeout(0) does not wait at all.
				release := make(chan struct{})
				n := 0
				for _, err := range k.imap(p, func(x int) int { <-release; return x }, slices.Values(ints(1)), pool.Timeout(0)) {
					n++
					if n == 1 {
						if !errors.Is(err, pool.ErrTimeout) || time.Since(start) != 500*time.Millisecond {
							t.Errorf("Timeout(0): first %v after %v; want ErrTimeout at once", err, time.Since(start))
						}
						close(release)
						synctest.Wait()
					}
				}
				if n != 2 {
					t.Errorf("Timeout(0) loop ran %d times; want 2", n)
				}
			})
		})
	}
}

// PL-13: an input iterator that panics ends the loop with that error,
// after the results of the complete chunks before it: failure at item 3
// with chunk size 1 gives 3 results first, at item 7 with chunk size 2 six,
// with chunk size 4 four. The pool stays usable. CPython:
// _TestPool.test_imap_handle_iterable_exception,
// _TestPool.test_imap_unordered_handle_iterable_exception.
func TestIMapInputPanics(t *testing.T) {
	p := newPool(t, pool.Processes(4))
	for _, k := range imapKinds {
		for _, tc := range []struct{ total, when, chunk, results int }{
			{1, -1, 1, 0}, {1, -1, 1, 0}, {10, 3, 1, 3}, {20, 7, 2, 6}, {20, 7, 4, 4},
		} {
			got, errs := collect(k.imap(p, sqr, sayWhen(tc.total, tc.when), pool.ChunkSize(tc.chunk)))
			n := len(got) - 1
			if n < 0 || !isPanic(errs[n], errSayWhen) || !errors.Is(errs[n], errSayWhen) {
				t.Errorf("%s(sayWhen(%d, %d), %d): ended with %v; want the PanicError of errSayWhen",
					k.name, tc.total, tc.when, tc.chunk, errs)
				continue
			}
			if diff := cmp.Diff(squares(tc.results), k.sorted(got[:n])); diff != "" {
				t.Errorf("%s(sayWhen(%d, %d), %d): results before the error (-want +got):\n%s",
					k.name, tc.total, tc.when, tc.chunk, diff)
			}
		}
	}
	if got, _ := collect(pool.IMap(p, sqr, ints(10))); !slices.Equal(got, squares(10)) {
		t.Errorf("IMap afterwards = %v", got)
	}
}

// PL-15: a failed item yields its error at its position and the loop goes
// on with the next result. Inside a chunk, every other item still yields
// its own result: a panic, a returned error and runtime.Goexit each fail
// only their item. CPython: no test (PL-15 is verified by running Python).
func TestIMapItemErrors(t *testing.T) {
	p := newPool(t, pool.Processes(2))
	errBad := errors.New("bad")
	f := func(x int) (int, error) {
		switch x % 10 {
		case 3:
			panic(x)
		case 5:
			return 99, errBad
		case 7:
			runtime.Goexit()
		}
		return sqr(x), nil
	}
	for _, k := range imapKinds {
		for _, chunk := range []int{1, 4, 10, 100} {
			results := map[int]int{}
			var failures []string
			i := 0
			for r, err := range k.imapErr(p, f, ints(40), pool.ChunkSize(chunk)) {
				switch {
				case err == nil:
					results[r]++
				case errors.Is(err, pool.ErrGoexit):
					failures = append(failures, "goexit")
				case errors.Is(err, errBad):
					failures = append(failures, "bad")
				default:
					var pe *pool.PanicError
					if !errors.As(err, &pe) {
						t.Fatalf("unexpected error %v", err)
					}
					failures = append(failures, "panic")
				}
				if err != nil && r != 0 {
					t.Errorf("%s: an error came with the value %d; want the zero value", k.name, r)
				}
				if k.ordered && err == nil && r != sqr(i) {
					t.Errorf("%s chunk %d: result %d = %d; want %d", k.name, chunk, i, r, sqr(i))
				}
				i++
			}
			if i != 40 || len(results) != 28 {
				t.Errorf("%s chunk %d: %d items, %d results; want 40 items, 28 results", k.name, chunk, i, len(results))
			}
			if k.ordered {
				want := slices.Repeat([]string{"panic", "bad", "goexit"}, 4)
				if diff := cmp.Diff(want, failures); diff != "" {
					t.Errorf("IMap chunk %d: failures (-want +got):\n%s", chunk, diff)
				}
			}
		}
	}
}

// Breaking out of a loop skips the chunks that have not started, stops the
// goroutine reading an iterator (even an endless one) and leaves the pool
// usable; goleak checks that nothing is left when the test ends.
func TestIMapBreak(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := pool.New(pool.Processes(1))
		defer p.Terminate()
		for _, k := range imapKinds {
			var ran atomic.Int32
			broke := make(chan struct{})
			f := func(x int) int {
				ran.Add(1)
				if x > 0 {
					<-broke
				}
				return x
			}
			for _, err := range k.imap(p, f, slices.Values(ints(1000))) {
				if err != nil {
					t.Fatal(err)
				}
				break
			}
			close(broke)
			synctest.Wait()
			// Item 0, and item 1 if its chunk had started.
			if n := ran.Load(); n > 2 {
				t.Errorf("%s: %d of 1000 items ran after a break at the first", k.name, n)
			}
			f = func(x int) int { ran.Add(1); return x }
			var read atomic.Int64
			count := func(yield func(int) bool) {
				for i := 0; ; i++ {
					read.Add(1)
					if !yield(i) {
						return
					}
				}
			}
			seen := 0
			for _, err := range k.imap(p, f, count, pool.ChunkSize(3)) {
				if err != nil {
					t.Fatal(err)
				}
				if seen++; seen == 500 {
					break
				}
			}
			synctest.Wait() // the reader has ended: nothing is durably blocked but the workers
			n := read.Load()
			synctest.Wait()
			if read.Load() != n {
				t.Errorf("%s: the endless input is still read after the break", k.name)
			}
			if got, err := pool.Map(p, sqr, ints(10)); err != nil || !slices.Equal(got, squares(10)) {
				t.Errorf("%s: Map after the break = %v, %v", k.name, got, err)
			}
		}
	})
}

// An iterator input is read at most a bounded number of chunks ahead of
// the loop, however long the loop takes.
func TestIMapBackpressure(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := pool.New(pool.Processes(2))
		defer p.Terminate()
		var read atomic.Int64
		count := func(yield func(int) bool) {
			for i := 0; ; i++ {
				read.Add(1)
				if !yield(i) {
					return
				}
			}
		}
		i := 0
		for r, err := range pool.IMap(p, sqr, count, pool.ChunkSize(5)) {
			if err != nil || r != sqr(i) {
				t.Fatalf("result %d = %v, %v", i, r, err)
			}
			if i%1000 == 0 {
				time.Sleep(time.Second) // a slow loop
				if n := read.Load(); n > int64(i)+5*64+5 {
					t.Fatalf("%d items read with %d yielded; want at most 64 chunks ahead", n, i)
				}
			}
			if i++; i == 5000 {
				break
			}
		}
	})
}

// A loop that has not started when the pool is closed still gets every
// result: Close lets an iterator input be read to its end, so Join
// returns, as Python's task handler reads it all.
func TestIMapAfterClose(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := pool.New(pool.Processes(2))
		for _, k := range imapKinds {
			seq := k.imap(p, sqr, slices.Values(ints(5000)))
			defer func() {
				if got, _ := collect(seq); !slices.Equal(k.sorted(got), squares(5000)) {
					t.Errorf("%s after Join yielded %d results; want all 5000", k.name, len(got))
				}
				if got, _ := collect(seq); len(got) != 0 {
					t.Errorf("%s ranged twice yielded %d results the second time; want none", k.name, len(got))
				}
			}()
		}
		p.Close()
		p.Join()
	})
}

// PL-24: Terminate ends a loop: the results done by then are yielded, then
// ErrTerminated, then the end; the goroutine reading the input ends.
func TestIMapTerminate(t *testing.T) {
	for _, k := range imapKinds {
		t.Run(k.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				p := pool.New(pool.Processes(1))
				release := make(chan struct{})
				f := func(x int) int {
					if x == 2 {
						<-release
					}
					return x
				}
				var got []int
				var errs []error
				for r, err := range k.imap(p, f, slices.Values(ints(1000))) {
					if err != nil {
						errs = append(errs, err)
						continue
					}
					got = append(got, r)
					if len(got) == 2 {
						synctest.Wait() // item 2 blocks its worker
						go p.Terminate()
						synctest.Wait()
						close(release)
					}
				}
				p.Join()
				if !slices.Equal(got, []int{0, 1}) || len(errs) != 1 || !errors.Is(errs[0], pool.ErrTerminated) {
					t.Errorf("yielded %v then %v; want [0 1] then ErrTerminated", got, errs)
				}
			})
		})
	}
}

// A panic in the loop's body goes up to the caller and stops the call as a
// break does.
func TestIMapBodyPanics(t *testing.T) {
	p := newPool(t, pool.Processes(1))
	func() {
		defer func() {
			if r := recover(); r != "body" {
				t.Errorf("recovered %v; want the body's panic", r)
			}
		}()
		for range pool.IMap(p, sqr, slices.Values(ints(1000))) {
			panic("body")
		}
	}()
	if got, err := pool.Map(p, sqr, ints(10)); err != nil || !slices.Equal(got, squares(10)) {
		t.Errorf("Map afterwards = %v, %v", got, err)
	}
}

// An input iterator that calls runtime.Goexit ends the loop with
// ErrGoexit after the chunks before it; nothing hangs.
func TestIMapInputGoexit(t *testing.T) {
	p := newPool(t, pool.Processes(2))
	for _, k := range imapKinds {
		seq := func(yield func(int) bool) {
			for i := range 5 {
				if !yield(i) {
					return
				}
			}
			runtime.Goexit()
		}
		got, errs := collect(k.imap(p, sqr, seq, pool.ChunkSize(2)))
		if len(got) != 5 || !errors.Is(errs[4], pool.ErrGoexit) || !slices.Equal(k.sorted(got[:4]), squares(4)) {
			t.Errorf("%s over an input that calls Goexit: %v, %v; want 0 1 4 9 then ErrGoexit", k.name, got, errs)
		}
	}
}

// Terminate ends a loop at once even while the goroutine reading its
// input is blocked in the input itself; Terminate then waits for that
// goroutine, which ends when the input next yields.
func TestIMapTerminateBlockedInput(t *testing.T) {
	for _, k := range imapKinds {
		t.Run(k.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				p := pool.New(pool.Processes(2))
				unblock := make(chan struct{})
				seq := func(yield func(int) bool) {
					for i := 0; ; i++ {
						if i == 3 {
							<-unblock
						}
						if !yield(i) {
							return
						}
					}
				}
				var got []int
				var errs []error
				terminated := make(chan struct{})
				for r, err := range k.imap(p, sqr, seq) {
					if err != nil {
						errs = append(errs, err)
						continue
					}
					got = append(got, r)
					if len(got) == 3 {
						go func() { p.Terminate(); close(terminated) }()
					}
				}
				if !slices.Equal(k.sorted(got), []int{0, 1, 4}) || len(errs) != 1 || !errors.Is(errs[0], pool.ErrTerminated) {
					t.Errorf("yielded %v then %v; want 0 1 4 then ErrTerminated", got, errs)
				}
				synctest.Wait()
				select {
				case <-terminated:
					t.Error("Terminate returned while the input reader was blocked")
				default:
				}
				close(unblock)
				<-terminated
			})
		})
	}
}
