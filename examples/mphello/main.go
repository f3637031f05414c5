// Command mphello is the Go port of the first multiprocessing program of
// two seed documents: the "Simple start" slide of
// shared/seeds/001_3156b2b5eb6b5b98.txt (Reuven Lerner's slides, in
// Python 2) and the Process example of
// shared/seeds/003_b48680637bfb9369.txt ("Concurrency and
// Multithreading", section "Multiprocessing"), which is the same program
// in Python 3:
//
//	from multiprocessing import Process
//
//	def f(name):
//	    print('hello', name)
//
//	if __name__ == '__main__':
//	    p = Process(target=f, args=('bob',))
//	    p.start()
//	    p.join()
//
// Run it with
//
//	go run ./examples/mphello
//
// It prints "hello bob", as both documents do.
//
// Process(target=f, args=('bob',)) becomes [mp.NewProcess] with a
// closure that calls f with its argument: Go has no args tuple, the
// closure's variables are the arguments. Start and Join are Python's.
//
// The process is a goroutine, not an operating-system process: package mp
// gives multiprocessing's API on goroutines, which already run on every
// core since Go has no GIL. Nothing is pickled or copied, so the child
// could have been given anything, and the `if __name__ == '__main__':`
// guard, which stops a spawned child from running the parent's program
// again, has nothing to guard in Go: main runs once.
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
	defer thread.Shutdown()
	fs := flag.NewFlagSet("mphello", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("mphello: unexpected arguments %q", fs.Args())
	}

	p := mp.NewProcess(func() { f(w, "bob") }) // Process(target=f, args=('bob',))
	p.Start()
	p.Join()
	return nil
}

// f is the Python function f: it greets name.
func f(w io.Writer, name string) {
	fmt.Fprintln(w, "hello", name)
}
