package queue_test

// Tests from a review of the package against the 3.13 Lib/queue.py and
// Lib/test/test_queue.py: the races and edge cases CPython's suite does
// not reach. Each checks that no item is lost or duplicated and that every
// blocked call returns with an outcome consistent with the queue's state.

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/pyconc/pyconc/queue"
)

// sameInstantRuns is how many times each same-instant race is run: the
// order in which synctest wakes two goroutines due at one instant varies
// from run to run, and both orders must come out consistent.
const sameInstantRuns = 50

// QQ-05, QQ-06: a PutTimeout and a PutContext on a full queue whose
// deadlines fall at the very instant a Get makes room. At most one of them
// succeeds, and the queue holds exactly the items whose put returned nil.
func TestTimeoutAtTheInstantAGetMakesRoom(t *testing.T) {
	forKinds(t, func(t *testing.T, k kind) {
		for range sameInstantRuns {
			synctest.Test(t, func(t *testing.T) {
				q := k.new(1)
				q.Put(1)
				p1 := started(func() error { return q.PutTimeout(2, time.Second) })
				p2 := started(func() error {
					ctx, cancel := context.WithTimeout(t.Context(), time.Second)
					defer cancel()
					return q.PutContext(ctx, 3)
				})
				time.Sleep(time.Second)
				if v, err := q.Get(); v != 1 || err != nil {
					t.Fatalf("Get() = %v, %v; want 1, nil", v, err)
				}
				e1, e2 := <-p1, <-p2
				if (e1 != nil && e1 != queue.ErrFull) || (e2 != nil && e2 != context.DeadlineExceeded) {
					t.Fatalf("PutTimeout = %v, PutContext = %v", e1, e2)
				}
				var want []int
				if e1 == nil {
					want = append(want, 2)
				}
				if e2 == nil {
					want = append(want, 3)
				}
				if len(want) > 1 {
					t.Fatal("both puts succeeded on a maxsize-1 queue")
				}
				if q.Qsize() != len(want) || q.UnfinishedTasks() != 1+len(want) {
					t.Fatalf("puts returned %v, %v: Qsize() = %d, UnfinishedTasks() = %d", e1, e2, q.Qsize(), q.UnfinishedTasks())
				}
				if len(want) == 1 {
					if v, _ := q.GetNowait(); v != want[0] {
						t.Fatalf("GetNowait() = %d; want %d", v, want[0])
					}
				}
			})
		}
	})
}

// QQ-07: a GetTimeout on an empty queue whose deadline falls at the very
// instant of a Put: either the getter has the item, or it gave up and the
// item is in the queue. It is never lost.
func TestTimeoutAtTheInstantOfAPut(t *testing.T) {
	forKinds(t, func(t *testing.T, k kind) {
		for range sameInstantRuns {
			synctest.Test(t, func(t *testing.T) {
				q := k.new(0)
				g := started(func() result { v, err := q.GetTimeout(time.Second); return result{v, err} })
				time.Sleep(time.Second)
				q.Put(7)
				switch r := <-g; r {
				case result{7, nil}:
					if q.Qsize() != 0 {
						t.Fatalf("getter has the item and Qsize() = %d", q.Qsize())
					}
				case result{0, queue.ErrEmpty}:
					if q.Qsize() != 1 {
						t.Fatalf("getter gave up and Qsize() = %d; the item is lost", q.Qsize())
					}
				default:
					t.Fatalf("GetTimeout = %v", r)
				}
			})
		}
	})
}

// QQ-12: a JoinTimeout whose deadline falls at the very instant of the
// last TaskDone may report either, but returns; a Join beside it returns.
func TestJoinTimeoutAtTheInstantOfTheLastTaskDone(t *testing.T) {
	for range sameInstantRuns {
		synctest.Test(t, func(t *testing.T) {
			q := queue.New[int](0)
			q.Put(1)
			q.Get()
			j1 := started(func() bool { return q.JoinTimeout(time.Second) })
			j2 := started(func() bool { q.Join(); return true })
			time.Sleep(time.Second)
			q.TaskDone()
			<-j1
			<-j2
		})
	}
}

// QS-05, QS-06: a shutdown at the very instant blocked timed calls give
// up: each returns its timeout error or ErrShutDown, and a non-immediate
// shutdown keeps the item that was in the queue.
func TestShutdownAtTheInstantOfATimeout(t *testing.T) {
	for _, immediate := range []bool{false, true} {
		t.Run(fmt.Sprintf("immediate=%v", immediate), func(t *testing.T) {
			for range sameInstantRuns {
				synctest.Test(t, func(t *testing.T) {
					full, empty := queue.New[int](1), queue.New[int](1)
					full.Put(1)
					p := started(func() error { return full.PutTimeout(2, time.Second) })
					g := started(func() error { _, err := empty.GetTimeout(time.Second); return err })
					time.Sleep(time.Second)
					shutdown(full, immediate)
					shutdown(empty, immediate)
					if err := <-p; err != queue.ErrFull && err != queue.ErrShutDown {
						t.Fatalf("PutTimeout = %v; want ErrFull or ErrShutDown", err)
					}
					if err := <-g; err != queue.ErrEmpty && err != queue.ErrShutDown {
						t.Fatalf("GetTimeout = %v; want ErrEmpty or ErrShutDown", err)
					}
					want := 1
					if immediate {
						want = 0
					}
					if full.Qsize() != want || full.UnfinishedTasks() != want {
						t.Fatalf("Qsize() = %d, UnfinishedTasks() = %d; want %d, %d", full.Qsize(), full.UnfinishedTasks(), want, want)
					}
				})
			}
		})
	}
}

