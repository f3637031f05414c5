package futures_test

import (
	"errors"
	"fmt"
	"iter"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"

	"go.uber.org/goleak"

	"github.com/pyconc/pyconc/futures"
)

// stressTasks is the number of tasks each stress test runs through each
// executor: a million normally, fewer under the race detector or -short
// so that the race run of the package stays short.
func stressTasks() int {
	switch {
	case raceEnabled:
		return 30_000
	case testing.Short():
		return 100_000
	}
	return 1_000_000
}

// A million calls through Submit, every result checked.
func TestStressSubmit(t *testing.T) {
	n := stressTasks()
	forExecutors(t, func(t *testing.T, k executorKind) {
		ex := k.new(futures.MaxWorkers(4))
		defer ex.Shutdown()
		fs := make([]*futures.Future[int], n)
		for i := range fs {
			if i%2 == 0 {
				fs[i] = mustSubmit(t, ex, func() int { return i * 3 })
			} else {
				fs[i], _ = futures.SubmitErr(ex, func() (int, error) { return i * 3, nil })
			}
		}
		for i, f := range fs {
			if v, err := f.Result(); v != i*3 || err != nil {
				t.Fatalf("future %d: Result() = %v, %v", i, v, err)
			}
		}
	})
}

// A million items through Map and MapErr, every result checked, at
// several chunk sizes.
func TestStressMap(t *testing.T) {
	n := stressTasks()
	items := slices.Collect(intRange(n))
	forExecutors(t, func(t *testing.T, k executorKind) {
		ex := k.new(futures.MaxWorkers(4))
		defer ex.Shutdown()
		for _, chunk := range []int{1, 7, 1000} {
			i := 0
			for v, err := range futures.Map(ex, func(x int) int { return x * x }, items, futures.ChunkSize(chunk)) {
				if v != i*i || err != nil {
					t.Fatalf("ChunkSize(%d): result %d = %v, %v", chunk, i, v, err)
				}
				i++
			}
			if i != n {
				t.Fatalf("ChunkSize(%d): %d results; want %d", chunk, i, n)
			}
			i = 0
			for v, err := range futures.MapErr(ex, func(x int) (int, error) { return -x, nil }, intRange(n/10), futures.ChunkSize(chunk)) {
				if v != -i || err != nil {
					t.Fatalf("MapErr ChunkSize(%d): result %d = %v, %v", chunk, i, v, err)
				}
				i++
			}
		}
	})
}

// A million futures through AsCompleted while they run, each yielded once.
func TestStressAsCompleted(t *testing.T) {
	n := stressTasks()
	ex := futures.NewThreadPoolExecutor(futures.MaxWorkers(4))
	defer ex.Shutdown()
	fs := make([]*futures.Future[int], n)
	for i := range fs {
		fs[i] = mustSubmit(t, ex, func() int { return i })
	}
	seen := make([]bool, n)
	count := 0
	for f, err := range futures.AsCompleted(fs) {
		if err != nil {
			t.Fatal(err)
		}
		v, _ := f.Result()
		if seen[v] {
			t.Fatalf("future %d yielded twice", v)
		}
		seen[v] = true
		count++
	}
	if count != n {
		t.Fatalf("%d futures yielded; want %d", count, n)
	}
}

// The actions of the shutdown-ordering tests, each run in a goroutine of
// its own once the previous ones have gone as far as they can.
var orderingActions = []struct {
	name string
	do   func(s *orderingState)
}{
	{"Shutdown", func(s *orderingState) { s.ex.Shutdown() }},
	{"ShutdownNoWait", func(s *orderingState) { s.ex.Shutdown(futures.ShutdownWait(false)) }},
	{"ShutdownCancel", func(s *orderingState) { s.ex.Shutdown(futures.CancelFutures(true)) }},
	{"CancelAll", func(s *orderingState) {
		for _, f := range s.fs {
			f.Cancel()
		}
	}},
	{"Release", func(s *orderingState) { close(s.release) }},
	{"Submit", func(s *orderingState) {
		f, err := futures.Submit(s.ex, func() int { return -1 })
		if err == nil {
			s.late = f
		} else if !errors.Is(err, futures.ErrShutdown) {
			s.t.Errorf("late Submit: %v", err)
		}
	}},
	{"Map", func(s *orderingState) {
		i := 0
		for v, err := range s.mapped {
			if err != nil {
				if err != futures.ErrCancelled {
					s.t.Errorf("Map: %v", err)
				}
				return
			}
			if v != i {
				s.t.Errorf("Map result %d = %d", i, v)
			}
			i++
		}
	}},
}

