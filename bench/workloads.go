// Package bench compares pyconc with the hand-written standard-library
// version of each workload (the practical limit), with the Go peers
// github.com/panjf2000/ants/v2, github.com/alitto/pond/v2,
// github.com/sourcegraph/conc and github.com/gammazero/workerpool, and
// with CPython (the scripts in python/).
//
// It is a module of its own, so the library's go.mod never lists a peer.
// The benchmarks are in the _test.go files; ./run.sh runs them all with
// the Python scripts and writes docs/BENCHMARKS.md with cmd/benchtable.
// Every benchmark is named Benchmark<Workload>/<column>, where the column
// is pyconc, limit, a peer's name or serial; cmd/benchtable maps those
// names to the rows of the table.
//
// The sizes are fixed so that figures compare across runs. This file has
// the workloads' inputs and functions, shared by the benchmarks and
// written the same way in python/common.py.
package bench

import "math"

// Workload sizes, the same in python/common.py.
const (
	Tasks        = 100_000   // workload 1: executor tasks
	Workers      = 4         // workload 1 and 8: executor workers
	MapItems     = 1_000_000 // workload 2: Pool.Map items
	FactorInts   = 64        // workload 3: ints to factorise
	QueueItems   = 200_000   // workload 4: queue items
	LockOps      = 1_000_000 // workload 5: uncontended acquire + release
	LockIncs     = 200_000   // workload 5: increments per goroutine
	Threads      = 10_000    // workload 6: threads started and joined
	QueuedTasks  = 1_000_000 // workload 8: tasks queued at once
	PipeTrips    = 50_000    // workload 7: Pipe round trips
	MPQueueItems = 100_000   // workload 7: items through an mp Queue
	Processes    = 50        // workload 7: processes started and joined
)

// Square is the trivial task of workloads 1 and 2.
func Square(x int) int { return x * x }

// Ints returns 0, 1, …, n-1.
func Ints(n int) []int {
	xs := make([]int, n)
	for i := range xs {
		xs[i] = i
	}
	return xs
}

// Primes are the PRIMES of the concurrent.futures documentation's
// ProcessPoolExecutor example: five primes and one composite.
var Primes = []int{
	112272535095293,
	112582705942171,
	112272535095293,
	115280095190773,
	115797848077099,
	1099726899285419,
}

// IsPrime is the is_prime of the same example.
func IsPrime(n int) bool {
	if n < 2 {
		return false
	}
	if n == 2 {
		return true
	}
	if n%2 == 0 {
		return false
	}
	sqrtN := int(math.Floor(math.Sqrt(float64(n))))
	for i := 3; i <= sqrtN; i += 2 {
		if n%i == 0 {
			return false
		}
	}
	return true
}

// FactorInputs returns the FactorInts seeded ints in [40 000 000,
// 80 000 000] of workload 3, from a 64-bit linear congruential generator
// (Knuth's MMIX constants) that python/common.py computes identically.
func FactorInputs() []int {
	xs := make([]int, FactorInts)
	x := uint64(2024)
	for i := range xs {
		x = x*6364136223846793005 + 1442695040888963407
		xs[i] = 40_000_000 + int((x>>33)%40_000_001)
	}
	return xs
}

// Factorize returns the prime factors of n by trial division, smallest
// first.
func Factorize(n int) []int {
	var fs []int
	for n%2 == 0 {
		fs = append(fs, 2)
		n /= 2
	}
	for d := 3; d*d <= n; d += 2 {
		for n%d == 0 {
			fs = append(fs, d)
			n /= d
		}
	}
	if n > 1 {
		fs = append(fs, n)
	}
	return fs
}
