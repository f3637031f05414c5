// Command threadinfo is the Go port of the "Threading information" slide
// of shared/seeds/001_3156b2b5eb6b5b98.txt (Reuven Lerner's slides on
// threading and multiprocessing), which lists threading.current_thread(),
// current_thread().name, active_count() and enumerate() without a program
// to show them. This is that program, in Python:
//
//	import threading
//
//	def show():
//	    me = threading.current_thread()
//	    print(f"{me.name}: current_thread() is main_thread(): {me is threading.main_thread()}")
//	    print(f"{me.name}: active_count() = {threading.active_count()}")
//	    print(f"{me.name}: enumerate() = {[t.name for t in threading.enumerate()]}")
//
//	def worker(ready, release):
//	    show()
//	    ready.set()
//	    release.wait()
//
//	show()
//	release = threading.Event()
//	threads = []
//	for name in ("reader", None):
//	    ready = threading.Event()
//	    t = threading.Thread(target=worker, name=name, args=(ready, release))
//	    t.start()
//	    ready.wait()
//	    threads.append(t)
//	show()
//	release.set()
//	for t in threads:
//	    t.join()
//	show()
//
// Run it with
//
//	go run ./examples/threadinfo
//
// Each line starts with current_thread().name of the thread printing it.
// The main thread is "MainThread"; the first worker is named "reader"; the
// second, unnamed, gets Python's default name "Thread-1 (worker)": the
// counter counts only unnamed threads, and the target's name is added in
// parentheses, as Python 3.10 and later do. Each worker waits until main
// has listed the threads, so every count and list is the same on every
// run. The output is the Python program's, line for line (Python 3.11).
//
// Python's Events become channels: a worker sends on ready where Python
// sets its event, and main closing release wakes both workers, as
// release.set() does. The workers are a method of the struct holding the
// channels, so that the target's name, "worker", is in the default thread
// name; a function literal has no name, and its thread would be plain
// "Thread-1".
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

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
	fs := flag.NewFlagSet("threadinfo", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("threadinfo: unexpected arguments %q", fs.Args())
	}

	show(w)
	g := &gate{w: w, ready: make(chan struct{}), release: make(chan struct{})}
	var threads []*thread.Thread
	for _, name := range []string{"reader", ""} { // "" is no name, as Python's None
		t := thread.New(g.worker, thread.Name(name))
		t.Start()
		<-g.ready // ready.wait()
		threads = append(threads, t)
	}
	show(w)
	close(g.release) // release.set()
	for _, t := range threads {
		t.Join()
	}
	show(w)
	return nil
}

// show prints what the calling thread sees: whether it is the main thread,
// and the threads alive.
func show(w io.Writer) {
	me := thread.CurrentThread()
	fmt.Fprintf(w, "%s: current_thread() is main_thread(): %s\n", me.Name(), pyBool(me == thread.MainThread()))
	fmt.Fprintf(w, "%s: active_count() = %d\n", me.Name(), thread.ActiveCount())
	fmt.Fprintf(w, "%s: enumerate() = %s\n", me.Name(), names(thread.Enumerate()))
}

// A gate holds what the Python program passes its workers: ready, on which
// a worker says it has shown what it sees, and release, closed when the
// workers may end.
type gate struct {
	w       io.Writer
	ready   chan struct{}
	release chan struct{}
}

// worker is the Python function worker.
func (g *gate) worker() {
	show(g.w)
	g.ready <- struct{}{} // ready.set()
	<-g.release           // release.wait()
}

// names formats the threads' names as Python prints a list of strings.
func names(threads []*thread.Thread) string {
	quoted := make([]string, len(threads))
	for i, t := range threads {
		quoted[i] = "'" + t.Name() + "'"
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

// pyBool formats b as Python prints a bool.
func pyBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}
