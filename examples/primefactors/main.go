// Command primefactors is the Go port of the program in the "Multiprocessing
// Pool Example" section of shared/seeds/000_9db71707a25980b8.txt
// ("Multithreading and Multiprocessing"): a pool of workers factors 64
// random numbers between 40 000 000 and 80 000 000 by trial division, the
// kind of CPU-bound work a pool spreads over every core.
//
//	import random
//	import math
//	import os
//	from multiprocessing.pool import Pool
//
//	def prime_factor(value, level=0):
//	    factors = []
//	    if level:
//	        #print('  ' * level, 'prime_factor(', value, ', ', level, ') ', os.getpid(), sep='')
//	        pass
//	    for divisor in range(2, value - 1):
//	        quotient, remainder = divmod(value, divisor)
//	        if not remainder:
//	            factors.extend(prime_factor(divisor, level + 1))
//	            factors.extend(prime_factor(quotient, level + 1))
//	            break
//	    else:
//	        factors = [value]
//	    return factors
//
//	if __name__ == '__main__':  # distinguishes between running and importing
//	    pool = Pool()
//	    to_factor = [
//	        random.randint(40_000_000, 80_000_000)
//	        for _ in range(64)
//	    ]
//	    print(to_factor)
//	    results = pool.map(prime_factor, to_factor)
//	    for value, factors in zip(to_factor, results):
//	        print("The factors of {} are {}".format(value, factors))
//
// Run it with
//
//	go run ./examples/primefactors
//	go run ./examples/primefactors -seed=7
//
// It prints the numbers as Python prints the list, then a line for each,
// in the list's order, whatever order the workers finished them in:
//
//	[63930438, 43564471, 68614258, 40947059, ...]
//	The factors of 63930438 are [2, 3, 3, 3, 11, 13, 17, 487]
//	The factors of 43564471 are [79, 149, 3701]
//	...
//
// The pool, [pool.New] with the default [pool.Processes], has as many
// workers as Go may run goroutines at once (GOMAXPROCS, the number of
// cores), where Python's Pool() starts os.cpu_count() processes; they are
// goroutines, so the numbers are not pickled to reach them. [pool.Map]
// splits the 64 numbers into chunks as Python's map does, and returns the
// lists in input order. Python never closes its pool: the interpreter
// terminates it at exit. The Go program does the same with a deferred
// [pool.Pool.Terminate], which returns once the workers are gone.
//
// prime_factor's level argument only fed the commented-out trace line
// (with the process ID); the Go function does without both. Its loop
// tries every divisor up to value-2, as the Python one does, so a prime
// near 80 000 000 costs 80 million divisions: that is the work the pool
// shares out (about a second on one core in Go for the 64 numbers,
// well over a minute in CPython).
//
// Where the output differs from Python's: Python's numbers come from an
// unseeded random.randint, different on every run; the Go ones from a
// PCG generator seeded with -seed (default 1), the same on every run but
// not Python's for any seed. The format of the lines is Python's.
package main

import (
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"

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
	fs := flag.NewFlagSet("primefactors", flag.ContinueOnError)
	seed := fs.Uint64("seed", 1, "seed for the random numbers to factor")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("primefactors: unexpected arguments %q", fs.Args())
	}

	p := pool.New()
	defer p.Terminate() // what Python's interpreter does to the pool at exit
	random := rand.New(rand.NewPCG(*seed, 0))
	toFactor := make([]int, 64)
	for i := range toFactor {
		toFactor[i] = randint(random, 40_000_000, 80_000_000)
	}
	fmt.Fprintln(w, pyList(toFactor))
	results, err := pool.Map(p, primeFactor, toFactor)
	if err != nil {
		return err
	}
	for i, value := range toFactor {
		fmt.Fprintf(w, "The factors of %d are %s\n", value, pyList(results[i]))
	}
	return nil
}

// primeFactor is the Python function prime_factor: it returns the prime
// factors of value, smallest first. It tries the divisors from 2 to
// value-2 in turn; at the first that divides value, it factors that
// divisor and the quotient. If none does, value is prime (or below 4),
// and its only factor is itself.
func primeFactor(value int) []int {
	for divisor := 2; divisor < value-1; divisor++ {
		quotient, remainder := value/divisor, value%divisor
		if remainder == 0 {
			return slices.Concat(primeFactor(divisor), primeFactor(quotient))
		}
	}
	return []int{value} // the loop's else: no divisor found
}

// randint returns a random integer in [a, b], both ends included, as
// Python's random.randint does.
func randint(random *rand.Rand, a, b int) int {
	return a + random.IntN(b-a+1)
}

// pyList formats xs as Python prints a list of ints: "[2, 2, 7]".
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
