// Command lockcounter is the Go port of the program in the "Python
// threading: Lock" section of shared/seeds/002_7c14b898e9712794.txt: two
// threads each add one to a shared counter 100000 times, taking a
// [thread.Lock] around every increment, and the main task runs ten times,
// printing the counter, which is always 200000.
//
//	go run ./examples/lockcounter
//	go run ./examples/lockcounter -iterations 3 -increments 1000
//
// The output is the Python program's. The Python global x is a field of a
// counter value made afresh by every main task, as Python's main_task
// resets the global to 0; increment and threadTask keep the shape of the
// Python functions, threadTask taking the lock as its argument.
//
// In Go the lock is what makes the program correct at all: without it, two
// goroutines incrementing the same int is a data race, which the race
// detector reports and Go's memory model leaves undefined. See
// examples/racecondition for updates being lost.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

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
	fs := flag.NewFlagSet("lockcounter", flag.ContinueOnError)
	iterations := fs.Int("iterations", 10, "how many times to run the main task")
	increments := fs.Int("increments", 100000, "how many increments each thread makes")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("lockcounter: unexpected arguments %q", fs.Args())
	}
	if *iterations < 0 || *increments < 0 {
		return fmt.Errorf("lockcounter: -iterations and -increments must not be negative")
	}

	for i := range *iterations {
		x := mainTask(*increments)
		fmt.Fprintf(w, "Iteration %d: x = %d\n", i, x)
	}
	return nil
}

// A counter holds the Python program's global variable x.
type counter struct {
	x int
}

// increment adds one to x.
func (c *counter) increment() {
	c.x++
}

// threadTask is the task for a thread: it calls increment n times (100000
// in the Python program), holding lock for each call.
func (c *counter) threadTask(lock *thread.Lock, n int) {
	for range n {
		lock.Acquire()
		c.increment()
		lock.Release()
	}
}

// mainTask starts two threads that each increment a new counter n times,
// waits until both are finished, and returns the counter's value.
func mainTask(n int) int {
	// Setting the counter to 0.
	var c counter

	// Creating a lock.
	var lock thread.Lock

	// Creating threads.
	t1 := thread.New(func() { c.threadTask(&lock, n) })
	t2 := thread.New(func() { c.threadTask(&lock, n) })

	// Start threads.
	t1.Start()
	t2.Start()

	// Wait until threads finish their job.
	t1.Join()
	t2.Join()
	return c.x
}
