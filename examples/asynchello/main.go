// Command asynchello is the Go port of the asyncio program of
// shared/seeds/003_b48680637bfb9369.txt ("Concurrency and
// Multithreading", section "Asynchronous computing and asyncio"):
//
//	import asyncio
//
//	async def main():
//	    print('hello')
//	    await asyncio.sleep(1)
//	    print('world')
//
//	asyncio.run(main())
//
// Run it with
//
//	go run ./examples/asynchello
//
// It prints "hello" and, a second later, "world", as Python does.
//
// Go has no event loop, and needs none. A Python coroutine is a function
// that can pause at each await and let the event loop run other coroutines
// on the same thread meanwhile; asyncio.run creates a loop, runs the
// coroutine on it until it returns, and closes the loop. A goroutine gives
// any Go function all of that: every blocking call (time.Sleep, a channel
// receive, a read from a socket) pauses only the calling goroutine, and
// the Go runtime's scheduler runs the other goroutines meanwhile, on every
// core. So the coroutine is an ordinary function, hello below; await
// asyncio.sleep(1) is time.Sleep(time.Second); and asyncio.run(main()) is
// running hello in a thread, a goroutine, and waiting for it to end. There
// is no async or await to mark the functions that may pause: in Go, any
// function may.
//
// The document's run of this cell failed with
//
//	RuntimeError: asyncio.run() cannot be called from a running event loop
//
// because Jupyter runs every cell inside an event loop of its own, and
// asyncio.run refuses to start a second loop in a thread that is already
// running one (in a notebook one writes `await main()` instead). That
// error has no Go counterpart: there is no loop to be running already,
// and any goroutine may start another and wait for it. The Go program
// prints what the Python program prints when run as a script.
package main

import (
	"flag"
	"fmt"
	"io"
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
	fs := flag.NewFlagSet("asynchello", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("asynchello: unexpected arguments %q", fs.Args())
	}

	// asyncio.run(main()): run the coroutine and wait until it is done.
	t := thread.New(func() { hello(w) })
	t.Start()
	t.Join()
	return nil
}

// hello is the Python program's coroutine main. While it sleeps, only its
// own goroutine waits; the rest of the program would go on.
func hello(w io.Writer) {
	fmt.Fprintln(w, "hello")
	time.Sleep(time.Second) // await asyncio.sleep(1)
	fmt.Fprintln(w, "world")
}
