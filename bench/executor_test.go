package bench

import (
	"sync"
	"testing"

	"github.com/alitto/pond/v2"
	"github.com/gammazero/workerpool"
	"github.com/panjf2000/ants/v2"
	"github.com/pyconc/pyconc/futures"
	conciter "github.com/sourcegraph/conc/iter"
	concpool "github.com/sourcegraph/conc/pool"
)

// Workload 1: submit Tasks trivial tasks (x*x) to Workers workers and
// collect every result in order. pyconc and pond give a future per task,
// as the limit does; ants, conc and workerpool have no futures, so their
// tasks write into a result slice and the caller waits for them all,
// which is their idiom (and less work than a future per task). Each
// iteration starts and stops its pool, as a Python with-block does.
func BenchmarkSubmitResult(b *testing.B) {
	b.Run("pyconc", func(b *testing.B) {
		b.ReportAllocs()
		fs := make([]*futures.Future[int], Tasks)
		for b.Loop() {
			ex := futures.NewThreadPoolExecutor(futures.MaxWorkers(Workers))
			for i := range fs {
				fs[i], _ = futures.Submit(ex, func() int { return i * i })
			}
			for i, f := range fs {
				if v, err := f.Result(); v != i*i || err != nil {
					b.Fatalf("Result() = %v, %v; want %d", v, err, i*i)
				}
			}
			ex.Shutdown()
		}
		rate(b, Tasks, "tasks")
	})
	b.Run("limit", func(b *testing.B) {
		b.ReportAllocs()
		fs := make([]*handFuture, Tasks)
		for b.Loop() {
			p := newHandPool(Workers, 1024)
			for i := range fs {
				fs[i] = p.submit(func() int { return i * i })
			}
			for i, f := range fs {
				if v := f.result(); v != i*i {
					b.Fatalf("result() = %v; want %d", v, i*i)
				}
			}
			p.shutdown()
		}
		rate(b, Tasks, "tasks")
	})
	b.Run("pond", func(b *testing.B) {
		b.ReportAllocs()
		fs := make([]pond.ResultTask[int], Tasks)
		for b.Loop() {
			p := pond.NewResultPool[int](Workers)
			for i := range fs {
				fs[i] = p.Submit(func() int { return i * i })
			}
			for i, f := range fs {
				if v, err := f.Wait(); v != i*i || err != nil {
					b.Fatalf("Wait() = %v, %v; want %d", v, err, i*i)
				}
			}
			p.StopAndWait()
		}
		rate(b, Tasks, "tasks")
	})
	b.Run("ants", func(b *testing.B) {
		b.ReportAllocs()
		out := make([]int, Tasks)
		for b.Loop() {
			p, err := ants.NewPool(Workers)
			if err != nil {
				b.Fatal(err)
			}
			var wg sync.WaitGroup
			wg.Add(Tasks)
			for i := range out {
				if err := p.Submit(func() { out[i] = i * i; wg.Done() }); err != nil {
					b.Fatal(err)
				}
			}
			wg.Wait()
			p.Release()
			checkSquares(b, out)
		}
		rate(b, Tasks, "tasks")
	})
	b.Run("conc", func(b *testing.B) {
		b.ReportAllocs()
		out := make([]int, Tasks)
		for b.Loop() {
			p := concpool.New().WithMaxGoroutines(Workers)
			for i := range out {
				p.Go(func() { out[i] = i * i })
			}
			p.Wait()
			checkSquares(b, out)
		}
		rate(b, Tasks, "tasks")
	})
	b.Run("workerpool", func(b *testing.B) {
		b.ReportAllocs()
		out := make([]int, Tasks)
		for b.Loop() {
			wp := workerpool.New(Workers)
			for i := range out {
				wp.Submit(func() { out[i] = i * i })
			}
			wp.StopWait()
			checkSquares(b, out)
		}
		rate(b, Tasks, "tasks")
	})
}

