package queue_test

import (
	stdcmp "cmp"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pyconc/pyconc/queue"
)

// shutdown calls Shutdown or ShutdownImmediate.
func shutdown(q *queue.Queue[int], immediate bool) {
	if immediate {
		q.ShutdownImmediate()
	} else {
		q.Shutdown()
	}
}

// forModes runs f for every kind and both shutdown modes.
func forModes(t *testing.T, f func(t *testing.T, k kind, immediate bool)) {
	t.Helper()
	for _, k := range kinds {
		for _, immediate := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/immediate=%v", k.name, immediate), func(t *testing.T) { f(t, k, immediate) })
		}
	}
}

// QS-03; CPython: Lib/test/test_queue.py BaseQueueTestMixin.test_shutdown_empty.
func TestShutdownEmpty(t *testing.T) {
	forKinds(t, func(t *testing.T, k kind) {
		q := k.new(0)
		q.Shutdown()
		if err := q.Put(1); err != queue.ErrShutDown {
			t.Fatalf("Put after Shutdown = %v; want ErrShutDown", err)
		}
		if _, err := q.Get(); err != queue.ErrShutDown {
			t.Fatalf("Get after Shutdown = %v; want ErrShutDown", err)
		}
	})
}

// QS-03; CPython: BaseQueueTestMixin.test_shutdown_nonempty.
func TestShutdownNonempty(t *testing.T) {
	forKinds(t, func(t *testing.T, k kind) {
		q := k.new(0)
		q.Put(1)
		q.Shutdown()
		if v, err := q.Get(); v != 1 || err != nil {
			t.Fatalf("Get after Shutdown = %v, %v; want the remaining item 1", v, err)
		}
		if _, err := q.Get(); err != queue.ErrShutDown {
			t.Fatalf("Get on an empty shut down queue = %v; want ErrShutDown", err)
		}
	})
}

// QS-04; CPython: BaseQueueTestMixin.test_shutdown_immediate.
func TestShutdownImmediate(t *testing.T) {
	forKinds(t, func(t *testing.T, k kind) {
		q := k.new(0)
		q.Put(1)
		if diff := cmp.Diff([]int{1}, q.ShutdownImmediate()); diff != "" {
			t.Fatalf("ShutdownImmediate() (-want +got):\n%s", diff)
		}
		if _, err := q.Get(); err != queue.ErrShutDown {
			t.Fatalf("Get after ShutdownImmediate = %v; want ErrShutDown", err)
		}
	})
}

// QS-01, QS-02; CPython: BaseQueueTestMixin.test_shutdown_allowed_transitions.
func TestShutdownAllowedTransitions(t *testing.T) {
	forKinds(t, func(t *testing.T, k kind) {
		q := k.new(0)
		if q.IsShutdown() {
			t.Fatal("IsShutdown() = true on a new queue")
		}
		q.Shutdown()
		if !q.IsShutdown() {
			t.Fatal("IsShutdown() = false after Shutdown")
		}
		if got := q.ShutdownImmediate(); got != nil || !q.IsShutdown() {
			t.Fatalf("ShutdownImmediate() after Shutdown = %v, IsShutdown() = %v", got, q.IsShutdown())
		}
		q.Shutdown()
		q.Shutdown()
		if !q.IsShutdown() {
			t.Fatal("IsShutdown() = false after repeated shutdowns")
		}
	})
}

