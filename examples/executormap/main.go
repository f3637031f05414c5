// Command executormap is the Go port of the program in the "Python
// threading: ThreadPoolExecutor" section of
// shared/seeds/002_7c14b898e9712794.txt: a pool of three worker threads
// runs thread_function on 0, 1 and 2, and the with block waits for them.
//
//	import concurrent.futures
//	import logging
//	import time
//
//	def thread_function(name):
//	    logging.info("Thread %s: starting", name)
//	    time.sleep(2)
//	    logging.info("Thread %s: finishing", name)
//
//	if __name__ == "__main__":
//	    format = "%(asctime)s: %(message)s"
//	    logging.basicConfig(format=format, level=logging.INFO,
//	                        datefmt="%H:%M:%S")
//
//	    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as executor:
//	        executor.map(thread_function, range(3))
//
// (The seed shows the main block under "# [rest of code]"; the rest is
// the thread_function and imports of the programs before it.) Run it with
//
//	go run ./examples/executormap
//
// It prints
//
//	14:05:31: Thread 0: starting
//	14:05:31: Thread 1: starting
//	14:05:31: Thread 2: starting
//	14:05:33: Thread 2: finishing
//	14:05:33: Thread 0: finishing
//	14:05:33: Thread 1: finishing
//
// The three calls start at once, one on each of the executor's threads,
// and finish two seconds later, in an order that varies from run to run,
// in Go as in Python; each thread's "finishing" line comes after its
// "starting" line.
//
// [futures.Map] submits every call when it is called, as Python's map
// does, and returns an iterator over the results that the program, like
// the Python one, never reads: thread_function returns nothing (its Go
// form returns struct{}, since Map needs a result type). The with block
// becomes a deferred [futures.ThreadPoolExecutor.Shutdown], which waits
// for the calls to finish, as the end of the with block does, before run
// returns.
//
// The output differs from Python's in two ways, as in
// examples/multiplethreads: the lines go to standard output, where
// Python's logging writes to standard error, and under `go test` the
// clock is fake, so the times read 00:00:00 and 00:00:02.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"time"

	"github.com/pyconc/pyconc/futures"
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
	fs := flag.NewFlagSet("executormap", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("executormap: unexpected arguments %q", fs.Args())
	}
	logging := newLogger(w)

	threadFunction := func(name int) struct{} {
		logging.info("Thread %d: starting", name)
		time.Sleep(2 * time.Second)
		logging.info("Thread %d: finishing", name)
		return struct{}{}
	}

	executor := futures.NewThreadPoolExecutor(futures.MaxWorkers(3))
	defer executor.Shutdown()                             // the end of the with block: waits for the calls
	futures.Map(executor, threadFunction, []int{0, 1, 2}) // range(3); the results are not read
	return nil
}

// A logger is the Python program's logging, as configured by
// logging.basicConfig(format="%(asctime)s: %(message)s", datefmt="%H:%M:%S").
type logger struct{ l *log.Logger }

func newLogger(w io.Writer) logger { return logger{log.New(w, "", 0)} }

// info writes one line, the time and then the message, formatted as
// fmt.Sprintf does. A [log.Logger] writes each line whole, whichever
// thread calls it, as Python's logging does.
func (l logger) info(format string, args ...any) {
	l.l.Print(time.Now().Format("15:04:05") + ": " + fmt.Sprintf(format, args...))
}
