package bench

import (
	"iter"
	"runtime"
	"sync"
	"testing"

	"github.com/pyconc/pyconc/pool"
	conciter "github.com/sourcegraph/conc/iter"
)

// handMap is the standard-library map, the limit of workload 2: the input
// cut into one chunk per worker, each run by its own goroutine.
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

// Workload 2: Pool.Map of x*x over MapItems ints with Python's default
// chunk size, on a pool of GOMAXPROCS workers made once (Python's Pool()
// starts os.cpu_count() workers). conc's iter.Map is the one peer with a
// parallel map over a slice.
func BenchmarkPoolMap(b *testing.B) {
	xs := Ints(MapItems)
	b.Run("pyconc", func(b *testing.B) {
		p := pool.New()
		defer p.Terminate()
		b.ReportAllocs()
		for b.Loop() {
			out, err := pool.Map(p, Square, xs)
			if err != nil || len(out) != len(xs) {
				b.Fatal(err)
			}
		}
		rate(b, MapItems, "items")
	})
	b.Run("limit", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			out := handMap(xs, Square, runtime.GOMAXPROCS(0))
			if len(out) != len(xs) {
				b.Fatal(len(out))
			}
		}
		rate(b, MapItems, "items")
	})
	b.Run("conc", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			out := conciter.Map(xs, func(x *int) int { return Square(*x) })
			if len(out) != len(xs) {
				b.Fatal(len(out))
			}
		}
		rate(b, MapItems, "items")
	})
}

// handIMapUnordered is the standard-library lazy unordered map: a feeder
// sends chunk bounds to the workers, which send each finished chunk back.
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

// Workload 2, IMapUnordered: x*x over MapItems ints, taken in completion
// order, in chunks of 1 (Python's default) and of 1000. No peer has a
// lazy map.
func BenchmarkIMapUnordered(b *testing.B) {
	xs := Ints(MapItems)
	for _, chunk := range []struct {
		name string
		n    int
	}{{"chunk1", 1}, {"chunk1000", 1000}} {
		b.Run(chunk.name+"/pyconc", func(b *testing.B) {
			p := pool.New()
			defer p.Terminate()
			b.ReportAllocs()
			for b.Loop() {
				sum := 0
				for r, err := range pool.IMapUnordered(p, Square, xs, pool.ChunkSize(chunk.n)) {
					if err != nil {
						b.Fatal(err)
					}
					sum += r
				}
				if sum == 0 {
					b.Fatal(sum)
				}
			}
			rate(b, MapItems, "items")
		})
		b.Run(chunk.name+"/limit", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sum := 0
				for _, r := range handIMapUnordered(xs, Square, runtime.GOMAXPROCS(0), chunk.n) {
					sum += r
				}
				if sum == 0 {
					b.Fatal(sum)
				}
			}
			rate(b, MapItems, "items")
		})
	}
}