// QS-03, QS-04; CPython: BaseQueueTestMixin.test_shutdown_all_methods_in_one_thread
// and test_shutdown_immediate_all_methods_in_one_thread. In fake time, the
// timed get on a shut down, empty queue fails at once, not after 1s.
func TestShutdownAllMethodsInOneThread(t *testing.T) {
	forModes(t, func(t *testing.T, k kind, immediate bool) {
		synctest.Test(t, func(t *testing.T) {
			q := k.new(2)
			q.Put(1)
			q.PutNowait(2)
			shutdown(q, immediate)
			if err := q.Put(3); err != queue.ErrShutDown {
				t.Fatalf("Put = %v; want ErrShutDown", err)
			}
			if err := q.PutNowait(4); err != queue.ErrShutDown {
				t.Fatalf("PutNowait = %v; want ErrShutDown (checked before Full)", err)
			}
			if err := q.PutTimeout(4, time.Second); err != queue.ErrShutDown {
				t.Fatalf("PutTimeout = %v; want ErrShutDown", err)
			}
			if err := q.PutContext(t.Context(), 4); err != queue.ErrShutDown {
				t.Fatalf("PutContext = %v; want ErrShutDown", err)
			}
			if immediate {
				if _, err := q.Get(); err != queue.ErrShutDown {
					t.Fatalf("Get = %v; want ErrShutDown", err)
				}
				if _, err := q.GetNowait(); err != queue.ErrShutDown {
					t.Fatalf("GetNowait = %v; want ErrShutDown", err)
				}
				mustPanic(t, taskDonePanic, q.TaskDone)
				q.Join()
			} else {
				var got []int
				for range 2 {
					v, err := q.Get()
					if err != nil {
						t.Fatalf("Get = %v", err)
					}
					got = append(got, v)
					q.TaskDone()
				}
				if diff := cmp.Diff(k.order([]int{1, 2}), got); diff != "" {
					t.Fatalf("remaining items (-want +got):\n%s", diff)
				}
				q.Join()
			}
			start := time.Now()
			if _, err := q.Get(); err != queue.ErrShutDown {
				t.Fatalf("Get on an empty shut down queue = %v; want ErrShutDown", err)
			}
			if _, err := q.GetNowait(); err != queue.ErrShutDown {
				t.Fatalf("GetNowait = %v; want ErrShutDown, not ErrEmpty", err)
			}
			if _, err := q.GetTimeout(time.Second); err != queue.ErrShutDown {
				t.Fatalf("GetTimeout(1s) = %v; want ErrShutDown", err)
			}
			if _, err := q.GetContext(t.Context()); err != queue.ErrShutDown {
				t.Fatalf("GetContext = %v; want ErrShutDown", err)
			}
			if d := time.Since(start); d != 0 {
				t.Fatalf("gets on a shut down queue waited %v", d)
			}
		})
	})
}

// QS-04: ShutdownImmediate returns the items in Get order and lowers the
// task count by their number, not below zero. CPython: test_shutdown_immediate
// (the count); returning the items is Go only.
func TestShutdownImmediateReturnsItemsAndLowersCount(t *testing.T) {
	forKinds(t, func(t *testing.T, k kind) {
		q := k.new(0)
		put := []int{5, 1, 4, 2, 3, 9, 0}
		for _, v := range put {
			q.Put(v)
		}
		first, _ := q.Get() // got, not yet done
		rest := k.order(put)[1:]
		if diff := cmp.Diff(rest, q.ShutdownImmediate()); diff != "" {
			t.Fatalf("ShutdownImmediate() (-want +got):\n%s", diff)
		}
		if q.UnfinishedTasks() != 1 || q.Qsize() != 0 {
			t.Fatalf("UnfinishedTasks() = %d, Qsize() = %d; want 1 (item %d), 0", q.UnfinishedTasks(), q.Qsize(), first)
		}
		if got := q.ShutdownImmediate(); got != nil {
			t.Fatalf("second ShutdownImmediate() = %v; want nil", got)
		}
		q.TaskDone()
		q.Join()

		// Not below zero: items already marked done while still queued.
		q = k.new(0)
		q.Put(1)
		q.Put(2)
		q.TaskDone()
		q.TaskDone()
		if got := q.ShutdownImmediate(); len(got) != 2 || q.UnfinishedTasks() != 0 {
			t.Fatalf("ShutdownImmediate() = %v, UnfinishedTasks() = %d; want 2 items, 0", got, q.UnfinishedTasks())
		}
	})
}

