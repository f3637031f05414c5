package pool_test

import (
	"fmt"
	"iter"
	"runtime"
	"sync"
	"testing"

	"github.com/pyconc/pyconc/pool"
)

// benchItems is the number of items each benchmark iteration maps.
const benchItems = 1_000_000

func square(x int) int { return x * x }

func benchInput() []int {
	xs := make([]int, benchItems)
	for i := range xs {
		xs[i] = i
	}
	return xs
}

// reportItems reports the throughput of a benchmark that handled n items
// per iteration.
func reportItems(b *testing.B, n int) {
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "items/s")
}

// Pool Map of x*x over a million ints, beside the chunked map a Go
// programmer writes by hand: one goroutine per core, each writing its
// share of the output slice.
func BenchmarkMap(b *testing.B) {
	xs := benchInput()
	b.Run("Pool", func(b *testing.B) {
		p := pool.New()
		defer p.Terminate()
		b.ReportAllocs()
		for b.Loop() {
			out, err := pool.Map(p, square, xs)
			if err != nil || len(out) != len(xs) {
				b.Fatal(err)
			}
		}
		reportItems(b, len(xs))
	})
	b.Run("HandWritten", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			out := handMap(xs, square, runtime.GOMAXPROCS(0))
			if len(out) != len(xs) {
				b.Fatal(len(out))
			}
		}
		reportItems(b, len(xs))
	})
}

// handMap is the standard-library map: the input cut into one chunk per
// worker, each run by its own goroutine.
func handMap(xs []int, f func(int) int, workers int) []int {
	out := make([]int, len(xs))
	var wg sync.WaitGroup
	chunk := (len(xs) + workers - 1) / workers
	for lo := 0; lo < len(xs); lo += chunk {
		hi := min(lo+chunk, len(xs))
		wg.Go(func() {
			for i := lo; i < hi; i++ {
				out[i] = f(xs[i])
			}
		})
	}
	wg.Wait()
	return out
}

// IMapUnordered of x*x over a million ints, with Python's default chunk
// of one item and with chunks of 1000, beside a hand-written version:
// workers take chunks from a channel and send each finished chunk back on
// another.
func BenchmarkIMapUnordered(b *testing.B) {
	xs := benchInput()
	for _, chunk := range []int{1, 1000} {
		b.Run(fmt.Sprintf("Pool/chunk=%d", chunk), func(b *testing.B) {
			p := pool.New()
			defer p.Terminate()
			b.ReportAllocs()
			for b.Loop() {
				sum := 0
				for r, err := range pool.IMapUnordered(p, square, xs, pool.ChunkSize(chunk)) {
					if err != nil {
						b.Fatal(err)
					}
					sum += r
				}
				if sum == 0 {
					b.Fatal(sum)
				}
			}
			reportItems(b, len(xs))
		})
		b.Run(fmt.Sprintf("HandWritten/chunk=%d", chunk), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sum := 0
				for _, r := range handIMapUnordered(xs, square, runtime.GOMAXPROCS(0), chunk) {
					sum += r
				}
				if sum == 0 {
					b.Fatal(sum)
				}
			}
			reportItems(b, len(xs))
		})
	}
}

// handIMapUnordered is the standard-library lazy map: a feeder sends chunk
// bounds to the workers, which send each finished chunk back.
func handIMapUnordered(xs []int, f func(int) int, workers, chunk int) iter.Seq2[int, int] {
	return func(yield func(int, int) bool) {
		type span struct{ lo, hi int }
		out := make([]int, len(xs))
		todo := make(chan span, 1024)
		done := make(chan span, 1024)
		go func() {
			for lo := 0; lo < len(xs); lo += chunk {
				todo <- span{lo, min(lo+chunk, len(xs))}
			}
			close(todo)
		}()
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for s := range todo {
					for i := s.lo; i < s.hi; i++ {
						out[i] = f(xs[i])
					}
					done <- s
				}
			})
		}
		go func() { wg.Wait(); close(done) }()
		stopped := false
		for s := range done {
			for i := s.lo; i < s.hi && !stopped; i++ {
				stopped = !yield(i, out[i])
			}
		}
	}
}

// benchCalls is the number of ApplyAsync calls per iteration.
const benchCalls = 100_000

// ApplyAsync then Get of 100,000 trivial calls, beside the hand-written
// futures a Go programmer would use: a channel of tasks, GOMAXPROCS
// goroutines, a done channel per task.
func BenchmarkApplyAsync(b *testing.B) {
	b.Run("Pool", func(b *testing.B) {
		p := pool.New()
		defer p.Terminate()
		rs := make([]*pool.AsyncResult[int], benchCalls)
		b.ReportAllocs()
		for b.Loop() {
			for i := range rs {
				rs[i] = pool.ApplyAsync(p, func() int { return i * i })
			}
			for i, r := range rs {
				if v, err := r.Get(); v != i*i || err != nil {
					b.Fatal(v, err)
				}
			}
		}
		b.ReportMetric(float64(benchCalls)*float64(b.N)/b.Elapsed().Seconds(), "calls/s")
	})
	b.Run("HandWritten", func(b *testing.B) {
		type fut struct {
			fn   func() int
			v    int
			done chan struct{}
		}
		tasks := make(chan *fut, 1024)
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				for f := range tasks {
					f.v = f.fn()
					close(f.done)
				}
			})
		}
		defer func() { close(tasks); wg.Wait() }()
		fs := make([]*fut, benchCalls)
		b.ReportAllocs()
		for b.Loop() {
			for i := range fs {
				fs[i] = &fut{fn: func() int { return i * i }, done: make(chan struct{})}
				tasks <- fs[i]
			}
			for i, f := range fs {
				<-f.done
				if f.v != i*i {
					b.Fatal(f.v)
				}
			}
		}
		b.ReportMetric(float64(benchCalls)*float64(b.N)/b.Elapsed().Seconds(), "calls/s")
	})
}
