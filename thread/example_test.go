package thread_test

import (
	"fmt"
	"time"

	"github.com/pyconc/pyconc/thread"
)

// Threads are started, then joined in order: the "Working with multiple
// threads" program of shared/seeds/002_7c14b898e9712794.txt, with results
// collected instead of logged so the output is deterministic.
func ExampleThread() {
	squares := make([]int, 3)
	var threads []*thread.Thread
	for index := range 3 {
		t := thread.New(func() { squares[index] = index * index })
		threads = append(threads, t)
		t.Start()
	}
	for index, t := range threads {
		t.Join()
		fmt.Printf("thread %d done: %d\n", index, squares[index])
	}
	// Output:
	// thread 0 done: 0
	// thread 1 done: 1
	// thread 2 done: 4
}

// InputReader is the Go form of a Python Thread subclass that overrides
// run(): a struct holding the thread's state, whose Run method is the
// target. Ported from the InputReader class of
// shared/seeds/000_9db71707a25980b8.txt.
type InputReader struct {
	Line string
}

func (r *InputReader) Run() { r.Line = "some text" }

// The subclass-and-override-run idiom: hand a method value to New.
func ExampleNew_runMethod() {
	reader := &InputReader{}
	t := thread.New(reader.Run, thread.Name("reader"))
	t.Start()
	t.Join()
	fmt.Printf("%s read %q\n", t.Name(), reader.Line)
	// Output:
	// reader read "some text"
}

// Shutdown is what `defer thread.Shutdown()` at the top of main runs when
// main returns: it waits for non-daemon threads and not for daemon ones,
// as the Python interpreter does at exit.
func ExampleShutdown() {
	stop := make(chan struct{})
	heartbeat := thread.New(func() { <-stop }, thread.Daemon(true))
	heartbeat.Start()
	worker := thread.New(func() { fmt.Println("worker: finishing") }, thread.Daemon(false))
	worker.Start()

	thread.Shutdown() // waits for worker only
	fmt.Println("daemon still running:", heartbeat.IsAlive())

	close(stop) // in a real program, main would now return and end it
	heartbeat.Join()
	// Output:
	// worker: finishing
	// daemon still running: true
}

// Each thread sees its own value of a Local: Python's threading.local.
func ExampleLocal() {
	var user thread.Local[string]
	user.Set("main")
	t := thread.New(func() {
		fmt.Printf("in the thread: %q\n", user.Get())
		user.Set("worker")
	})
	t.Start()
	t.Join()
	fmt.Printf("in main: %q\n", user.Get())
	// Output:
	// in the thread: ""
	// in main: "main"
}

// A Timer calls its function once after an interval, unless cancelled.
func ExampleTimer() {
	fired := thread.NewTimer(10*time.Millisecond, func() { fmt.Println("hello, world") })
	fired.Start()
	fired.Join()

	cancelled := thread.NewTimer(time.Hour, func() { fmt.Println("never printed") })
	cancelled.Start()
	cancelled.Cancel()
	cancelled.Join()
	fmt.Println("cancelled timer ended")
	// Output:
	// hello, world
	// cancelled timer ended
}

// A panic in a thread goes to the except hook, not to Join; the program
// goes on. The printmean program of shared/seeds/003_b48680637bfb9369.txt
// shows the default report.
func ExampleSetExceptHook() {
	defer thread.SetExceptHook(func(args thread.ExceptHookArgs) {
		fmt.Printf("Exception in thread %s: %v\n", args.Thread.Name(), args.Value)
	})()

	t := thread.New(func() { panic("name 'time' is not defined") }, thread.Name("mean"))
	t.Start()
	t.Join()
	fmt.Println("main goes on")
	// Output:
	// Exception in thread mean: name 'time' is not defined
	// main goes on
}

// CurrentThread, inside a thread, returns that Thread.
func ExampleCurrentThread() {
	t := thread.New(func() {
		fmt.Println("running in", thread.CurrentThread().Name())
	}, thread.Name("worker-1"))
	t.Start()
	t.Join()
	// Output:
	// running in worker-1
}
