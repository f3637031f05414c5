package engine_test

import (
	"sync"
	"testing"

	"github.com/pyconc/pyconc/internal/engine"
	"github.com/pyconc/pyconc/internal/future"
)

const benchTasks = 100_000

// BenchmarkSubmitWait submits benchTasks trivial tasks to four lazy
// workers and waits for each result in order.
func BenchmarkSubmitWait(b *testing.B) {
	for b.Loop() {
		e := engine.New(engine.Config{Workers: 4, Lazy: true})
		fs := make([]*future.Core[int], benchTasks)
		for i := range fs {
			c := &future.Core[int]{}
			x := i
			c.Init(future.KindFuture, nil, func() int { return x * x }, nil)
			fs[i] = c
			_ = e.Submit(c)
		}
		for i, c := range fs {
			<-c.DoneChan()
			if v, _ := c.Peek(); v != i*i {
				b.Fatal(v)
			}
		}
		e.Close()
		<-e.Done()
	}
	b.ReportMetric(float64(b.N*benchTasks)/b.Elapsed().Seconds(), "tasks/s")
}

// BenchmarkHandWritten is the same work on a channel of tasks and four
// goroutines, each task with its own done channel.
func BenchmarkHandWritten(b *testing.B) {
	type fut struct {
		fn   func() int
		v    int
		done chan struct{}
	}
	for b.Loop() {
		tasks := make(chan *fut, 1024)
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				for f := range tasks {
					f.v = f.fn()
					close(f.done)
				}
			})
		}
		fs := make([]*fut, benchTasks)
		for i := range fs {
			x := i
			f := &fut{fn: func() int { return x * x }, done: make(chan struct{})}
			fs[i] = f
			select {
			case tasks <- f:
			default:
				// A full channel: Python's queue is unbounded, so a
				// hand-written pool must not block the submitter;
				// here it runs the task itself.
				f.v = f.fn()
				close(f.done)
			}
		}
		for i, f := range fs {
			<-f.done
			if f.v != i*i {
				b.Fatal(f.v)
			}
		}
		close(tasks)
		wg.Wait()
	}
	b.ReportMetric(float64(b.N*benchTasks)/b.Elapsed().Seconds(), "tasks/s")
}
