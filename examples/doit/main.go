// Command doit is the Go port of the "Using threading" program of
// shared/seeds/001_3156b2b5eb6b5b98.txt (Reuven Lerner's slides on
// threading and multiprocessing): a Thread subclass whose run method
// prints a line, started three times and never joined.
//
//	import threading
//	class DoIt(threading.Thread):
//	    def run(self):
//	        print "In the thread"
//	DoIt().start()
//	DoIt().start()
//	DoIt().start()
//
// Run it with
//
//	go run ./examples/doit
//
// It prints "In the thread" three times, as Python does (the slide is
// Python 2; Python 3's print("In the thread") prints the same).
//
// Subclassing Thread and overriding run becomes a type with a Run method,
// handed to [thread.New] as a method value: thread.New(DoIt{}.Run).Start()
// is DoIt().start(). The three calls become a loop.
//
// The Python program never joins its threads: the interpreter waits for
// every non-daemon thread when the main program ends. A Go program ends
// when main returns, whatever its goroutines are doing, so run begins with
// defer thread.Shutdown(), which waits for them as Python does.
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
	defer thread.Shutdown() // wait for the three threads, as Python does at exit
	fs := flag.NewFlagSet("doit", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("doit: unexpected arguments %q", fs.Args())
	}

	for range 3 {
		thread.New(DoIt{w}.Run).Start() // DoIt().start()
	}
	return nil
}

// DoIt is the Python class DoIt, a Thread subclass that overrides run.
type DoIt struct {
	w io.Writer // where print writes
}

// Run prints "In the thread".
func (d DoIt) Run() { fmt.Fprintln(d.w, "In the thread") }
