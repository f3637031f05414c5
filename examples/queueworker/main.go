// Command queueworker is the Go port of the program in the "Message passing
// with Queue" section of shared/seeds/002_7c14b898e9712794.txt: a worker
// thread takes items from a [queue.Queue] and marks each one done, the main
// thread sends it thirty items and waits with [queue.Queue.Join] until all
// of them have been processed.
//
//	go run ./examples/queueworker
//
// The Python worker is a daemon thread looping on q.get() for ever; the
// program ends while it is blocked, and the interpreter abandons it. The Go
// worker ranges over [queue.Queue.Items] instead, a loop that ends when the
// queue is shut down and empty: once Join has returned, the main thread
// shuts the queue down and joins the worker, so nothing is left running
// when the program ends. The output is the same.
//
// The worker starts on the items while the main thread is still sending
// them, so "All task requests sent" can come out anywhere among the
// worker's lines, in Go as in Python. The worker's own lines are always in
// item order, and "All work completed" is always last. Python prints the
// line with print("All task requests sent\n", end="") so that the text and
// its newline are written at once and cannot be split by the worker's
// output; fmt.Fprintln writes each line with one Write, which does the same
// (and os.Stdout, where the program writes, takes concurrent Writes).
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/pyconc/pyconc/queue"
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
	fs := flag.NewFlagSet("queueworker", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("queueworker: unexpected arguments %q", fs.Args())
	}

	q := queue.New[int](0)

	worker := func() {
		for item := range q.Items() {
			fmt.Fprintf(w, "Working on %d\n", item)
			fmt.Fprintf(w, "Finished %d\n", item)
			q.TaskDone()
		}
	}

	// Turn on the worker thread.
	t := thread.New(worker)
	t.Start()

	// Send thirty task requests to the worker.
	for item := range 30 {
		if err := q.Put(item); err != nil {
			return err
		}
	}
	fmt.Fprintln(w, "All task requests sent")

	// Block until all tasks are done.
	q.Join()
	fmt.Fprintln(w, "All work completed")

	// Let the worker's loop end, and wait for it.
	q.Shutdown()
	t.Join()
	return nil
}
