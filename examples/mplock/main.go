// Command mplock is the Go port of the "Synchronization" slide of
// shared/seeds/001_3156b2b5eb6b5b98.txt (Reuven Lerner's slides, in
// Python 2): ten processes share one lock, and each takes it to print its
// line, so that only one process prints at a time.
//
//	from multiprocessing import Process, Lock
//
//	def f(l, i):
//	    l.acquire()
//	    print 'hello world', i
//	    l.release()
//
//	if __name__ == '__main__':
//	    lock = Lock()
//	    for num in range(10):
//	        Process(target=f, args=(lock, num)).start()
//
// (shared/seeds/003_b48680637bfb9369.txt introduces the same program,
// "use a lock to ensure that only one process prints to standard output
// at a time", but its cell lost the code.) Run it with
//
//	go run ./examples/mplock
//
// It prints the ten lines "hello world 0" to "hello world 9", each whole,
// in an order that changes from run to run, in Go as in Python: the
// processes start in order, but which one takes the lock first is up to
// the scheduler.
//
// Lock() becomes [mp.NewLock], which is the [thread.Lock] of package
// thread: goroutine processes share memory, so one lock serves them all,
// as Python's lock, a semaphore in shared memory, serves its processes.
// Python's `print 'hello world', i` separates its arguments with a space,
// as fmt.Fprintln does.
//
// The program never joins its processes: Python's interpreter waits for
// non-daemon children at exit. The deferred [thread.Shutdown] does that in
// Go; without it, main could return before the last lines were printed.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/pyconc/pyconc/mp"
	"github.com/pyconc/pyconc/thread"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(w io.Writer, args []string) error {
	defer thread.Shutdown() // wait for the processes, as Python does at exit
	fs := flag.NewFlagSet("mplock", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("mplock: unexpected arguments %q", fs.Args())
	}

	lock := mp.NewLock()
	for num := range 10 {
		mp.NewProcess(func() { f(w, lock, num) }).Start() // Process(target=f, args=(lock, num)).start()
	}
	// No Join, as in the Python program: Shutdown waits for the processes.
	return nil
}

// f is the Python function f: it prints its line while holding l.
func f(w io.Writer, l *mp.Lock, i int) {
	l.Acquire()
	fmt.Fprintln(w, "hello world", i)
	l.Release()
}
