// Command factorials is a Go solution of the lab after the "Multiprocessing
// Pool Example" of shared/seeds/000_9db71707a25980b8.txt ("Multithreading
// and Multiprocessing"):
//
//	Lab: Multiprocessing Pool
//	- write a program to compute 1!...48! using a multiprocessing pool
//	- won't be much of a parallelism example, but it's easy to code
//	- use previous example as a template
//
// The seed gives no solution. This is the one the lab asks for, in
// Python, on the template of the prime_factor program (see
// examples/primefactors):
//
//	from math import factorial
//	from multiprocessing.pool import Pool
//
//	if __name__ == '__main__':
//	    pool = Pool()
//	    numbers = range(1, 49)
//	    results = pool.map(factorial, numbers)
//	    for n, f in zip(numbers, results):
//	        print("{}! = {}".format(n, f))
//
// Run it with
//
//	go run ./examples/factorials
//	go run ./examples/factorials -n=100
//
// It prints, in order,
//
//	1! = 1
//	2! = 2
//	...
//	48! = 12413915592536072670862289047373375038521486354677760000000000
//
// the same lines as the Python program. Python's integers have no size
// limit; Go's int overflows past 20!, so the factorials are [math/big]
// integers, computed by [big.Int.MulRange], which Python's math.factorial
// matches. [pool.Map] hands the numbers to the pool's workers in chunks
// and returns the results in input order. As the lab says, it is not much
// of a parallelism example: one factorial takes microseconds, less than
// handing it to a worker. Python never closes the pool: the interpreter
// terminates it at exit, as the deferred [pool.Pool.Terminate] does here.
//
// The -n flag (default 48, the lab's) sets the last factorial.
package main

import (
	"flag"
	"fmt"
	"io"
	"math/big"
	"os"

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
	fs := flag.NewFlagSet("factorials", flag.ContinueOnError)
	last := fs.Int("n", 48, "compute 1! to n!")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("factorials: unexpected arguments %q", fs.Args())
	}

	p := pool.New()
	defer p.Terminate() // what Python's interpreter does to the pool at exit
	numbers := make([]int, 0, max(*last, 0))
	for n := 1; n <= *last; n++ { // range(1, 49)
		numbers = append(numbers, n)
	}
	results, err := pool.Map(p, factorial, numbers)
	if err != nil {
		return err
	}
	for i, n := range numbers {
		fmt.Fprintf(w, "%d! = %s\n", n, results[i])
	}
	return nil
}

// factorial returns n!, the product of the integers from 1 to n (1 for
// n = 0), as Python's math.factorial does.
func factorial(n int) *big.Int {
	return new(big.Int).MulRange(1, int64(n))
}
