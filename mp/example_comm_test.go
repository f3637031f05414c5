package mp_test

import (
	"fmt"
	"time"

	"github.com/pyconc/pyconc/mp"
)

// A child process puts a list on a Queue and the parent gets it.
//
// Ported from the multiprocessing documentation, "Exchanging objects
// between processes" (Queues).
func ExampleQueue() {
	q := mp.NewQueue[[]any](0)
	p := mp.NewProcess(func() { _ = q.Put([]any{42, nil, "hello"}) })
	p.Start()
	item, _ := q.Get()
	fmt.Println(item)
	p.Join()
	// Output:
	// [42 <nil> hello]
}

// Worker processes take tasks from a JoinableQueue and mark each done;
// Join waits for all of them.
//
// Ported from the queue worker idiom of the multiprocessing
// documentation (JoinableQueue.task_done and join).
func ExampleJoinableQueue() {
	tasks := mp.NewJoinableQueue[int](0)
	results := mp.NewQueue[int](0)
	var workers []*mp.Process
	for range 2 {
		w := mp.NewProcess(func() {
			for {
				n, _ := tasks.Get()
				if n < 0 {
					tasks.TaskDone()
					return
				}
				_ = results.Put(n * n)
				tasks.TaskDone()
			}
		})
		w.Start()
		workers = append(workers, w)
	}
	for i := range 5 {
		_ = tasks.Put(i)
	}
	tasks.Join()
	sum := 0
	for range 5 {
		n, _ := results.Get()
		sum += n
	}
	fmt.Println("sum of squares:", sum)
	for range workers {
		_ = tasks.Put(-1)
	}
	for _, w := range workers {
		w.Join()
	}
	// Output:
	// sum of squares: 30
}

// A child process sends on one end of a Pipe; the parent receives.
//
// Ported from the multiprocessing documentation, "Exchanging objects
// between processes" (Pipes).
func ExamplePipe() {
	parentConn, childConn := mp.Pipe[[]any]()
	p := mp.NewProcess(func() {
		_ = childConn.Send([]any{42, nil, "hello"})
		childConn.Close()
	})
	p.Start()
	msg, _ := parentConn.Recv()
	fmt.Println(msg)
	_, err := parentConn.Recv()
	fmt.Println(err)
	p.Join()
	parentConn.Close()
	// Output:
	// [42 <nil> hello]
	// mp: EOF
}

// Wait returns the connections that have something to receive.
//
// Ported from the multiprocessing.connection.wait example of the
// documentation.
func ExampleWait() {
	r1, w1 := mp.Pipe[string](mp.Duplex(false))
	r2, w2 := mp.Pipe[string](mp.Duplex(false))
	_ = w2.Send("from 2")
	for _, c := range mp.Wait([]mp.Waitable{r1, r2}) {
		msg, _ := c.(*mp.Connection[string]).Recv()
		fmt.Println(msg)
	}
	fmt.Println(len(mp.WaitTimeout([]mp.Waitable{r1, r2}, time.Millisecond)))
	for _, c := range []*mp.Connection[string]{r1, w1, r2, w2} {
		c.Close()
	}
	// Output:
	// from 2
	// 0
}

// A child changes a shared Value and Array; the parent sees the changes.
//
// Ported from the multiprocessing documentation, "Sharing state between
// processes" (Shared memory).
func ExampleNewValue() {
	num := mp.NewValue(0.0)                                   // Value('d', 0.0)
	arr := mp.NewArray([]int32{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}) // Array('i', range(10))
	p := mp.NewProcess(func() {
		num.SetValue(3.1415927)
		for i := range arr.Len() {
			arr.Set(i, -arr.Get(i))
		}
	})
	p.Start()
	p.Join()
	fmt.Println(num.Value())
	fmt.Println(arr.Values())
	fmt.Println(num)
	// Output:
	// 3.1415927
	// [0 -1 -2 -3 -4 -5 -6 -7 -8 -9]
	// <Synchronized wrapper for c_double(3.1415927)>
}

// Value.Update makes a read-modify-write one step, as
// `with v.get_lock(): v.value += 1` does.
func ExampleValue_update() {
	counter := mp.NewValue[int32](0)
	var ps []*mp.Process
	for range 4 {
		p := mp.NewProcess(func() {
			for range 500 {
				counter.Update(func(n int32) int32 { return n + 1 })
			}
		})
		p.Start()
		ps = append(ps, p)
	}
	for _, p := range ps {
		p.Join()
	}
	fmt.Println(counter.Value())
	// Output:
	// 2000
}

// A child changes a dict and a list that live in a Manager.
//
// Ported from the multiprocessing documentation, "Sharing state between
// processes" (Server process).
func ExampleNewManager() {
	m := mp.NewManager()
	defer m.Shutdown()
	d := mp.ManagerDict[any, any](m)
	l := mp.ManagerList(m, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9)
	p := mp.NewProcess(func() {
		d.Set(1, "1")
		d.Set("2", 2)
		d.Set(0.25, nil)
		l.Reverse()
	})
	p.Start()
	p.Join()
	for k, v := range d.All() {
		fmt.Printf("%v: %v\n", k, v)
	}
	fmt.Println(l.Copy())
	// Output:
	// 1: 1
	// 2: 2
	// 0.25: <nil>
	// [9 8 7 6 5 4 3 2 1 0]
}

// A Namespace holds named values, printed as Python prints them.
func ExampleManager_Namespace() {
	m := mp.NewManager()
	defer m.Shutdown()
	ns := m.Namespace()
	ns.Set("name", "Bob")
	ns.Set("_private", 1)
	fmt.Println(ns)
	_, err := ns.Get("age")
	fmt.Println(err)
	// Output:
	// Namespace(name='Bob')
	// mp: 'Namespace' object has no attribute 'age'
}
