// Command mpqueue is the Go port of the multiprocessing Queue program of
// two seed documents: the "Queue" slide of
// shared/seeds/001_3156b2b5eb6b5b98.txt (Reuven Lerner's slides, in
// Python 2) and the Queue example of
// shared/seeds/003_b48680637bfb9369.txt ("Concurrency and
// Multithreading", section "Multiprocessing"), the same program in
// Python 3:
//
//	from multiprocessing import Process, Queue
//
//	def f(q):
//	    q.put([42, None, 'hello'])
//
//	if __name__ == '__main__':
//	    q = Queue()
//	    p = Process(target=f, args=(q,))
//	    p.start()
//	    print(q.get())    # prints "[42, None, 'hello']"
//	    p.join()
//
// Run it with
//
//	go run ./examples/mpqueue
//
// It prints [42, None, 'hello'], as the slide's comment says and the
// notebook shows.
//
// Queue() becomes [mp.NewQueue] with a maxsize of 0, unbounded as
// Python's default. A Python list may hold an int, None and a str at
// once; the Go queue carries []any, and the list is printed as Python
// prints it (nil as None, strings in single quotes). The child is a
// closure over the queue, which is how Go passes args=(q,).
//
// Where it differs from Python: the process is a goroutine, so the list
// is not pickled on its way through the queue, the parent receives the
// very slice the child put. [mp.Queue.Get] returns an error beside the
// item, in the shape of every Get of pyconc; for a multiprocessing Queue
// it is always nil.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/pyconc/pyconc/internal/pyrepr"
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
	fs := flag.NewFlagSet("mpqueue", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("mpqueue: unexpected arguments %q", fs.Args())
	}

	q := mp.NewQueue[[]any](0)
	p := mp.NewProcess(func() { f(q) }) // Process(target=f, args=(q,))
	p.Start()
	item, err := q.Get()
	if err != nil {
		return err
	}
	fmt.Fprintln(w, pyrepr.Repr(item)) // prints "[42, None, 'hello']"
	p.Join()
	return nil
}

// f is the Python function f: it puts a list on q.
func f(q *mp.Queue[[]any]) {
	q.Put([]any{42, nil, "hello"})
}