// QS-03, QS-04: a waiter already served when the shutdown comes is not
// woken by it. A getter handed an item returns the item, even when
// ShutdownImmediate runs before the getter does; a putter let in by a Get
// returns nil and its item stays for later gets. (Python's notified
// thread would raise ShutDown, and the immediate drain would discard the
// item.) The hand-off happens inside Put and Get, so this is
// deterministic.
func TestServedWaitersAreNotUndoneByShutdown(t *testing.T) {
	forModes(t, func(t *testing.T, k kind, immediate bool) {
		synctest.Test(t, func(t *testing.T) {
			q := k.new(1)
			g := started(func() result { v, err := q.Get(); return result{v, err} })
			synctest.Wait()
			q.Put(5) // handed to g, which has not run yet
			if immediate {
				if got := q.ShutdownImmediate(); got != nil {
					t.Fatalf("ShutdownImmediate() = %v; want nothing drained", got)
				}
			} else {
				q.Shutdown()
			}
			if r := <-g; r != (result{5, nil}) {
				t.Fatalf("served getter = %v; want {5 <nil>}", r)
			}
			if q.UnfinishedTasks() != 1 {
				t.Fatalf("UnfinishedTasks() = %d; want 1", q.UnfinishedTasks())
			}

			q = k.new(1)
			q.Put(1)
			p := started(func() error { return q.Put(2) })
			synctest.Wait()
			q.Get() // lets 2 in; p has not run yet
			var drained []int
			if immediate {
				drained = q.ShutdownImmediate()
			} else {
				q.Shutdown()
			}
			if err := <-p; err != nil {
				t.Fatalf("served putter = %v; want nil", err)
			}
			if immediate {
				if len(drained) != 1 || drained[0] != 2 {
					t.Fatalf("ShutdownImmediate() = %v; want [2]", drained)
				}
			} else if v, err := q.Get(); v != 2 || err != nil {
				t.Fatalf("Get() = %v, %v; want the admitted item 2", v, err)
			}
		})
	})
}

// QS-05…QS-08 with real goroutines: 8 putters and 8 getters using every
// form, 3 joiners, and a shutdown at a varying moment of the traffic.
// Every call returns; the items got plus those ShutdownImmediate returned
// are exactly the items whose put succeeded; and since every getter calls
// TaskDone, no task is left and every joiner returns.
func TestShutdownRacingEveryForm(t *testing.T) {
	iters := 100
	if raceEnabled || testing.Short() {
		iters = 20
	}
	const putters, getters, joiners, perPutter = 8, 8, 3, 10
	forModes(t, func(t *testing.T, k kind, immediate bool) {
		for it := range iters {
			q := k.new(3)
			var (
				putOK, gotN [putters * perPutter]atomic.Int32
				wg, jg      sync.WaitGroup
				drained     []int
				start       = make(chan struct{})
			)
			for p := range putters {
				wg.Go(func() {
					<-start
					for i := range perPutter {
						v := p*perPutter + i
						var err error
						switch i % 3 {
						case 0:
							err = q.Put(v)
						case 1:
							err = q.PutTimeout(v, time.Duration(1+it%5)*time.Microsecond)
						default:
							ctx, cancel := context.WithTimeout(context.Background(), time.Duration(i)*time.Microsecond)
							err = q.PutContext(ctx, v)
							cancel()
						}
						switch err {
						case nil:
							putOK[v].Add(1)
						case queue.ErrShutDown:
							return
						case queue.ErrFull, context.DeadlineExceeded:
						default:
							t.Errorf("put = %v", err)
						}
					}
				})
			}
			for g := range getters {
				wg.Go(func() {
					<-start
					for i := 0; ; i++ {
						var v int
						var err error
						switch (g + i) % 3 {
						case 0:
							v, err = q.Get()
						case 1:
							v, err = q.GetTimeout(time.Microsecond)
						default:
							v, err = q.GetNowait()
						}
						switch err {
						case nil:
							gotN[v].Add(1)
							q.TaskDone()
						case queue.ErrShutDown:
							return
						case queue.ErrEmpty:
						default:
							t.Errorf("get = %v", err)
							return
						}
					}
				})
			}
			for range joiners {
				jg.Go(func() { <-start; q.Join() })
			}
			wg.Go(func() {
				<-start
				for range it % 50 {
					runtime.Gosched()
				}
				if immediate {
					drained = q.ShutdownImmediate()
				} else {
					q.Shutdown()
				}
			})
			close(start)
			wg.Wait()
			if q.Qsize() != 0 {
				t.Fatalf("run %d: Qsize() = %d after every getter ended with ErrShutDown", it, q.Qsize())
			}
			for _, v := range drained {
				gotN[v].Add(1)
			}
			for i := range putOK {
				if p, g := putOK[i].Load(), gotN[i].Load(); p != g {
					t.Fatalf("run %d: item %d put %d times, got or drained %d times", it, i, p, g)
				}
			}
			if u := q.UnfinishedTasks(); u != 0 {
				t.Fatalf("run %d: UnfinishedTasks() = %d; want 0", it, u)
			}
			jg.Wait()
		}
	})
}

