package thread_test

import (
	"fmt"
	"sync/atomic"

	"github.com/pyconc/pyconc/thread"
)

// Two threads increment a shared counter 100000 times each, taking a lock
// around every increment, so no update is lost. Ported from the "Python
// threading: Lock" program of shared/seeds/002_7c14b898e9712794.txt (one
// iteration of its main_task loop).
func ExampleLock() {
	x := 0
	increment := func() { x++ }
	threadTask := func(lock *thread.Lock) {
		for range 100000 {
			lock.Acquire()
			increment()
			lock.Release()
		}
	}

	var lock thread.Lock
	t1 := thread.New(func() { threadTask(&lock) })
	t2 := thread.New(func() { threadTask(&lock) })
	t1.Start()
	t2.Start()
	t1.Join()
	t2.Join()
	fmt.Printf("Iteration 0: x = %d\n", x)
	// Output:
	// Iteration 0: x = 200000
}

// Python's `with lock:` is Acquire and a deferred Release. Ported from
// "Using locks, conditions, and semaphores in the with statement" in the
// Python threading documentation.
func ExampleLock_with() {
	var lock thread.Lock
	func() {
		lock.Acquire()
		defer lock.Release()
		fmt.Println(&lock)
	}()
	fmt.Println(&lock)
	// Output:
	// <locked thread.Lock>
	// <unlocked thread.Lock>
}

// Account is guarded by an RLock, so a method that holds it can call
// another that takes it again.
type Account struct {
	lock    thread.RLock
	balance int
}

func (a *Account) Deposit(n int) {
	a.lock.Acquire()
	defer a.lock.Release()
	a.balance += n
}

// DepositTwice takes the lock and calls Deposit, which takes it again.
func (a *Account) DepositTwice(n int) {
	a.lock.Acquire()
	defer a.lock.Release()
	a.Deposit(n)
	a.Deposit(n)
}

// An RLock may be acquired again by the goroutine that holds it. Not from
// a CPython source: the usual reason to reach for an RLock.
func ExampleRLock() {
	var a Account
	a.DepositTwice(50)
	fmt.Println(a.balance, &a.lock)
	// Output:
	// 100 <unlocked thread.RLock owner=0 count=0>
}

// A consumer waits on a condition until an item is available; the
// producer makes one available and notifies. Ported from the Condition
// objects section of the Python threading documentation ("Consume one
// item" / "Produce one item"), with wait_for as the docs suggest.
func ExampleCondition() {
	cv := thread.NewCondition(nil)
	var items []int // guarded by cv
	done := false

	consumer := thread.New(func() {
		for {
			cv.Acquire()
			cv.WaitFor(func() bool { return len(items) > 0 || done })
			if len(items) == 0 {
				cv.Release()
				return
			}
			item := items[0]
			items = items[1:]
			cv.Release()
			fmt.Println("consumed", item)
		}
	})
	consumer.Start()

	for item := range 3 {
		cv.Acquire()
		items = append(items, item)
		cv.Notify()
		cv.Release()
	}
	cv.Acquire()
	done = true
	cv.NotifyAll()
	cv.Release()
	consumer.Join()
	// Output:
	// consumed 0
	// consumed 1
	// consumed 2
}

// Workers block until the main thread sets the event; a set event lets
// every waiter through. Ported from the Event objects section of the
// Python threading documentation.
func ExampleEvent() {
	var ready thread.Event
	var started atomic.Int32
	var workers []*thread.Thread
	for range 3 {
		w := thread.New(func() {
			ready.Wait()
			started.Add(1)
		})
		w.Start()
		workers = append(workers, w)
	}
	fmt.Println(&ready, started.Load())
	ready.Set()
	for _, w := range workers {
		w.Join()
	}
	fmt.Println(&ready, started.Load())
	// Output:
	// <thread.Event: unset> 0
	// <thread.Event: set> 3
}

// Three workers each compute a partial sum, meet at a barrier whose action
// combines them, and then all read the total. Ported from the Barrier
// objects section of the Python threading documentation, where a server
// and its clients wait for each other before they start.
func ExampleBarrier() {
	partial := make([]int, 3)
	total := 0
	b := thread.NewBarrier(3, thread.Action(func() {
		for _, p := range partial {
			total += p
		}
	}))
	shares := make([]float64, 3)
	var workers []*thread.Thread
	for w := range 3 {
		t := thread.New(func() {
			for n := w * 10; n < (w+1)*10; n++ {
				partial[w] += n
			}
			if _, err := b.Wait(); err != nil {
				return
			}
			// The action ran before anyone was released: total is final.
			shares[w] = float64(partial[w]) / float64(total)
		})
		t.Start()
		workers = append(workers, t)
	}
	for _, t := range workers {
		t.Join()
	}
	fmt.Printf("total %d, shares %.3f\n", total, shares)
	// Output:
	// total 435, shares [0.103 0.333 0.563]
}

// A bounded semaphore limits how many threads use a resource at once.
// Ported from the Semaphore example of the Python threading documentation
// (a pool of at most five database connections).
func ExampleBoundedSemaphore() {
	const maxConnections = 5
	poolSema := thread.NewBoundedSemaphore(maxConnections)
	var open, most atomic.Int32
	connect := func() {
		poolSema.Acquire()
		defer poolSema.Release()
		n := open.Add(1) // connectdb()
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		open.Add(-1) // conn.close()
	}
	var threads []*thread.Thread
	for range 20 {
		t := thread.New(connect)
		t.Start()
		threads = append(threads, t)
	}
	for _, t := range threads {
		t.Join()
	}
	fmt.Println("at most 5 connections at once:", most.Load() <= maxConnections)
	fmt.Println(poolSema)
	// Output:
	// at most 5 connections at once: true
	// <thread.BoundedSemaphore value=5/5>
}

// A semaphore of 0 is a gate: three threads block in Acquire until one
// ReleaseN(3) lets them all through. Ported from CPython's
// Lib/test/lock_tests.py BaseSemaphoreTests.test_multirelease, where
// release(n) wakes n waiters.
func ExampleSemaphore() {
	sem := thread.NewSemaphore(0)
	var done atomic.Int32
	var threads []*thread.Thread
	for range 3 {
		t := thread.New(func() {
			sem.Acquire()
			done.Add(1)
		})
		t.Start()
		threads = append(threads, t)
	}
	sem.ReleaseN(3)
	for _, t := range threads {
		t.Join()
	}
	fmt.Println(done.Load(), sem)
	// Output:
	// 3 <thread.Semaphore value=0>
}
