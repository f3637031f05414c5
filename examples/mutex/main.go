// Command mutex is the Go port of the "Locking/mutexes" slide of
// shared/seeds/001_3156b2b5eb6b5b98.txt, which shows Python's
// threading.Lock through four lines:
//
//	mutex = threading.Lock()
//	mutex.acquire() # grab the mutex
//	mutex.release() # release the mutex
//	mutex.locked() # check the state
//
// The slide has no program and no output. This one makes a [thread.Lock],
// acquires it, releases it and checks its state after each step, and lets
// other threads try it while it is held: a non-blocking and a timed acquire
// fail, a blocking acquire waits until the main thread releases the lock.
// Each line names the thread that acts, the Go call and its result, and
// after "#" the Python it stands for.
//
//	go run ./examples/mutex
//
// The output is the same on every run: each thread's steps are ordered by
// Join or by the time a step takes. The waits print their real duration
// rounded to a tenth of a second, so outside `go test`, whose clock is
// fake, a very slow machine could print 1.1s where the test shows 1s.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/pyconc/pyconc/thread"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(w io.Writer, args []string) error {
	defer thread.Shutdown()
	fs := flag.NewFlagSet("mutex", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("mutex: unexpected arguments %q", fs.Args())
	}

	// step prints what the calling thread did, and the Python it stands for.
	step := func(goCall, python string) {
		fmt.Fprintf(w, "%-10s %-44s # %s\n", thread.CurrentThread().Name(), goCall, python)
	}

	var mutex thread.Lock
	step("var mutex thread.Lock", "mutex = threading.Lock()")
	step(fmt.Sprintf("mutex.Locked() = %t", mutex.Locked()), "mutex.locked(): check the state")

	mutex.Acquire()
	step("mutex.Acquire()", "mutex.acquire(): grab the mutex")
	step(fmt.Sprintf("mutex.Locked() = %t", mutex.Locked()), "mutex.locked()")
	step(fmt.Sprintf("fmt.Sprint(&mutex) = %v", &mutex), "repr(mutex)")

	// Another thread cannot take the mutex while the main thread holds it:
	// trying fails at once, and a timed acquire fails when time is up.
	other := thread.New(func() {
		step(fmt.Sprintf("mutex.TryAcquire() = %t", mutex.TryAcquire()), "mutex.acquire(blocking=False)")
		start := time.Now()
		ok := mutex.AcquireTimeout(time.Second)
		step(fmt.Sprintf("mutex.AcquireTimeout(1s) = %t after %v", ok, since(start)), "mutex.acquire(timeout=1)")
	})
	other.Start()
	other.Join()

	// A blocking acquire in another thread waits until the main thread
	// releases the mutex, a second later.
	waiter := thread.New(func() {
		step("mutex.Acquire() waits", "mutex.acquire(): blocks while the mutex is held")
		start := time.Now()
		mutex.Acquire()
		step(fmt.Sprintf("mutex.Acquire() returned after %v", since(start)), "got the mutex")
		step(fmt.Sprintf("mutex.Locked() = %t", mutex.Locked()), "mutex.locked()")
		mutex.Release()
		step("mutex.Release()", "mutex.release()")
	})
	waiter.Start()
	time.Sleep(time.Second)
	step("mutex.Release()", "mutex.release(): release the mutex")
	mutex.Release()
	waiter.Join()

	step(fmt.Sprintf("mutex.Locked() = %t", mutex.Locked()), "mutex.locked()")
	step(fmt.Sprintf("fmt.Sprint(&mutex) = %v", &mutex), "repr(mutex)")
	return nil
}

// since returns the time elapsed since start, to a tenth of a second:
// the waits take whole seconds, and a real clock overshoots by a few
// milliseconds.
func since(start time.Time) time.Duration {
	return time.Since(start).Round(100 * time.Millisecond)
}
