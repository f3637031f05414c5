// Command poolsquare is the Go port of the two pools of workers that
// square numbers in the seed documents: the "Process pooling" slide of
// shared/seeds/001_3156b2b5eb6b5b98.txt (Reuven Lerner's slides, in
// Python 2)
//
//	from multiprocessing import Pool
//
//	def f(x):
//	    return x*x
//
//	if __name__ == '__main__':
//	    pool = Pool(processes=4)           # start 4 workers
//	    result = pool.apply_async(f, [10]) # run "f(10)"
//	    print result.get(timeout=1)        # print "100"
//	    print pool.map(f, range(10))      # prints numbers
//
// and the Pool example of shared/seeds/003_b48680637bfb9369.txt
// ("Concurrency and Multithreading", section "Multiprocessing")
//
//	from multiprocessing import Pool
//
//	def f(x):
//	    return x*x
//
//	if __name__ == '__main__':
//	    with Pool(5) as p:
//	        print(p.map(f, [1, 2, 3]))
//
// one after the other. Run it with
//
//	go run ./examples/poolsquare
//
// It prints
//
//	100
//	[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]
//	[1, 4, 9]
//
// the first two lines as the slide's comments say, the last as the
// notebook's program would. (The notebook shows KeyboardInterrupt instead,
// most likely because it ran with the spawn start method, set in an
// earlier cell: the child processes cannot import f from a notebook, and
// the map waits until it is interrupted.
// Goroutines share the program's functions, so nothing of the kind can
// happen in Go.)
//
// Python's apply_async(f, [10]) passes the arguments as a list; in Go the
// call is a closure, func() int { return f(10) }, given to
// [pool.ApplyAsync], and result.get(timeout=1) is
// [pool.AsyncResult.GetTimeout], which returns an error where Python
// raises multiprocessing.TimeoutError. range(10) is an iterator in Python
// 3; here it is an [iter.Seq], which [pool.Map] takes as it takes a
// slice. `with Pool(5) as p:` becomes a function that defers
// [pool.Pool.Terminate], which is what the with statement's exit does;
// the first pool, never closed in the slide, is terminated the same way
// when run returns, as Python's interpreter terminates it at exit.
package main

import (
	"flag"
	"fmt"
	"io"
	"iter"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/pyconc/pyconc/pool"
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
	fs := flag.NewFlagSet("poolsquare", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("poolsquare: unexpected arguments %q", fs.Args())
	}
	if err := processPooling(w); err != nil {
		return err
	}
	return withPool(w)
}

// f is the function the pools run.
func f(x int) int {
	return x * x
}

// processPooling is the slide's program.
func processPooling(w io.Writer) error {
	p := pool.New(pool.Processes(4))                          // start 4 workers
	defer p.Terminate()                                       // what Python's interpreter does to the pool at exit
	result := pool.ApplyAsync(p, func() int { return f(10) }) // run "f(10)"
	v, err := result.GetTimeout(time.Second)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, v) // print "100"
	squares, err := pool.Map(p, f, pyRange(10))
	if err != nil {
		return err
	}
	fmt.Fprintln(w, pyList(squares)) // prints numbers
	return nil
}

// withPool is the notebook's program.
func withPool(w io.Writer) error {
	p := pool.New(pool.Processes(5))
	defer p.Terminate() // the end of `with Pool(5) as p:`
	squares, err := pool.Map(p, f, []int{1, 2, 3})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, pyList(squares))
	return nil
}

// pyRange returns the integers from 0 to n-1, as Python's range(n) does.
func pyRange(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}

// pyList formats xs as Python prints a list of ints: "[1, 4, 9]".
func pyList(xs []int) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, x := range xs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(x))
	}
	b.WriteByte(']')
	return b.String()
}
