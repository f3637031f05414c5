package bench

import (
	"sync"
	"testing"
)

// rate reports n items per iteration as unit/s, the metric cmd/benchtable
// reads for a throughput row.
func rate(b *testing.B, n int, unit string) {
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), unit+"/s")
}

// checkSquares fails b unless out[i] == i*i for every i.
func checkSquares(b *testing.B, out []int) {
	for i, v := range out {
		if v != i*i {
			b.Fatalf("result %d = %d; want %d", i, v, i*i)
		}
	}
}

// handPool is the executor a Go programmer writes by hand with the
// standard library: a channel of tasks, a fixed set of goroutines, and per
// task a future with a done channel. It is the limit of workload 1.
type handPool struct {
	tasks chan *handFuture
	wg    sync.WaitGroup
}

type handFuture struct {
	fn   func() int
	v    int
	done chan struct{}
}

func newHandPool(workers, buffer int) *handPool {
	p := &handPool{tasks: make(chan *handFuture, buffer)}
	for range workers {
		p.wg.Go(func() {
			for f := range p.tasks {
				f.v = f.fn()
				close(f.done)
			}
		})
	}
	return p
}

func (p *handPool) submit(fn func() int) *handFuture {
	f := &handFuture{fn: fn, done: make(chan struct{})}
	p.tasks <- f
	return f
}

func (f *handFuture) result() int {
	<-f.done
	return f.v
}

func (p *handPool) shutdown() {
	close(p.tasks)
	p.wg.Wait()
}