// QS-06; CPython: BaseQueueTestMixin.test_shutdown_get and
// test_shutdown_immediate_get: two items, then getters after a shutdown.
// Non-immediate: two get an item and the third ErrShutDown; immediate:
// both fail.
func TestShutdownGet(t *testing.T) {
	forModes(t, func(t *testing.T, k kind, immediate bool) {
		q := k.new(2)
		q.Put(1)
		q.Put(2)
		n := 3
		if immediate {
			n = 2
		}
		var (
			wg      sync.WaitGroup
			mu      sync.Mutex
			results []bool
			go_     = make(chan struct{})
		)
		for range n {
			wg.Go(func() {
				<-go_
				_, err := q.Get()
				if err != nil && err != queue.ErrShutDown {
					t.Errorf("Get = %v", err)
				}
				mu.Lock()
				results = append(results, err == nil)
				mu.Unlock()
			})
		}
		shutdown(q, immediate)
		close(go_)
		wg.Wait()
		slices.SortFunc(results, func(a, b bool) int { return stdcmp.Compare(b2i(a), b2i(b)) })
		want := []bool{false, true, true}
		if immediate {
			want = []bool{false, false}
		}
		if diff := cmp.Diff(want, results); diff != "" {
			t.Fatalf("gets succeeded (-want +got):\n%s", diff)
		}
	})
}

// QS-06; CPython: BaseQueueTestMixin.test_shutdown_pending_get, with many
// getters already blocked on an empty queue when the shutdown comes.
func TestShutdownPendingGet(t *testing.T) {
	forModes(t, func(t *testing.T, k kind, immediate bool) {
		synctest.Test(t, func(t *testing.T) {
			q := k.new(2)
			var getters []<-chan error
			for range 4 {
				getters = append(getters, started(func() error { _, err := q.Get(); return err }))
				getters = append(getters, started(func() error { _, err := q.GetTimeout(time.Hour); return err }))
				getters = append(getters, started(func() error { _, err := q.GetContext(t.Context()); return err }))
			}
			synctest.Wait()
			start := time.Now()
			shutdown(q, immediate)
			for i, g := range getters {
				if err := <-g; err != queue.ErrShutDown {
					t.Errorf("getter %d = %v; want ErrShutDown", i, err)
				}
			}
			if time.Since(start) != 0 {
				t.Fatalf("getters woke after %v", time.Since(start))
			}
		})
	})
}

// QS-05; CPython: BaseQueueTestMixin.test_shutdown_put and
// test_shutdown_immediate_put: putters on a full queue fail, whether they
// call after the shutdown (as CPython's test does) or were blocked before.
func TestShutdownPut(t *testing.T) {
	forModes(t, func(t *testing.T, k kind, immediate bool) {
		synctest.Test(t, func(t *testing.T) {
			q := k.new(2)
			q.Put(1)
			q.Put(2)
			var putters []<-chan error
			for i := range 3 {
				putters = append(putters, started(func() error { return q.Put(10 + i) }))
				putters = append(putters, started(func() error { return q.PutTimeout(20+i, time.Hour) }))
				putters = append(putters, started(func() error { return q.PutContext(t.Context(), 30+i) }))
			}
			synctest.Wait()
			shutdown(q, immediate)
			for i, p := range putters {
				if err := <-p; err != queue.ErrShutDown {
					t.Errorf("blocked putter %d = %v; want ErrShutDown", i, err)
				}
			}
			after := started(func() error { return q.Put(40) })
			if err := <-after; err != queue.ErrShutDown {
				t.Errorf("putter after shutdown = %v; want ErrShutDown", err)
			}
			if q.UnfinishedTasks() != map[bool]int{false: 2, true: 0}[immediate] {
				t.Fatalf("UnfinishedTasks() = %d", q.UnfinishedTasks())
			}
			if !immediate {
				var got []int
				for v := range q.Items() {
					got = append(got, v)
				}
				if diff := cmp.Diff(k.order([]int{1, 2}), got); diff != "" {
					t.Fatalf("items left (-want +got):\n%s", diff)
				}
			}
		})
	})
}

