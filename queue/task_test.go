package queue_test

import (
	"context"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/pyconc/pyconc/queue"
)

const taskDonePanic = "queue: task_done() called too many times (Python: ValueError)"

// QQ-10; CPython: Lib/test/test_queue.py BaseQueueTestMixin.test_queue_task_done.
func TestTaskDoneTooManyTimes(t *testing.T) {
	forKindsSizes(t, func(t *testing.T, k kind, maxsize int) {
		q := k.new(maxsize)
		mustPanic(t, taskDonePanic, q.TaskDone)
		if q.UnfinishedTasks() != 0 {
			t.Fatalf("UnfinishedTasks() = %d after a TaskDone that panicked", q.UnfinishedTasks())
		}
		q.Put(1)
		q.Get()
		q.TaskDone()
		mustPanic(t, taskDonePanic, q.TaskDone)
		q.Put(2) // still usable
		if q.UnfinishedTasks() != 1 {
			t.Fatalf("UnfinishedTasks() = %d; want 1", q.UnfinishedTasks())
		}
	})
}

// queueJoinTest is CPython's queue_join_test: two workers sum the items
// until they get a negative one; Join must wait for all the work.
func queueJoinTest(t *testing.T, q *queue.Queue[int]) {
	t.Helper()
	var (
		mu  sync.Mutex
		cum int
		wg  sync.WaitGroup
	)
	for range 2 {
		wg.Go(func() {
			for {
				x, err := q.Get()
				if err != nil {
					t.Errorf("Get() = %v", err)
					return
				}
				if x < 0 {
					q.TaskDone()
					return
				}
				mu.Lock()
				cum += x
				mu.Unlock()
				q.TaskDone()
			}
		})
	}
	for i := range 100 {
		q.Put(i)
	}
	q.Join()
	mu.Lock()
	got := cum
	mu.Unlock()
	if got != 4950 {
		t.Fatalf("Join() returned with cum = %d; want 4950 (sum of 0..99)", got)
	}
	for range 2 {
		q.Put(-1) // instruct the workers to close
	}
	q.Join() // verify that you can join twice
	wg.Wait()
}

// QQ-10, QQ-12; CPython: BaseQueueTestMixin.test_queue_join, done twice for
// insurance on the same queue, bounded and unbounded.
func TestQueueJoin(t *testing.T) {
	forKindsSizes(t, func(t *testing.T, k kind, maxsize int) {
		q := k.new(maxsize)
		queueJoinTest(t, q)
		queueJoinTest(t, q)
		mustPanic(t, taskDonePanic, q.TaskDone)
	})
}

// QQ-11: Get does not change the count; TaskDone lowers it; QQ-12: Join
// returns at once when it is zero. CPython: no test.
func TestUnfinishedTasks(t *testing.T) {
	forKinds(t, func(t *testing.T, k kind) {
		q := k.new(0)
		q.Join() // nothing put: returns at once
		if !q.JoinTimeout(0) {
			t.Fatal("JoinTimeout(0) = false with no task")
		}
		for i := range 3 {
			q.Put(i)
		}
		for range 3 {
			q.Get()
		}
		if got := q.UnfinishedTasks(); got != 3 {
			t.Fatalf("UnfinishedTasks() after 3 puts and 3 gets = %d; want 3", got)
		}
		if q.JoinTimeout(0) {
			t.Fatal("JoinTimeout(0) = true with unfinished tasks")
		}
		q.TaskDone()
		if got := q.UnfinishedTasks(); got != 2 {
			t.Fatalf("UnfinishedTasks() after a TaskDone = %d; want 2", got)
		}
		q.TaskDone()
		q.TaskDone()
		q.Join()
	})
}

// QQ-12 with many joiners, in fake time: every joiner wakes when the last
// TaskDone comes, not before; JoinTimeout and JoinContext give up exactly
// on time and leave the others waiting.
func TestJoinWaitsForLastTaskDone(t *testing.T) {
	forKinds(t, func(t *testing.T, k kind) {
		synctest.Test(t, func(t *testing.T) {
			q := k.new(0)
			q.Put(1)
			q.Put(2)
			start := time.Now()
			joiners := []<-chan bool{
				started(func() bool { q.Join(); return true }),
				started(func() bool { return q.JoinTimeout(time.Hour) }),
				started(func() bool { return q.JoinContext(t.Context()) == nil }),
			}
			if q.JoinTimeout(time.Second) {
				t.Fatal("JoinTimeout(1s) = true with unfinished tasks")
			}
			if d := time.Since(start); d != time.Second {
				t.Fatalf("JoinTimeout(1s) gave up after %v", d)
			}
			ctx, cancel := context.WithTimeout(t.Context(), time.Second)
			defer cancel()
			if err := q.JoinContext(ctx); err != context.DeadlineExceeded {
				t.Fatalf("JoinContext = %v; want context.DeadlineExceeded", err)
			}
			if err := q.JoinContext(ctx); err != context.DeadlineExceeded {
				t.Fatalf("JoinContext(done) = %v; want context.DeadlineExceeded at once", err)
			}
			q.Get()
			q.Get()
			q.TaskDone()
			synctest.Wait()
			for i, j := range joiners {
				if _, ok := received(j); ok {
					t.Fatalf("joiner %d returned with a task unfinished", i)
				}
			}
			time.Sleep(time.Minute)
			q.TaskDone()
			for i, j := range joiners {
				if !<-j {
					t.Fatalf("joiner %d failed", i)
				}
			}
			if d := time.Since(start); d != 2*time.Second+time.Minute {
				t.Fatalf("joiners returned after %v", d)
			}
		})
	})
}

// A joiner woken when the count reaches zero returns even if a put makes
// it non-zero again before the joiner runs.
func TestJoinIsNotHeldBackByLaterPuts(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var q queue.Queue[int]
		q.Put(1)
		j := started(func() bool { q.Join(); return true })
		synctest.Wait()
		q.Get()
		q.TaskDone() // wakes j
		q.Put(2)     // before j runs
		if !<-j {
			t.Fatal("unreachable")
		}
		if q.UnfinishedTasks() != 1 {
			t.Fatalf("UnfinishedTasks() = %d; want 1", q.UnfinishedTasks())
		}
	})
}
