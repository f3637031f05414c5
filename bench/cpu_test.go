package bench

import (
	"sync"
	"testing"
	"time"

	"github.com/alitto/pond/v2"
	"github.com/gammazero/workerpool"
	"github.com/panjf2000/ants/v2"
	"github.com/pyconc/pyconc/futures"
	"github.com/pyconc/pyconc/pool"
	conciter "github.com/sourcegraph/conc/iter"
)

// speedup runs serial and parallel one after the other in every
// iteration, so that both see the same load on the machine, and reports
// the serial time over the parallel time as "x".
func speedup(b *testing.B, serial, parallel func()) {
	var ts, tp time.Duration
	for b.Loop() {
		start := time.Now()
		serial()
		ts += time.Since(start)
		start = time.Now()
		parallel()
		tp += time.Since(start)
	}
	b.ReportMetric(float64(ts)/float64(tp), "x")
}

// isPrimeSerial is the serial loop over Primes, checking the answers.
func isPrimeSerial(b *testing.B) func() {
	return func() {
		for i, n := range Primes {
			if IsPrime(n) != (i < 5) {
				b.Fatalf("IsPrime(%d) wrong", n)
			}
		}
	}
}

// checkPrimes fails b unless out holds the answers for Primes.
func checkPrimes(b *testing.B, out []bool) {
	for i, p := range out {
		if p != (i < 5) {
			b.Fatalf("IsPrime(%d) = %v", Primes[i], p)
		}
	}
}

// Workload 3: is_prime over the six Primes on two workers against the
// serial loop (the example of the concurrent.futures documentation).
// The inputs cap the speed-up near 1.77: five take about the same time,
// the sixth a third of it. Every column reports its speed-up.
func BenchmarkIsPrimeSpeedup(b *testing.B) {
	const workers = 2
	b.Run("pyconc", func(b *testing.B) {
		ex := futures.NewProcessPoolExecutor(futures.MaxWorkers(workers))
		defer ex.Shutdown()
		speedup(b, isPrimeSerial(b), func() {
			i := 0
			for prime, err := range futures.Map(ex, IsPrime, Primes) {
				if err != nil || prime != (i < 5) {
					b.Fatalf("IsPrime(%d) = %v, %v", Primes[i], prime, err)
				}
				i++
			}
		})
	})
	b.Run("limit", func(b *testing.B) {
		speedup(b, isPrimeSerial(b), func() {
			idx := make(chan int, len(Primes))
			for i := range Primes {
				idx <- i
			}
			close(idx)
			out := make([]bool, len(Primes))
			var wg sync.WaitGroup
			for range workers {
				wg.Go(func() {
					for i := range idx {
						out[i] = IsPrime(Primes[i])
					}
				})
			}
			wg.Wait()
			checkPrimes(b, out)
		})
	})
	b.Run("ants", func(b *testing.B) {
		p, err := ants.NewPool(workers)
		if err != nil {
			b.Fatal(err)
		}
		defer p.Release()
		speedup(b, isPrimeSerial(b), func() {
			out := make([]bool, len(Primes))
			var wg sync.WaitGroup
			wg.Add(len(Primes))
			for i, n := range Primes {
				if err := p.Submit(func() { out[i] = IsPrime(n); wg.Done() }); err != nil {
					b.Fatal(err)
				}
			}
			wg.Wait()
			checkPrimes(b, out)
		})
	})
	b.Run("pond", func(b *testing.B) {
		p := pond.NewResultPool[bool](workers)
		defer p.StopAndWait()
		speedup(b, isPrimeSerial(b), func() {
			g := p.NewGroup()
			for _, n := range Primes {
				g.Submit(func() bool { return IsPrime(n) })
			}
			out, err := g.Wait()
			if err != nil {
				b.Fatal(err)
			}
			checkPrimes(b, out)
		})
	})
	b.Run("conc", func(b *testing.B) {
		m := conciter.Mapper[int, bool]{MaxGoroutines: workers}
		speedup(b, isPrimeSerial(b), func() {
			checkPrimes(b, m.Map(Primes, func(n *int) bool { return IsPrime(*n) }))
		})
	})
	b.Run("workerpool", func(b *testing.B) {
		wp := workerpool.New(workers)
		defer wp.StopWait()
		speedup(b, isPrimeSerial(b), func() {
			out := make([]bool, len(Primes))
			var wg sync.WaitGroup
			wg.Add(len(Primes))
			for i, n := range Primes {
				wp.Submit(func() { out[i] = IsPrime(n); wg.Done() })
			}
			wg.Wait()
			checkPrimes(b, out)
		})
	})
}

// Workload 3, factorisation: trial division of the FactorInts seeded
// ints, serially against Pool.Map on a pool of GOMAXPROCS workers (two
// here). The limit is handMap's one chunk per goroutine; conc's iter.Map
// and a pond result group are the peers with a map.
func BenchmarkFactorizeSpeedup(b *testing.B) {
	xs := FactorInputs()
	want := make([][]int, len(xs))
	for i, x := range xs {
		want[i] = Factorize(x)
	}
	check := func(out [][]int) {
		for i := range want {
			if len(out[i]) != len(want[i]) {
				b.Fatalf("factors of %d = %v; want %v", xs[i], out[i], want[i])
			}
		}
	}
	serial := func() {
		out := make([][]int, len(xs))
		for i, x := range xs {
			out[i] = Factorize(x)
		}
		check(out)
	}
	b.Run("pyconc", func(b *testing.B) {
		p := pool.New()
		defer p.Terminate()
		speedup(b, serial, func() {
			out, err := pool.Map(p, Factorize, xs)
			if err != nil {
				b.Fatal(err)
			}
			check(out)
		})
	})
	b.Run("limit", func(b *testing.B) {
		speedup(b, serial, func() {
			out := make([][]int, len(xs))
			var wg sync.WaitGroup
			workers := 2
			chunk := (len(xs) + workers - 1) / workers
			for lo := 0; lo < len(xs); lo += chunk {
				hi := min(lo+chunk, len(xs))
				wg.Go(func() {
					for i := lo; i < hi; i++ {
						out[i] = Factorize(xs[i])
					}
				})
			}
			wg.Wait()
			check(out)
		})
	})
	b.Run("conc", func(b *testing.B) {
		speedup(b, serial, func() {
			check(conciter.Map(xs, func(x *int) []int { return Factorize(*x) }))
		})
	})
	b.Run("pond", func(b *testing.B) {
		p := pond.NewResultPool[[]int](2)
		defer p.StopAndWait()
		speedup(b, serial, func() {
			g := p.NewGroup()
			for _, x := range xs {
				g.Submit(func() []int { return Factorize(x) })
			}
			out, err := g.Wait()
			if err != nil {
				b.Fatal(err)
			}
			check(out)
		})
	})
}
