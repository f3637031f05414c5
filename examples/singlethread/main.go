// Command singlethread is the Go port of single_thread.py, from the
// "Python threading: start()" section of shared/seeds/002_7c14b898e9712794.txt:
// the main thread starts one thread that sleeps for two seconds, does not
// join it, and logs "all done" before the thread has finished.
//
//	go run ./examples/singlethread
//
// Python waits for every non-daemon thread before the interpreter exits, so
// "Thread 1: finishing" still comes out, after "Main      : all done". A Go
// program ends when main returns, whatever its goroutines are doing; the
// deferred [thread.Shutdown] at the top of run is what waits for the thread,
// as Python's interpreter does at exit.
//
// The output differs from the tutorial's in two ways. Every line starts
// with the time, as the program's logging format "%(asctime)s: %(message)s"
// with datefmt "%H:%M:%S" prints it; the tutorial's pasted output leaves the
// times out. Under `go test` the clock is fake, so the times read 00:00:00
// and 00:00:02. And the lines go to standard output, where Python's logging
// writes to standard error. "Thread 1: starting" and the main thread's next
// lines happen at the same moment, so they may come out in either order,
// in Go as in Python (the golden file shows the tutorial's order; the test
// compares the lines as a set and checks the orders the program
// guarantees).
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
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
	defer thread.Shutdown() // wait for the non-daemon thread, as Python does at exit
	fs := flag.NewFlagSet("singlethread", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("singlethread: unexpected arguments %q", fs.Args())
	}
	logging := newLogger(w)

	logging.info("Main      : before creating thread")
	x := thread.New(func() { threadFunction(logging, 1) })
	logging.info("Main      : before running thread")
	x.Start()
	logging.info("Main      : wait for the thread to finish")
	// x.Join() is left out, as in the Python program.
	logging.info("Main      : all done")
	return nil
}

func threadFunction(logging logger, name int) {
	logging.info("Thread %d: starting", name)
	time.Sleep(2 * time.Second)
	logging.info("Thread %d: finishing", name)
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