// QS-07; CPython: BaseQueueTestMixin.test_shutdown_join and
// test_shutdown_immediate_join: two joiners return, after the getter's
// TaskDone (non-immediate) or the drain (immediate).
func TestShutdownJoin(t *testing.T) {
	forModes(t, func(t *testing.T, k kind, immediate bool) {
		synctest.Test(t, func(t *testing.T) {
			q := k.new(0)
			q.Put(1)
			joiners := []<-chan bool{
				started(func() bool { q.Join(); return true }),
				started(func() bool { return q.JoinContext(t.Context()) == nil }),
			}
			synctest.Wait()
			shutdown(q, immediate)
			synctest.Wait()
			for i, j := range joiners {
				if _, ok := received(j); ok != immediate {
					t.Fatalf("joiner %d returned = %v right after the shutdown; want %v", i, ok, immediate)
				}
			}
			if !immediate {
				if v, err := q.Get(); v != 1 || err != nil {
					t.Fatalf("Get = %v, %v", v, err)
				}
				q.TaskDone()
				for _, j := range joiners {
					<-j
				}
			}
		})
	})
}

// QS-05, QS-07; CPython: BaseQueueTestMixin.test_shutdown_put_join and
// test_shutdown_immediate_put_join.
func TestShutdownPutJoin(t *testing.T) {
	forModes(t, func(t *testing.T, k kind, immediate bool) {
		synctest.Test(t, func(t *testing.T) {
			q := k.new(2)
			q.Put(1) // not full
			j := started(func() bool { q.Join(); return true })
			synctest.Wait()
			if q.UnfinishedTasks() != 1 {
				t.Fatalf("UnfinishedTasks() = %d; want 1", q.UnfinishedTasks())
			}
			shutdown(q, immediate)
			if err := q.Put(2); err != queue.ErrShutDown {
				t.Fatalf("Put after shutdown = %v; want ErrShutDown", err)
			}
			if immediate {
				if _, err := q.GetNowait(); err != queue.ErrShutDown {
					t.Fatalf("GetNowait = %v; want ErrShutDown", err)
				}
			} else {
				if v, err := q.Get(); v != 1 || err != nil {
					t.Fatalf("Get = %v, %v; want 1, nil", v, err)
				}
				q.TaskDone()
			}
			<-j
		})
	})
}

// QS-07; CPython: BaseQueueTestMixin.test_shutdown_get_task_done_join.
func TestShutdownGetTaskDoneJoin(t *testing.T) {
	forKinds(t, func(t *testing.T, k kind) {
		q := k.new(2)
		q.Put(1)
		q.Put(2)
		if q.UnfinishedTasks() != q.Qsize() {
			t.Fatalf("UnfinishedTasks() = %d, Qsize() = %d", q.UnfinishedTasks(), q.Qsize())
		}
		go_ := make(chan struct{})
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() {
				<-go_
				if _, err := q.Get(); err != nil {
					t.Errorf("Get = %v", err)
					return
				}
				q.TaskDone()
			})
			wg.Go(func() { q.Join() })
		}
		close(go_)
		q.Shutdown()
		wg.Wait()
	})
}

