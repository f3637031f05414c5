package queue_test

import (
	"cmp"
	"errors"
	"fmt"
	"time"

	"github.com/pyconc/pyconc/queue"
)

// A worker goroutine processes thirty task requests, and Join waits until
// every one is done. Ported from "Message passing with Queue" in
// shared/seeds/002_7c14b898e9712794.txt (the queue module docs' worker
// example). The Python worker is a daemon thread looping forever; here it
// ranges over Items and ends when the queue is shut down. It starts after
// the requests are sent, so the output has one order, one Python may print.
func Example() {
	q := queue.New[int](0)

	// Send thirty task requests to the worker.
	for item := range 30 {
		q.Put(item)
	}
	fmt.Println("All task requests sent")

	// Turn on the worker goroutine.
	done := make(chan struct{})
	go func() {
		defer close(done)
		for item := range q.Items() {
			fmt.Printf("Working on %d\n", item)
			fmt.Printf("Finished %d\n", item)
			q.TaskDone()
		}
	}()

	// Block until all tasks are done.
	q.Join()
	fmt.Println("All work completed")

	q.Shutdown() // the worker's loop ends
	<-done
	// Output:
	// All task requests sent
	// Working on 0
	// Finished 0
	// Working on 1
	// Finished 1
	// Working on 2
	// Finished 2
	// Working on 3
	// Finished 3
	// Working on 4
	// Finished 4
	// Working on 5
	// Finished 5
	// Working on 6
	// Finished 6
	// Working on 7
	// Finished 7
	// Working on 8
	// Finished 8
	// Working on 9
	// Finished 9
	// Working on 10
	// Finished 10
	// Working on 11
	// Finished 11
	// Working on 12
	// Finished 12
	// Working on 13
	// Finished 13
	// Working on 14
	// Finished 14
	// Working on 15
	// Finished 15
	// Working on 16
	// Finished 16
	// Working on 17
	// Finished 17
	// Working on 18
	// Finished 18
	// Working on 19
	// Finished 19
	// Working on 20
	// Finished 20
	// Working on 21
	// Finished 21
	// Working on 22
	// Finished 22
	// Working on 23
	// Finished 23
	// Working on 24
	// Finished 24
	// Working on 25
	// Finished 25
	// Working on 26
	// Finished 26
	// Working on 27
	// Finished 27
	// Working on 28
	// Finished 28
	// Working on 29
	// Finished 29
	// All work completed
}

// Shutdown ends a pool of workers once they have got every item: no
// sentinel values, no daemon threads. Ported from the Python 3.13 queue
// docs on Queue.shutdown, which replaces the older pattern of putting one
// None per worker for it to stop on.
func ExampleQueue_Shutdown() {
	q := queue.New[string](0)
	results := make(chan string)
	for range 3 {
		go func() {
			for job := range q.Items() { // ends after Shutdown, once empty
				results <- job + " done"
				q.TaskDone()
			}
			results <- "worker exits"
		}()
	}
	for _, job := range []string{"a", "b", "c", "d"} {
		q.Put(job)
	}
	q.Shutdown() // no more puts; the workers finish what is queued
	fmt.Println(q.Put("e"))
	for range 4 + 3 {
		fmt.Println(<-results)
	}
	// Unordered output:
	// queue: shut down
	// a done
	// b done
	// c done
	// d done
	// worker exits
	// worker exits
	// worker exits
}

// A priority queue returns the lowest item first. Ported from the
// PriorityQueue description in the Python queue docs ("the lowest valued
// entries are retrieved first").
func ExampleNewPriorityQueue() {
	q := queue.NewPriorityQueue[int](0)
	for _, v := range []int{5, 1, 4, 2, 3} {
		q.Put(v)
	}
	for !q.Empty() {
		v, _ := q.Get()
		fmt.Print(v, " ")
	}
	fmt.Println()
	// Output: 1 2 3 4 5
}

// The Python idiom of (priority, data) tuples, with a struct and a
// comparison. Ported from the Python queue docs' PriorityQueue note, whose
// PrioritizedItem dataclass compares by priority only.
func ExampleNewPriorityQueueFunc() {
	type job struct {
		priority int
		name     string
	}
	q := queue.NewPriorityQueueFunc(0, func(a, b job) int {
		return cmp.Compare(a.priority, b.priority)
	})
	q.Put(job{3, "write the docs"})
	q.Put(job{1, "fix the bug"})
	q.Put(job{2, "write the test"})
	for !q.Empty() {
		j, _ := q.Get()
		fmt.Println(j.priority, j.name)
	}
	// Output:
	// 1 fix the bug
	// 2 write the test
	// 3 write the docs
}

// A LIFO queue is a stack. Ported from the LifoQueue order in
// Lib/test/test_queue.py (basic_queue_test: 111, 333, 222 come out as 222,
// 333, 111).
func ExampleNewLifoQueue() {
	q := queue.NewLifoQueue[int](0)
	q.Put(111)
	q.Put(333)
	q.Put(222)
	for range 3 {
		v, _ := q.Get()
		fmt.Println(v)
	}
	// Output:
	// 222
	// 333
	// 111
}

// A SimpleQueue never blocks on Put and needs no constructor. Ported from
// BaseSimpleQueueTest.test_basic in Lib/test/test_queue.py.
func ExampleSimpleQueue() {
	var q queue.SimpleQueue[int]
	q.Put(1)
	q.Put(2)
	q.PutNowait(3)
	fmt.Println(q.Qsize(), q.Get(), q.Get())
	v, err := q.GetNowait()
	fmt.Println(v, err)
	_, err = q.GetNowait()
	fmt.Println(err)
	// Output:
	// 3 1 2
	// 3 <nil>
	// queue: empty
}

// A timed get on an empty queue gives up with ErrEmpty, Python's
// queue.Empty. Ported from BaseQueueTestMixin.basic_queue_test in
// Lib/test/test_queue.py ("Didn't appear to time-out with an empty queue").
func ExampleQueue_GetTimeout() {
	q := queue.New[string](0)
	_, err := q.GetTimeout(10 * time.Millisecond)
	fmt.Println(err, errors.Is(err, queue.ErrEmpty))
	q.Put("ready")
	v, err := q.GetTimeout(10 * time.Millisecond)
	fmt.Println(v, err)
	// Output:
	// queue: empty true
	// ready <nil>
}
