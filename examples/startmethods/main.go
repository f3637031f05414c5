// Command startmethods is the Go port of the start-method cells of
// shared/seeds/003_b48680637bfb9369.txt ("Concurrency and
// Multithreading", section "Multiprocessing"): a child says hello through
// a Queue, first with the start method chosen for the whole program,
//
//	import multiprocessing as mp
//
//	def say_hello(my_queue):
//	    my_queue.put('hello')
//
//	if __name__ == '__main__':
//	    mp.set_start_method('spawn')
//	    my_queue = mp.Queue()
//	    p = mp.Process(target=say_hello, args=(my_queue,))
//	    p.start()
//	    print(my_queue.get())
//	    p.join()
//
// then, as the notebook suggests ("replacing the
// mp.set_start_method('spawn') with ctx = mp.get_context('spawn')"),
// with a context:
//
//	if __name__ == '__main__':
//	    ctx = mp.get_context('spawn')
//	    my_queue = ctx.Queue()
//	    p = ctx.Process(target=say_hello, args=(my_queue,))
//	    p.start()
//	    print(my_queue.get())
//	    p.join()
//
// Run it with
//
//	go run ./examples/startmethods
//	go run ./examples/startmethods -method=spawn
//
// It prints "hello" twice, once for each way of choosing the start method.
// (The notebook shows KeyboardInterrupt instead, most likely because a
// spawned child starts a new interpreter that imports the main module to
// find say_hello, and a notebook has no module to import: the child fails
// and the parent waits in get() until it is interrupted. Goroutines share the program's
// functions, so that cannot happen in Go.)
//
// mp.set_start_method becomes [mp.SetStartMethod], and mp.get_context
// [mp.GetContext], which returns a [*mp.Context] with the constructors
// that take no type parameter as methods (ctx.NewProcess); a generic one
// takes the context as an option: ctx.Queue() is mp.NewQueue[string](0,
// ctx).
//
// Where it differs from Python: pyconc has one start method, "goroutine",
// the default; -method picks the one to ask for, "goroutine" unless told.
// Python's "spawn", "fork" and "forkserver" start operating-system
// processes, which pyconc does not do: asking for one of them is an error
// that names the methods that exist,
//
//	mp: cannot find context for 'spawn'; the start methods are [goroutine]
//
// and the program stops there, as Python raises ValueError for a start
// method that does not exist on its platform. As in Python,
// set_start_method may be called once: the second program uses a context
// precisely so that it need not set the method again.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

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
	fs := flag.NewFlagSet("startmethods", flag.ContinueOnError)
	method := fs.String("method", "goroutine", `the start method to ask for; "goroutine" is the only one`)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("startmethods: unexpected arguments %q", fs.Args())
	}
	if err := setStartMethod(w, *method); err != nil {
		return err
	}
	return getContext(w, *method)
}

// sayHello is the Python function say_hello.
func sayHello(myQueue *mp.Queue[string]) {
	myQueue.Put("hello")
}

// setStartMethod is the first program: the start method set for the whole
// program, then a Queue and a Process made without a context.
func setStartMethod(w io.Writer, method string) error {
	if err := mp.SetStartMethod(method); err != nil {
		return err
	}
	myQueue := mp.NewQueue[string](0)
	p := mp.NewProcess(func() { sayHello(myQueue) })
	p.Start()
	msg, err := myQueue.Get()
	if err != nil {
		return err
	}
	fmt.Fprintln(w, msg)
	p.Join()
	return nil
}

// getContext is the second program: the Queue and the Process made by a
// context.
func getContext(w io.Writer, method string) error {
	ctx, err := mp.GetContext(method)
	if err != nil {
		return err
	}
	myQueue := mp.NewQueue[string](0, ctx) // ctx.Queue()
	p := ctx.NewProcess(func() { sayHello(myQueue) })
	p.Start()
	msg, err := myQueue.Get()
	if err != nil {
		return err
	}
	fmt.Fprintln(w, msg)
	p.Join()
	return nil
}
