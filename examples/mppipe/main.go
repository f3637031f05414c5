// Command mppipe is the Go port of the Pipe program of two seed
// documents: the "Pipes" slide of shared/seeds/001_3156b2b5eb6b5b98.txt
// (Reuven Lerner's slides, in Python 2) and the Pipe example of
// shared/seeds/003_b48680637bfb9369.txt ("Concurrency and
// Multithreading", section "Multiprocessing"), the same program in
// Python 3:
//
//	from multiprocessing import Process, Pipe
//
//	def f(conn):
//	    conn.send([42, None, 'hello'])
//	    conn.close()
//
//	if __name__ == '__main__':
//	    parent_conn, child_conn = Pipe()
//	    p = Process(target=f, args=(child_conn,))
//	    p.start()
//	    print(parent_conn.recv())   # prints "[42, None, 'hello']"
//	    p.join()
//
// Run it with
//
//	go run ./examples/mppipe
//
// It prints [42, None, 'hello'], as the slide's comment says and the
// notebook shows.
//
// Pipe() becomes [mp.Pipe], two-way by default as in Python, typed by
// what travels through it: []any, since the Python list holds an int,
// None and a str. Send and Recv are Python's; each returns an error where
// Python raises (a send to a closed peer, Python's BrokenPipeError; a
// receive once the peer has closed and nothing is left, EOFError), which
// this program never gets and returns if it does. The list is printed as
// Python prints it.
//
// Where it differs from Python: the connections are in memory, shared by
// goroutines, not the two ends of an operating-system pipe; the list is
// not pickled, the parent receives the slice the child sent. Closing the
// child's end only stops that end: the parent still receives what was
// sent before, as in Python.
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
	fs := flag.NewFlagSet("mppipe", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("mppipe: unexpected arguments %q", fs.Args())
	}

	parentConn, childConn := mp.Pipe[[]any]()
	var sendErr error
	p := mp.NewProcess(func() { sendErr = f(childConn) }) // Process(target=f, args=(child_conn,))
	p.Start()
	msg, err := parentConn.Recv()
	p.Join() // before reading sendErr, which the child wrote
	if err != nil {
		return err
	}
	fmt.Fprintln(w, pyrepr.Repr(msg)) // prints "[42, None, 'hello']"
	return sendErr
}

// f is the Python function f: it sends a list through conn and closes it.
// It returns the error of Send, where Python's send would raise.
func f(conn *mp.Connection[[]any]) error {
	defer conn.Close()
	return conn.Send([]any{42, nil, "hello"})
}
