// Command mythread is the Go port of the "Example with threading" program
// of shared/seeds/001_3156b2b5eb6b5b98.txt (Reuven Lerner's slides on
// threading and multiprocessing): a Thread subclass whose constructor
// stores a number and whose run method prints it to the power 32.
//
//	class Mythread(threading.Thread):
//	    def __init__(self, i):
//	        self.i = i
//	        threading.Thread.__init__(self)
//	    def run(self):
//	        print(self.i ** 32)
//
//	Mythread(2).start()
//
// Run it with
//
//	go run ./examples/mythread
//	go run ./examples/mythread -i 4
//
// It prints 4294967296, as Python does.
//
// A Thread subclass with a constructor becomes a struct holding what the
// constructor stored, with a Run method that is handed to [thread.New] as
// a method value; the struct literal &Mythread{i: 2} is the constructor.
// Python's call to Thread.__init__ has no counterpart: the struct is not a
// Thread, it gives one its work.
//
// Python's integers never overflow, so the power is computed with
// math/big: 4 ** 32 is 2**64, one more than the largest uint64. The -i
// flag, to try that, is Go only; its default is the slide's 2.
//
// The Python program never joins its thread: the interpreter waits for it
// at exit. The deferred [thread.Shutdown] does that in Go.
package main

import (
	"flag"
	"fmt"
	"io"
	"math/big"
	"os"

	"github.com/pyconc/pyconc/thread"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(w io.Writer, args []string) error {
	defer thread.Shutdown() // wait for the thread, as Python does at exit
	fs := flag.NewFlagSet("mythread", flag.ContinueOnError)
	i := fs.Int64("i", 2, "the number to raise to the power 32")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("mythread: unexpected arguments %q", fs.Args())
	}

	m := &Mythread{i: *i, w: w} // Mythread(2)
	thread.New(m.Run).Start()
	// No Join, as in the Python program: Shutdown waits for the thread.
	return nil
}

// Mythread is the Python class Mythread: the number its __init__ stored,
// and its run method.
type Mythread struct {
	i int64
	w io.Writer // where print writes
}

// Run prints i to the power 32.
func (m *Mythread) Run() {
	fmt.Fprintln(m.w, new(big.Int).Exp(big.NewInt(m.i), big.NewInt(32), nil))
}
