package queue_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pyconc/pyconc/queue"
)

// stressItems is the number of items each stress test sends through each
// kind of queue: a million normally, fewer under the race detector or
// -short so that the race run of the package stays well under a minute.
func stressItems() int {
	switch {
	case raceEnabled:
		return 20_000
	case testing.Short():
		return 100_000
	}
	return 1_000_000
}

// checkEachOnce fails unless every count is exactly one.
func checkEachOnce(t *testing.T, counts []atomic.Int32) {
	t.Helper()
	lost, dup := 0, 0
	for i := range counts {
		switch n := counts[i].Load(); {
		case n == 0:
			lost++
		case n > 1:
			dup++
		}
	}
	if lost != 0 || dup != 0 {
		t.Fatalf("of %d items, %d lost and %d got more than once", len(counts), lost, dup)
	}
}

// Eight producers and eight consumers send a million items through each
// ordering, bounded and unbounded, with TaskDone and Join: nothing is lost
// or duplicated, and Join returns exactly when the last TaskDone happens:
// each consumer marks its item before calling TaskDone, so when Join
// returns every item must be marked, and no task may be left. QQ-11,
// QQ-12; CPython: Lib/test/test_queue.py BaseQueueTestMixin.test_queue_join,
// scaled up.
func TestStressTaskDoneJoin(t *testing.T) {
	const producers, consumers = 8, 8
	n := stressItems()
	for _, k := range kinds {
		if k.name == "ZeroQueue" || k.name == "PriorityQueueFunc" {
			continue // the same stores as Queue and PriorityQueue
		}
		for _, maxsize := range []int{0, 100} {
			t.Run(fmt.Sprintf("%s/maxsize=%d", k.name, maxsize), func(t *testing.T) {
				q := k.new(maxsize)
				counts := make([]atomic.Int32, n)
				var marked atomic.Int64
				var prod, cons sync.WaitGroup
				for c := range consumers {
					cons.Go(func() {
						for v := range q.Items() {
							counts[v].Add(1)
							marked.Add(1)
							if c == 0 && v%1024 == 0 {
								runtime.Gosched() // vary which TaskDone is last
							}
							q.TaskDone()
						}
					})
				}
				var putsDone atomic.Int64
				for p := range producers {
					prod.Go(func() {
						for i := p; i < n; i += producers {
							if err := q.Put(i); err != nil {
								t.Errorf("Put(%d) = %v", i, err)
								return
							}
							putsDone.Add(1)
						}
					})
				}
				// Joiners that give up early, or not: a JoinTimeout or
				// JoinContext that succeeds saw no unfinished task after it
				// began, so every item put before it began was marked.
				stop := make(chan struct{})
				var joiners sync.WaitGroup
				for j := range 2 {
					joiners.Go(func() {
						for {
							select {
							case <-stop:
								return
							default:
							}
							before := putsDone.Load()
							var ok bool
							if j == 0 {
								ok = q.JoinTimeout(50 * time.Microsecond)
							} else {
								ctx, cancel := context.WithTimeout(context.Background(), 50*time.Microsecond)
								ok = q.JoinContext(ctx) == nil
								cancel()
							}
							if m := marked.Load(); ok && m < before {
								t.Errorf("Join succeeded with %d items marked, %d put before it began", m, before)
								return
							}
						}
					})
				}
				prod.Wait()
				close(stop)
				joiners.Wait()
				q.Join()
				if m := marked.Load(); m != int64(n) {
					t.Errorf("Join returned with %d of %d items marked done", m, n)
				}
				if u := q.UnfinishedTasks(); u != 0 {
					t.Errorf("Join returned with UnfinishedTasks() = %d", u)
				}
				q.Shutdown()
				cons.Wait()
				checkEachOnce(t, counts)
			})
		}
	}
	t.Run("SimpleQueue", func(t *testing.T) {
		var q queue.SimpleQueue[int]
		counts := make([]atomic.Int32, n)
		var prod, cons sync.WaitGroup
		for range consumers {
			cons.Go(func() {
				for v := q.Get(); v >= 0; v = q.Get() {
					counts[v].Add(1)
				}
			})
		}
		for p := range producers {
			prod.Go(func() {
				for i := p; i < n; i += producers {
					q.Put(i)
				}
			})
		}
		prod.Wait()
		for range consumers {
			q.Put(-1)
		}
		cons.Wait()
		checkEachOnce(t, counts)
	})
}