// Workload 1, AsCompleted: the same tasks, each result taken as it
// completes. The limit is what Go code does for completion order: every
// task sends its result to one channel. No peer has an as_completed.
func BenchmarkAsCompleted(b *testing.B) {
	b.Run("pyconc", func(b *testing.B) {
		b.ReportAllocs()
		fs := make([]*futures.Future[int], Tasks)
		for b.Loop() {
			ex := futures.NewThreadPoolExecutor(futures.MaxWorkers(Workers))
			for i := range fs {
				fs[i], _ = futures.Submit(ex, func() int { return i * i })
			}
			n := 0
			for f, err := range futures.AsCompleted(fs) {
				if err != nil || !f.Done() {
					b.Fatal(err)
				}
				n++
			}
			if n != Tasks {
				b.Fatalf("%d futures yielded", n)
			}
			ex.Shutdown()
		}
		rate(b, Tasks, "futures")
	})
	b.Run("limit", func(b *testing.B) {
		b.ReportAllocs()
		type result struct{ i, v int }
		for b.Loop() {
			tasks := make(chan int, 1024)
			results := make(chan result, 1024)
			var wg sync.WaitGroup
			for range Workers {
				wg.Go(func() {
					for i := range tasks {
						results <- result{i, i * i}
					}
				})
			}
			go func() {
				for i := range Tasks {
					tasks <- i
				}
				close(tasks)
				wg.Wait()
				close(results)
			}()
			n := 0
			for r := range results {
				if r.v != r.i*r.i {
					b.Fatal(r)
				}
				n++
			}
			if n != Tasks {
				b.Fatalf("%d results", n)
			}
		}
		rate(b, Tasks, "futures")
	})
}

// Workload 1, Executor.Map: x*x over Tasks ints on Workers workers, one
// call per task (Python's default chunksize), results in order. The
// limit is a channel of indices, four goroutines writing into a result
// slice, and a WaitGroup; pond submits the calls to a result group, whose
// Wait returns them in order; conc's iter.Mapper maps a slice.
func BenchmarkExecutorMap(b *testing.B) {
	xs := Ints(Tasks)
	b.Run("pyconc", func(b *testing.B) {
		b.ReportAllocs()
		ex := futures.NewThreadPoolExecutor(futures.MaxWorkers(Workers))
		defer ex.Shutdown()
		for b.Loop() {
			i := 0
			for v, err := range futures.Map(ex, Square, xs) {
				if v != i*i || err != nil {
					b.Fatalf("result %d = %v, %v", i, v, err)
				}
				i++
			}
		}
		rate(b, Tasks, "items")
	})
	b.Run("limit", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			out := make([]int, len(xs))
			idx := make(chan int, 1024)
			var wg sync.WaitGroup
			for range Workers {
				wg.Go(func() {
					for i := range idx {
						out[i] = Square(xs[i])
					}
				})
			}
			for i := range xs {
				idx <- i
			}
			close(idx)
			wg.Wait()
			checkSquares(b, out)
		}
		rate(b, Tasks, "items")
	})
	b.Run("pond", func(b *testing.B) {
		b.ReportAllocs()
		p := pond.NewResultPool[int](Workers)
		defer p.StopAndWait()
		for b.Loop() {
			g := p.NewGroup()
			for _, x := range xs {
				g.Submit(func() int { return Square(x) })
			}
			out, err := g.Wait()
			if err != nil {
				b.Fatal(err)
			}
			checkSquares(b, out)
		}
		rate(b, Tasks, "items")
	})
	b.Run("conc", func(b *testing.B) {
		b.ReportAllocs()
		m := conciter.Mapper[int, int]{MaxGoroutines: Workers}
		for b.Loop() {
			out := m.Map(xs, func(x *int) int { return Square(*x) })
			checkSquares(b, out)
		}
		rate(b, Tasks, "items")
	})
}
