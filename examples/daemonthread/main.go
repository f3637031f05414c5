// Command daemonthread is the Go port of daemon_thread.py, from the
// "Python threading: daemon, join()" section of
// shared/seeds/002_7c14b898e9712794.txt: single_thread.py with the thread
// made a daemon, so that the program ends without waiting for it.
//
//	go run ./examples/daemonthread
//
// As in Python, the last line, "Thread 1: finishing", is missing: the
// deferred [thread.Shutdown] waits only for non-daemon threads, so run
// returns while the daemon thread sleeps, and the program exits with it.
// (Under `go test` the thread does finish, in fake time, after run has
// returned; the test keeps only what run wrote before returning, as a
// process's output ends when main returns, and checks that the line is not
// there.)
//
// The output differs from the tutorial's in three ways. Every line starts
// with the time, as the program's logging format "%(asctime)s: %(message)s"
// with datefmt "%H:%M:%S" prints it; the tutorial's pasted output leaves the
// times out, and under `go test` the clock is fake, so every time reads
// 00:00:00. The lines go to standard output, where Python's logging writes
// to standard error. And "Thread 1: starting" is not certain to appear:
// Python's start() waits until the new thread is running, and in CPython
// that thread, holding the GIL, usually logs its first line before the main
// thread goes on. [thread.Thread.Start] yields the processor to the new
// goroutine, which usually does the same (in 38 `go run`s out of 40 here),
// but nothing in the program makes the daemon thread print before main
// returns, in Go or in Python; the test leaves that line out of its
// comparison. The messages keep the seed's "Main : " spelling, which
// differs from single_thread.py's "Main      : ".
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
	defer thread.Shutdown() // waits for non-daemon threads only
	fs := flag.NewFlagSet("daemonthread", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("daemonthread: unexpected arguments %q", fs.Args())
	}
	logging := newLogger(w)

	logging.info("Main : before creating thread")
	x := thread.New(func() { threadFunction(logging, 1) }, thread.Daemon(true))
	logging.info("Main : before running thread")
	x.Start()
	logging.info("Main : wait for the thread to finish")
	// x.Join() is left out, as in the Python program.
	logging.info("Main : all done")
	return nil
}

func threadFunction(logging logger, name int) {
	logging.info("Thread %d: starting", name)
	time.Sleep(2 * time.Second)
	logging.info("Thread %d: finishing", name) // never seen: the program has ended
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