// Getters and putters give up at random (contexts cancelled or timed out,
// timeouts, non-blocking tries) while items flow, and the queue is shut
// down at the end or, immediately, in the middle: the items got plus the
// items ShutdownImmediate returned are exactly the items whose put
// succeeded, each once. This races giving up against being served, the
// hand-off's hardest case.
func TestStressCancellation(t *testing.T) {
	const producers, consumers = 4, 4
	n := stressItems() / 4
	for _, k := range kinds {
		for _, immediate := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/immediate=%v", k.name, immediate), func(t *testing.T) {
				q := k.new(8)
				putOK := make([]atomic.Int32, n)
				gotN := make([]atomic.Int32, n)
				var puts atomic.Int64
				tenth := make(chan struct{}) // closed when n/10 puts succeeded
				var prod, cons sync.WaitGroup
				for c := range consumers {
					cons.Go(func() {
						rng := rand.New(rand.NewPCG(uint64(c), 1))
						for {
							v, err := randomGet(q, rng)
							switch err {
							case nil:
								gotN[v].Add(1)
							case queue.ErrShutDown:
								return
							case queue.ErrEmpty, context.Canceled, context.DeadlineExceeded:
							default:
								t.Errorf("get = %v", err)
								return
							}
						}
					})
				}
				for p := range producers {
					prod.Go(func() {
						rng := rand.New(rand.NewPCG(uint64(p), 2))
						for i := p; i < n; i += producers {
							switch err := randomPut(q, rng, i); err {
							case nil:
								putOK[i].Add(1)
								if puts.Add(1) == int64(n/10) {
									close(tenth)
								}
							case queue.ErrShutDown:
								return
							case queue.ErrFull, context.Canceled, context.DeadlineExceeded:
							default:
								t.Errorf("put = %v", err)
								return
							}
						}
					})
				}
				var drained []int
				if immediate {
					<-tenth
					drained = q.ShutdownImmediate()
				}
				prod.Wait()
				q.Shutdown()
				cons.Wait()
				for _, v := range drained {
					gotN[v].Add(1)
				}
				for i := range n {
					if p, g := putOK[i].Load(), gotN[i].Load(); p != g {
						t.Fatalf("item %d: put %d times, got %d times", i, p, g)
					}
				}
				if !immediate && q.UnfinishedTasks() != int(puts.Load()) {
					t.Fatalf("UnfinishedTasks() = %d; want %d puts", q.UnfinishedTasks(), puts.Load())
				}
			})
		}
	}
}

// randomGet gets with a randomly chosen form and patience.
func randomGet(q *queue.Queue[int], rng *rand.Rand) (int, error) {
	switch rng.IntN(5) {
	case 0:
		return q.GetNowait()
	case 1:
		return q.GetTimeout(time.Duration(rng.IntN(20)) * time.Microsecond)
	case 2:
		ctx, cancel := context.WithTimeout(context.Background(), time.Duration(rng.IntN(20))*time.Microsecond)
		defer cancel()
		return q.GetContext(ctx)
	case 3:
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		if rng.IntN(2) == 0 {
			go cancel() // races with the wait
		} else {
			cancel()
		}
		return q.GetContext(ctx)
	default:
		return q.Get()
	}
}

// randomPut puts with a randomly chosen form and patience.
func randomPut(q *queue.Queue[int], rng *rand.Rand, v int) error {
	switch rng.IntN(5) {
	case 0:
		return q.PutNowait(v)
	case 1:
		return q.PutTimeout(v, time.Duration(rng.IntN(20))*time.Microsecond)
	case 2:
		ctx, cancel := context.WithTimeout(context.Background(), time.Duration(rng.IntN(20))*time.Microsecond)
		defer cancel()
		return q.PutContext(ctx, v)
	case 3:
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		if rng.IntN(2) == 0 {
			go cancel()
		} else {
			cancel()
		}
		return q.PutContext(ctx, v)
	default:
		return q.Put(v)
	}
}

// The multiset check of TestStressCancellation, stated once more on a
// small, exactly known example so a reader sees what is compared.
func TestCancellationMultisetExample(t *testing.T) {
	q := queue.New[int](1)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	put := []int{}
	for i := range 3 {
		if q.PutContext(ctx, i) == nil {
			put = append(put, i)
		}
	}
	out := q.ShutdownImmediate()
	if !slices.Equal(put, []int{0}) || !slices.Equal(out, []int{0}) {
		t.Fatalf("put %v, drained %v; want [0], [0]", put, out)
	}
}
