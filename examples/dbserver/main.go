// Command dbserver is the Go port of the "Lab: threads" of
// shared/seeds/000_9db71707a25980b8.txt ("Multithreading and
// Multiprocessing"):
//
//	create a program which uses threads to simulate a database server;
//	your "database server" should simply be a thread which sleeps for a
//	random interval (check out time.sleep() and random.randint()); your
//	main thread should get input from the user and respond to it (perhaps
//	reversing the input given by the user) while the database thread is
//	busy
//
// The seed gives the exercise, not a solution. This is the solution it
// ports:
//
//	import logging, random, threading, time
//
//	def database(stop):
//	    query = 0
//	    while not stop.is_set():
//	        query += 1
//	        seconds = random.randint(1, 5)
//	        logging.info("database: query %d started, takes %ds", query, seconds)
//	        time.sleep(seconds)
//	        logging.info("database: query %d done", query)
//	    logging.info("database: stopped")
//
//	logging.basicConfig(format="%(asctime)s: %(message)s", level=logging.INFO, datefmt="%H:%M:%S")
//	logging.info('main: type lines to reverse; "quit" or end of input stops')
//	stop = threading.Event()
//	server = threading.Thread(target=database, args=(stop,), name="database")
//	server.start()
//	while True:
//	    try:
//	        line = input()
//	    except EOFError:
//	        break
//	    if line == "quit":
//	        break
//	    logging.info("main: %s -> %s", line, line[::-1])
//	logging.info("main: stopping the database")
//	stop.set()
//	server.join()
//	logging.info("main: database stopped")
//
// Run it with
//
//	go run ./examples/dbserver
//	go run ./examples/dbserver -seed 7
//
// and type lines; "quit" or the end of input (Ctrl-D) stops. Each line is
// answered at once, whatever query the database is running: the database
// is busy in its own thread, and main only waits for the user. When main
// stops, the database finishes its current query, sees the stop and ends,
// and main, having joined it, ends too.
//
// The database is a struct with a Run method, the Go form of a Thread
// subclass. Python's threading.Event, set once to say "stop", is a
// channel that main closes: a closed channel is Go's one-time signal, and
// the database checks it between queries with a select. Nothing is left
// running: a daemon thread that loops forever would be the transliteration,
// and it would be cut off in the middle of a query.
//
// The durations come from a seeded generator (-seed), so a run with the
// same input and timing prints the same log. Go's generator (math/rand/v2's
// PCG) and Python's (the Mersenne Twister) give different numbers for the
// same seed. Python's line[::-1] reverses characters, not bytes; so does
// reverse.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"slices"
	"time"

	"github.com/pyconc/pyconc/thread"
)

func main() {
	if err := run(os.Stdout, os.Stdin, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(w io.Writer, r io.Reader, args []string) error {
	defer thread.Shutdown()
	fs := flag.NewFlagSet("dbserver", flag.ContinueOnError)
	seed := fs.Uint64("seed", 1, "seed for the query durations")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("dbserver: unexpected arguments %q", fs.Args())
	}

	logf(w, `main: type lines to reverse; "quit" or end of input stops`)
	stop := make(chan struct{})
	db := &database{w: w, random: rand.New(rand.NewPCG(*seed, 0)), stop: stop}
	server := thread.New(db.Run, thread.Name("database"))
	server.Start()

	input := bufio.NewScanner(r)
	for input.Scan() && input.Text() != "quit" {
		logf(w, "main: %s -> %s", input.Text(), reverse(input.Text()))
	}
	logf(w, "main: stopping the database")
	close(stop) // stop.set()
	server.Join()
	logf(w, "main: database stopped")
	return input.Err()
}

// A database is the simulated database server: it runs queries, each
// taking a random number of seconds, until stop is closed.
type database struct {
	w      io.Writer
	random *rand.Rand
	stop   <-chan struct{}
}

// Run runs queries one after the other until stop is closed. A query that
// has started is finished first.
func (db *database) Run() {
	for query := 1; ; query++ {
		select {
		case <-db.stop:
			logf(db.w, "database: stopped")
			return
		default:
		}
		seconds := db.random.IntN(5) + 1 // random.randint(1, 5)
		logf(db.w, "database: query %d started, takes %ds", query, seconds)
		time.Sleep(time.Duration(seconds) * time.Second)
		logf(db.w, "database: query %d done", query)
	}
}

// reverse returns s with its characters in reverse order, as Python's
// s[::-1] does.
func reverse(s string) string {
	r := []rune(s)
	slices.Reverse(r)
	return string(r)
}

// logf writes a line as Python's logging does with format
// "%(asctime)s: %(message)s" and datefmt "%H:%M:%S": the time, then the
// message, formatted as fmt.Sprintf does. Each line is one Write, so lines
// from the two threads do not mix.
func logf(w io.Writer, format string, args ...any) {
	fmt.Fprintf(w, "%s: %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
}