// orderingState is one run of an ordering: an executor with two calls
// running (blocked until Release), eight queued, and a Map queued.
type orderingState struct {
	t       *testing.T
	ex      futures.Executor
	release chan struct{}
	fs      []*futures.Future[int]
	mapped  iter.Seq2[int, error]
	late    *futures.Future[int]
}

// Shutdown, Shutdown(ShutdownWait(false)), Shutdown(CancelFutures(true)),
// Future.Cancel, a late Submit and a Map, with work running and queued,
// in every ordering of four of them (with the release of the running
// work always among them): no deadlock (synctest fails a run in which
// every goroutine is blocked), no panic, no leak (the bubble ends only
// when every worker has exited), and every future ends done, with its
// value or cancelled.
func TestShutdownOrderings(t *testing.T) {
	release := len(orderingActions) - 3 // the index of Release
	var orders [][]int
	for a := range orderingActions {
		for b := range orderingActions {
			for c := range orderingActions {
				if a == b || b == c || a == c || a == release || b == release || c == release {
					continue
				}
				for pos := range 4 { // where Release goes
					o := []int{a, b, c}
					orders = append(orders, slices.Insert(o, pos, release))
				}
			}
		}
	}
	forExecutors(t, func(t *testing.T, k executorKind) {
		for _, order := range orders {
			var names []string
			for _, i := range order {
				names = append(names, orderingActions[i].name)
			}
			synctest.Test(t, func(t *testing.T) {
				s := &orderingState{t: t, ex: k.new(futures.MaxWorkers(2)), release: make(chan struct{})}
				for i := range 10 {
					s.fs = append(s.fs, mustSubmit(t, s.ex, func() int {
						if i < 2 {
							<-s.release
						}
						return i
					}))
				}
				s.mapped = futures.Map(s.ex, func(i int) int { return i }, slices.Collect(intRange(20)), futures.ChunkSize(3))
				synctest.Wait()
				var wg sync.WaitGroup
				for _, i := range order {
					wg.Go(func() { orderingActions[i].do(s) })
					synctest.Wait()
				}
				wg.Wait()
				s.ex.Shutdown()
				for i, f := range append(s.fs, s.late) {
					if f == nil {
						continue
					}
					want := i
					if f == s.late {
						want = -1
					}
					switch v, err := f.ResultTimeout(0); {
					case err == futures.ErrCancelled:
						if i < 2 {
							t.Errorf("%v: running future %d cancelled", names, i)
						}
					case err != nil || v != want:
						t.Errorf("%v: future %d: ResultTimeout(0) = %v, %v", names, i, v, err)
					}
				}
			})
		}
	})
}