// QS-08; CPython: BaseQueueTestMixin.test_shutdown_all_methods_in_many_threads
// and test_shutdown_immediate_all_methods_in_many_threads: 4 writers, 6
// readers (and 2 joiners when immediate), a shutdown in the middle of
// 65 536 puts. Go only: the items got plus the items ShutdownImmediate
// returned are exactly the items put.
func TestShutdownAllMethodsInManyThreads(t *testing.T) {
	forModes(t, func(t *testing.T, k kind, immediate bool) {
		const (
			writers = 4
			readers = 6
			joiners = 2
			msgs    = 1024 * 64
			perW    = msgs / writers
			when    = perW / 2
		)
		q := k.new(0)
		parties := writers + readers
		if immediate {
			parties += joiners
		}
		var barrier sync.WaitGroup // one-shot barrier
		barrier.Add(parties)
		wait := func() { barrier.Done(); barrier.Wait() }
		var (
			wg           sync.WaitGroup
			putFailed    atomic.Bool
			readersEnded atomic.Int32
			shutdownOnce sync.Once
			shutdownNow  = make(chan struct{})
			shutdownDone = make(chan struct{})
			mu           sync.Mutex
			put, got     []int
			drained      []int
			emptyAfter   bool
		)
		record := func(dst *[]int, vs []int) {
			mu.Lock()
			*dst = append(*dst, vs...)
			mu.Unlock()
		}
		for w := range writers {
			wg.Go(func() {
				var mine []int
				defer func() { record(&put, mine) }()
				for i := range when / 2 {
					v := w*perW + i
					if q.Put(v) == nil {
						mine = append(mine, v)
					}
				}
				wait()
				for i := when / 2; i < perW; i++ {
					v := w*perW + i
					if err := q.Put(v); err != nil {
						if err != queue.ErrShutDown {
							t.Errorf("Put = %v", err)
						}
						putFailed.Store(true)
						return
					}
					mine = append(mine, v)
					if i == when {
						// The writer that asks for the shutdown waits for it,
						// so that its next Put must fail; the others race it.
						shutdownOnce.Do(func() { close(shutdownNow); <-shutdownDone })
					}
				}
			})
		}
		for range readers {
			wg.Go(func() {
				var mine []int
				defer func() { record(&got, mine) }()
				v, err := q.Get()
				if err != nil {
					t.Errorf("first Get = %v", err)
				}
				mine = append(mine, v)
				q.TaskDone()
				wait()
				for {
					v, err := q.GetNowait()
					switch err {
					case nil:
						mine = append(mine, v)
						q.TaskDone()
					case queue.ErrEmpty:
						runtime.Gosched()
					case queue.ErrShutDown:
						readersEnded.Add(1)
						return
					default:
						t.Errorf("GetNowait = %v", err)
						return
					}
				}
			})
		}
		wg.Go(func() {
			<-shutdownNow
			var d []int
			if immediate {
				d = q.ShutdownImmediate()
			} else {
				q.Shutdown()
			}
			mu.Lock()
			drained, emptyAfter = d, q.Qsize() == 0
			mu.Unlock()
			close(shutdownDone)
		})
		if immediate {
			for range joiners {
				wg.Go(func() { wait(); q.Join() })
			}
		}
		wg.Wait()

		if !putFailed.Load() {
			t.Error("no Put failed with ErrShutDown")
		}
		if n := readersEnded.Load(); n != readers {
			t.Errorf("%d readers ended with ErrShutDown; want %d", n, readers)
		}
		if immediate && !emptyAfter {
			t.Error("queue not empty right after ShutdownImmediate")
		}
		if !q.Empty() {
			t.Error("queue not empty at the end")
		}
		out := append(got, drained...)
		slices.Sort(put)
		slices.Sort(out)
		if !slices.Equal(put, out) {
			t.Errorf("items got and drained differ from items put: %d put, %d out", len(put), len(out))
		}
		if q.UnfinishedTasks() != 0 {
			t.Errorf("UnfinishedTasks() = %d; want 0", q.UnfinishedTasks())
		}
	})
}

// Items ends when the queue is shut down and empty, and breaking out of it
// takes nothing more. Go only.
func TestItems(t *testing.T) {
	forKinds(t, func(t *testing.T, k kind) {
		synctest.Test(t, func(t *testing.T) {
			q := k.new(0)
			for i := range 5 {
				q.Put(i)
			}
			var got []int
			for v := range q.Items() {
				got = append(got, v)
				if len(got) == 2 {
					break
				}
			}
			if q.Qsize() != 3 {
				t.Fatalf("after breaking out after 2 items: Qsize() = %d; want 3", q.Qsize())
			}
			// A worker loop that blocks, then ends with the shutdown.
			worker := started(func() []int {
				var mine []int
				for v := range q.Items() {
					mine = append(mine, v)
					q.TaskDone()
				}
				return mine
			})
			synctest.Wait()
			q.Put(5)
			synctest.Wait()
			if _, ok := received(worker); ok {
				t.Fatal("worker ended before the shutdown")
			}
			q.Shutdown()
			got = append(got, <-worker...)
			if diff := cmp.Diff(k.order([]int{0, 1, 2, 3, 4}), got[:5]); diff != "" {
				t.Fatalf("items (-want +got):\n%s", diff)
			}
			if got[5] != 5 || q.UnfinishedTasks() != 2 {
				t.Fatalf("last item %d, UnfinishedTasks() = %d; want 5, 2 (the two taken before the break)", got[5], q.UnfinishedTasks())
			}
		})
	})
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