// QQ-10: two goroutines call TaskDone with one task unfinished: exactly one
// panics, with Python's text, and the count ends at zero, never below.
func TestTaskDoneTooManyTimesConcurrently(t *testing.T) {
	for range 1000 {
		q := queue.New[int](0)
		q.Put(1)
		var panics atomic.Int32
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() {
				if r := recovered(q.TaskDone); r != nil {
					if r != taskDonePanic {
						t.Errorf("TaskDone panicked %v; want %q", r, taskDonePanic)
					}
					panics.Add(1)
				}
			})
		}
		wg.Wait()
		if panics.Load() != 1 || q.UnfinishedTasks() != 0 {
			t.Fatalf("%d TaskDone calls panicked, UnfinishedTasks() = %d; want 1, 0", panics.Load(), q.UnfinishedTasks())
		}
	}
}

// QS-04, QS-07: ShutdownImmediate racing TaskDone for items already got:
// the drain lowers the count by the items it removed only, so a Join
// blocked throughout returns exactly when the got items are done.
func TestShutdownImmediateRacingTaskDone(t *testing.T) {
	for range 1000 {
		q := queue.New[int](0)
		for i := range 6 {
			q.Put(i)
		}
		q.Get()
		q.Get()
		j := started(func() bool { q.Join(); return true })
		var wg sync.WaitGroup
		wg.Go(q.TaskDone)
		wg.Go(q.TaskDone)
		wg.Go(func() {
			if n := len(q.ShutdownImmediate()); n != 4 {
				t.Errorf("ShutdownImmediate() removed %d items; want 4", n)
			}
		})
		wg.Wait()
		<-j
		if q.UnfinishedTasks() != 0 {
			t.Fatalf("UnfinishedTasks() = %d; want 0", q.UnfinishedTasks())
		}
	}
}

// QQ-08 on a shut down queue: pyconc panics on a negative timeout whatever
// the state, where Python checks is_shutdown first and raises ShutDown
// from put(x, timeout=-1) and from get(timeout=-1) on an empty queue.
func TestNegativeTimeoutPanicsAfterShutdown(t *testing.T) {
	forKinds(t, func(t *testing.T, k kind) {
		q := k.new(2)
		q.Shutdown()
		mustPanic(t, timeoutPanic, func() { q.PutTimeout(1, -time.Second) })
		mustPanic(t, timeoutPanic, func() { q.GetTimeout(-time.Second) })
		mustPanic(t, timeoutPanic, func() { q.JoinTimeout(-time.Second) })
	})
}

// QQ-13, shrinking with putters blocked: they stay blocked until the queue
// is below the new size, then go in in order; SetMaxsize on a shut down
// queue changes the size and nothing else.
func TestShrinkingKeepsPuttersBlocked(t *testing.T) {
	forKinds(t, func(t *testing.T, k kind) {
		synctest.Test(t, func(t *testing.T) {
			q := k.new(2)
			q.Put(1)
			q.Put(2)
			p := started(func() error { return q.Put(3) })
			synctest.Wait()
			q.SetMaxsize(1)
			synctest.Wait()
			if _, ok := received(p); ok {
				t.Fatal("shrinking let the blocked putter in")
			}
			q.Get() // one item left in a maxsize-1 queue: still full
			synctest.Wait()
			if _, ok := received(p); ok {
				t.Fatal("the putter went in with the queue still full")
			}
			q.Get()
			if err := <-p; err != nil {
				t.Fatalf("Put = %v", err)
			}
			if q.Qsize() != 1 || q.UnfinishedTasks() != 3 {
				t.Fatalf("Qsize() = %d, UnfinishedTasks() = %d; want 1, 3", q.Qsize(), q.UnfinishedTasks())
			}
			q.Shutdown()
			q.SetMaxsize(0)
			if err := q.PutNowait(4); err != queue.ErrShutDown || q.Maxsize() != 0 {
				t.Fatalf("PutNowait after SetMaxsize on a shut down queue = %v, Maxsize() = %d", err, q.Maxsize())
			}
		})
	})
}
