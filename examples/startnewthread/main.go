// Command startnewthread is the Go port of the "Using thread" program of
// shared/seeds/001_3156b2b5eb6b5b98.txt (Reuven Lerner's slides on
// threading and multiprocessing): the main thread starts a child thread
// with the low-level thread module for every line typed, until the line
// is "q".
//
//	import thread
//	def child(tid):
//	    print('Hello from thread', tid)
//	def parent():
//	    i = 0
//	    while True:
//	        i += 1
//	        thread.start_new_thread(child, (i,))
//	        if raw_input() == 'q':
//	            break
//	parent()
//
// Run it with
//
//	go run ./examples/startnewthread
//	printf 'a\nb\nq\n' | go run ./examples/startnewthread
//
// Typing a, b and q prints
//
//	Hello from thread 1
//	Hello from thread 2
//	Hello from thread 3
//
// The slide is Python 2. In Python 3 the module is _thread and raw_input
// is input; the program's output is the same. _thread.start_new_thread is
// [thread.StartNewThread], and its argument tuple (i,) is a closure over
// i.
//
// A child is started before the line is read, so each child greets while
// main waits for the next line: typed slowly, the greetings come out in
// order. Lines that arrive together, pasted or piped, start children that
// run at the same time, and their greetings come out in any order, in Go
// as in Python. Nothing waits for a start_new_thread thread when the
// program ends, in Python or in pyconc ([thread.Shutdown] waits only for
// non-daemon Threads): with piped input main may read every line and
// return before some children have printed, and their lines are lost.
// How many are lost differs: the Go program usually prints all three
// lines of the printf example above, while Python 3.11, whose children
// must wait for the interpreter lock, printed none in our tries.
//
// Python's raw_input raises EOFError when input ends before a "q"; the Go
// program treats the end of input as "q".
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/pyconc/pyconc/thread"
)

func main() {
	if err := run(os.Stdout, os.Stdin, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(w io.Writer, r io.Reader, args []string) error {
	defer thread.Shutdown() // does not wait for the children, as Python does not
	fs := flag.NewFlagSet("startnewthread", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("startnewthread: unexpected arguments %q", fs.Args())
	}
	return parent(w, bufio.NewScanner(r))
}

// child is the Python function child.
func child(w io.Writer, tid int) {
	fmt.Fprintln(w, "Hello from thread", tid)
}

// parent is the Python function parent: it starts a child, then reads a
// line, until the line is "q" or input ends.
func parent(w io.Writer, input *bufio.Scanner) error {
	for i := 1; ; i++ {
		thread.StartNewThread(func() { child(w, i) })
		if !input.Scan() {
			return input.Err() // nil at the end of input
		}
		if input.Text() == "q" {
			return nil
		}
	}
}
