// Command multiplethreads is the Go port of multiple_threads.py, from the
// "Working with multiple threads" section of
// shared/seeds/002_7c14b898e9712794.txt: the main thread creates and starts
// three threads in a loop, each sleeping for two seconds, then joins them
// in the order it started them.
//
//	go run ./examples/multiplethreads
//
// As the tutorial says, "multiple runs will produce different orderings":
// the three threads start at the same moment and finish at the same moment,
// so their lines, and the main thread's lines between them, come out in an
// order that varies from run to run, in Go as in Python. What does not vary
// is the main thread's own order, that each thread starts before it
// finishes, and that "Main      : thread N done" comes after
// "Thread N: finishing", because Join waits for the thread to end.
//
// The output differs from the tutorial's in two ways. Every line starts
// with the time, as the program's logging format "%(asctime)s: %(message)s"
// with datefmt "%H:%M:%S" prints it; the tutorial's pasted output leaves the
// times out. Under `go test` the clock is fake, so the times read 00:00:00
// and 00:00:02. And the lines go to standard output, where Python's logging
// writes to standard error. (The golden file shows the tutorial's order;
// the test compares the lines as a set and checks the orders the program
// guarantees.)
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
	defer thread.Shutdown()
	fs := flag.NewFlagSet("multiplethreads", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("multiplethreads: unexpected arguments %q", fs.Args())
	}
	logging := newLogger(w)

	var threads []*thread.Thread
	for index := range 3 {
		logging.info("Main      : create and start thread %d.", index)
		x := thread.New(func() { threadFunction(logging, index) })
		threads = append(threads, x)
		x.Start()
	}

	for index, t := range threads {
		logging.info("Main      : before joining thread %d.", index)
		t.Join()
		logging.info("Main      : thread %d done", index)
	}
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
