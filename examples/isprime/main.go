// Command isprime is the Go port of the is_prime cells at the end of
// shared/seeds/000_9db71707a25980b8.txt ("Multithreading and
// Multiprocessing", section "Multithreading/Multiprocessing for Python
// 3"), the ProcessPoolExecutor example of the concurrent.futures
// documentation timed against a serial loop:
//
//	import concurrent.futures
//	import math
//
//	PRIMES = [
//	    112272535095293,
//	    112582705942171,
//	    112272535095293,
//	    115280095190773,
//	    115797848077099,
//	    1099726899285419]
//
//	def is_prime(n):
//	    if n % 2 == 0:
//	        return False
//	    sqrt_n = int(math.floor(math.sqrt(n)))
//	    for i in range(3, sqrt_n + 1, 2):
//	        if n % i == 0:
//	            return False
//	    return True
//
//	def main():
//	    with concurrent.futures.ProcessPoolExecutor() as executor:
//	        for number, prime in zip(PRIMES, executor.map(is_prime, PRIMES)):
//	            print(f'{number} is prime: {prime}')
//
//	%timeit -r 5 main()
//
//	def serial():
//	    for prime in PRIMES:
//	        print(f'{prime} is prime: {is_prime(prime)}')
//
//	%timeit -r 5 serial()
//
// Run it with
//
//	go run ./examples/isprime
//	go run ./examples/isprime -r=3 -n=2
//
// Each of the two versions is timed as IPython's %timeit does it: the
// call is measured -r times (5, as in the notebook), -n calls each time,
// and the output of every call is printed, so each version prints its six
// lines -r × -n times, then the mean and standard deviation of one call:
//
//	112272535095293 is prime: True
//	112582705942171 is prime: True
//	112272535095293 is prime: True
//	115280095190773 is prime: True
//	115797848077099 is prime: True
//	1099726899285419 is prime: False
//	... (the same six lines four more times)
//	45.6 ms ± 515 μs per loop (mean ± std. dev. of 5 runs, 1 loop each)
//	... (the serial version's 30 lines)
//	80.3 ms ± 893 μs per loop (mean ± std. dev. of 5 runs, 1 loop each)
//
// On two cores the pool version is about 1.76 times as fast as the serial
// one, close to the most these inputs allow: the five primes each cost
// about five million divisions, the last number far fewer, and a worker
// takes whole numbers, so one of the two does three primes. CPython 3.11
// takes about a second for the serial version on the same machine, twelve
// times as long.
//
// The executor is a [futures.ProcessPoolExecutor] with GOMAXPROCS
// workers, the number of cores, as Python's has os.cpu_count() processes;
// its workers are goroutines, not processes. The with block becomes a
// function that defers [futures.ProcessPoolExecutor.Shutdown], so that
// each call of main starts and stops its own executor, as in Python.
// [futures.Map] returns the results in input order as an iterator of
// (result, error) pairs: the error is where Python's iterator would
// raise, which is_prime never does.
//
// Where the output differs from Python's:
//
//   - %timeit without -n picks the number of calls per measurement itself
//     (1, 10, 100, … until one measurement lasts 0.2 s), after a first
//     measurement whose calls print too; the Go program makes one call per
//     measurement unless -n says otherwise, and no trial measurement, so
//     that it prints each version's lines five times rather than about
//     sixty.
//   - Under `go test` the clock is fake and stands still while the
//     program computes, so every time is 0 and the lines read
//     "0 ns ± 0 ns per loop (mean ± std. dev. of 5 runs, 1 loop each)".
//   - True and False are printed as Python prints them; the times as
//     IPython 8 formats them (three significant digits, μs for
//     microseconds).
package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"os"

	"github.com/pyconc/pyconc/futures"
	"github.com/pyconc/pyconc/thread"
)

// primes are the numbers of the Python program, PRIMES: five primes (one
// of them twice) and, last, a number that is not prime.
var primes = []int{
	112272535095293,
	112582705942171,
	112272535095293,
	115280095190773,
	115797848077099,
	1099726899285419,
}

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(w io.Writer, args []string) error {
	defer thread.Shutdown()
	fs := flag.NewFlagSet("isprime", flag.ContinueOnError)
	repeat := fs.Int("r", 5, "how many times %timeit measures each version")
	number := fs.Int("n", 1, "how many calls each measurement makes")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("isprime: unexpected arguments %q", fs.Args())
	}
	if *repeat < 1 || *number < 1 {
		return fmt.Errorf("isprime: -r and -n must be at least 1")
	}

	if err := timeit(w, *repeat, *number, func() error { return poolMain(w) }); err != nil {
		return err
	}
	return timeit(w, *repeat, *number, func() error { serial(w); return nil })
}

// isPrime is the Python function is_prime: whether n, an odd number above
// 1, has no odd divisor from 3 to its square root. (For 1 it reports
// true, as the Python function does.)
func isPrime(n int) bool {
	if n%2 == 0 {
		return false
	}
	sqrtN := int(math.Floor(math.Sqrt(float64(n))))
	for i := 3; i < sqrtN+1; i += 2 {
		if n%i == 0 {
			return false
		}
	}
	return true
}

// poolMain is the Python function main: is_prime of every number, on a
// process pool executor that lives as long as the call.
func poolMain(w io.Writer) error {
	executor := futures.NewProcessPoolExecutor()
	defer executor.Shutdown() // the end of the with block
	i := 0
	for prime, err := range futures.Map(executor, isPrime, primes) {
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%d is prime: %s\n", primes[i], pyBool(prime)) // zip(PRIMES, ...)
		i++
	}
	return nil
}

// serial is the Python function serial: is_prime of every number, in
// turn, on the calling thread.
func serial(w io.Writer) {
	for _, prime := range primes {
		fmt.Fprintf(w, "%d is prime: %s\n", prime, pyBool(isPrime(prime)))
	}
}

// pyBool formats b as Python prints a bool.
func pyBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}
