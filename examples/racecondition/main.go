// Command racecondition is the Go port of the loop in the "Race conditions"
// section of shared/seeds/002_7c14b898e9712794.txt:
//
//	i=0; # a global variable
//	for x in range(100):
//	    print(i)
//	    i+=1;
//
// run by n threads at once, so that "you cannot determine the value of i
// ... when the program finishes". The tutorial has no program around the
// loop and no output; this one runs it in two threads, first in a form that
// loses updates and then fixed with a [thread.Lock], and prints every value
// of i read, as the loop does, and then what i ended as.
//
//	go run ./examples/racecondition
//	go run ./examples/racecondition -n 5 -threads 3
//
// In Python, i += 1 is a read, an addition and a write, and a thread switch
// between the read and the write makes another thread's increment vanish.
// The Go port cannot write the loop as it stands: two goroutines running
// i++ on a shared int with nothing in between is a data race, which `go
// test -race` reports as a failure, and on which Go's memory model makes
// only weak promises (a racy read of an int sees some value written to it,
// not necessarily the latest; a race on a string, slice or interface can
// corrupt memory). The port therefore keeps every access to i under a lock
// and still loses updates: each step reads i holding the lock, prints it,
// "thinks" for a millisecond with the lock released — the moment Python's
// thread switch hits — and then writes what it read plus one, holding the
// lock again. That is a race condition without a data race: each access is
// safe, but the read and the write are two critical sections, and the
// other thread's write lands between them. The fix holds the lock from the
// read to the write, so that each step is atomic.
//
// Where Python's result varies from run to run, the Go output is the same
// every time: the threads think for the same millisecond, so every step of
// every thread reads the same i, and exactly one increment per step
// survives (i ends at 100, not 200). Under `go test`, whose clock is fake,
// that holds by construction; a real run on a busy machine could lose fewer
// updates.
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
	fs := flag.NewFlagSet("racecondition", flag.ContinueOnError)
	steps := fs.Int("n", 100, "how many times each thread runs the loop")
	threads := fs.Int("threads", 2, "how many threads run the loop at once")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("racecondition: unexpected arguments %q", fs.Args())
	}
	if *steps < 0 || *threads < 1 {
		return fmt.Errorf("racecondition: -n must not be negative and -threads must be at least 1")
	}
	want := *threads * *steps

	fmt.Fprintf(w, "%d threads each run the loop %d times, reading i and writing i+1 in two steps:\n", *threads, *steps)
	i := count(w, *threads, *steps, racyStep)
	fmt.Fprintf(w, "i = %d, not %d: %d updates were lost\n", i, want, want-i)

	fmt.Fprintf(w, "\nThe same with the lock held from the read to the write:\n")
	i = count(w, *threads, *steps, atomicStep)
	fmt.Fprintf(w, "i = %d: no update was lost\n", i)
	return nil
}

// A counter is the loop's shared variable i, global in the Python program,
// with the lock that guards every access to it.
type counter struct {
	lock thread.Lock
	i    int
}

// A step is one iteration of the loop: print(i); i += 1.
type step func(c *counter, w io.Writer)

// racyStep reads i and writes i+1 in two critical sections, with a pause
// between them in which other threads run: their updates are overwritten.
func racyStep(c *counter, w io.Writer) {
	c.lock.Acquire()
	seen := c.i
	c.lock.Release()

	fmt.Fprintln(w, seen)
	time.Sleep(time.Millisecond) // the thread is switched out here

	c.lock.Acquire()
	c.i = seen + 1
	c.lock.Release()
}

// atomicStep is racyStep holding the lock from the read to the write.
func atomicStep(c *counter, w io.Writer) {
	c.lock.Acquire()
	defer c.lock.Release()

	seen := c.i
	fmt.Fprintln(w, seen)
	time.Sleep(time.Millisecond) // no other thread can touch i meanwhile
	c.i = seen + 1
}

// count starts the given number of threads, each running step n times
// on a counter starting at 0, and returns the counter's value once they
// have all finished.
func count(w io.Writer, threads, n int, step step) int {
	var c counter
	ts := make([]*thread.Thread, threads)
	for k := range ts {
		ts[k] = thread.New(func() {
			for range n {
				step(&c, w)
			}
		})
		ts[k].Start()
	}
	for _, t := range ts {
		t.Join()
	}
	return c.i // no thread is running: no lock needed
}