// The same actions at random, concurrently, on real goroutines, with
// more work: for the race detector.
func TestShutdownChaos(t *testing.T) {
	rounds := 200
	if raceEnabled {
		rounds = 50
	}
	for round := range rounds {
		rng := rand.New(rand.NewPCG(uint64(round), 0))
		k := executorKinds[round%2]
		ex := k.new(futures.MaxWorkers(1 + rng.IntN(4)))
		var fs []*futures.Future[int]
		var fsMu sync.Mutex
		var wg sync.WaitGroup
		var submitted atomic.Int32
		// The shutdowns start once a random number of calls are in.
		threshold := int32(rng.IntN(600))
		ready := make(chan struct{})
		var readyOnce sync.Once
		for range 3 {
			wg.Go(func() {
				for i := range 200 {
					f, err := futures.Submit(ex, func() int { return i })
					if err != nil {
						if !errors.Is(err, futures.ErrShutdown) {
							t.Errorf("Submit: %v", err)
						}
						return
					}
					if submitted.Add(1) >= threshold {
						readyOnce.Do(func() { close(ready) })
					}
					fsMu.Lock()
					fs = append(fs, f)
					fsMu.Unlock()
				}
			})
		}
		chunk := 1 + rng.IntN(5)
		wg.Go(func() {
			for range futures.Map(ex, func(i int) int { return i }, slices.Collect(intRange(300)), futures.ChunkSize(chunk)) {
			}
		})
		wg.Go(func() {
			for range 50 {
				fsMu.Lock()
				if len(fs) > 0 {
					fs[len(fs)/2].Cancel()
				}
				fsMu.Unlock()
			}
		})
		opts := [][]futures.Option{nil, {futures.CancelFutures(true)}, {futures.ShutdownWait(false)}, {futures.ShutdownWait(false), futures.CancelFutures(true)}}
		o1, o2 := opts[rng.IntN(4)], opts[rng.IntN(4)]
		wg.Go(func() { <-ready; ex.Shutdown(o1...) })
		wg.Go(func() { <-ready; ex.Shutdown(o2...) })
		wg.Wait()
		ex.Shutdown()
		for _, f := range fs {
			if !f.Done() {
				t.Fatalf("round %d: future %v not done after Shutdown", round, f)
			}
			if _, err := f.Result(); err != nil && err != futures.ErrCancelled {
				t.Fatalf("round %d: %v", round, err)
			}
		}
	}
}

// Breaking out of Map and AsCompleted loops over many futures leaks
// nothing: no goroutine is left once the executor is shut down, and the
// calls a Map had not started never run.
func TestBreakLeaksNothing(t *testing.T) {
	defer goleak.VerifyNone(t)
	n := stressTasks() / 10
	for _, k := range executorKinds {
		ex := k.new(futures.MaxWorkers(3))
		var ran atomic.Int64
		for range 10 {
			gate := make(chan struct{})
			seq := futures.Map(ex, func(i int) int {
				ran.Add(1)
				if i >= 20 {
					<-gate // until the loop has broken off
				}
				return i
			}, slices.Collect(intRange(n)))
			for v := range seq {
				if v == 10 {
					break
				}
			}
			close(gate)
		}
		fs := make([]*futures.Future[int], n)
		for i := range fs {
			fs[i] = mustSubmit(t, ex, func() int { return i })
		}
		for range 10 {
			count := 0
			for range futures.AsCompleted(fs) {
				if count++; count == n/2 {
					break
				}
			}
		}
		ex.Shutdown()
		// Per map: items 0 … 19, and at most one call per worker waiting
		// at the gate when the loop broke off.
		if got := ran.Load(); got > 10*(20+3) {
			t.Errorf("%s: %d calls of the broken-off maps ran; want at most %d", k.name, got, 10*(20+3))
		}
	}
}

// A future waited for by many Wait and AsCompleted calls at once, which
// give up at random, completes and notifies the rest.
func TestManyWaiters(t *testing.T) {
	for round := range 50 {
		f := futures.NewFuture[int]()
		var wg sync.WaitGroup
		var notified atomic.Int32
		for i := range 20 {
			wg.Go(func() {
				switch i % 3 {
				case 0:
					if done, _ := futures.Wait([]*futures.Future[int]{f}); len(done) == 1 {
						notified.Add(1)
					}
				case 1:
					for g, err := range futures.AsCompleted([]*futures.Future[int]{f}) {
						if g == f && err == nil {
							notified.Add(1)
						}
					}
				case 2: // give up at once
					futures.Wait([]*futures.Future[int]{f}, futures.Timeout(0))
				}
			})
		}
		f.SetResult(round)
		wg.Wait()
		if got := notified.Load(); got != 14 {
			t.Fatalf("round %d: %d waiters saw the result; want 14", round, got)
		}
	}
	_ = fmt.Sprint()
}
