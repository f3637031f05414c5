package bench

import (
	"runtime"
	"testing"

	"github.com/alitto/pond/v2"
	"github.com/gammazero/workerpool"
	"github.com/pyconc/pyconc/futures"
	"github.com/pyconc/pyconc/pool"
)

// queued measures workload 8 for one way of queueing work: before and
// after queue submits QueuedTasks tasks that all wait for gate, it takes
// the live heap (after a collection) and the goroutine count. Then it
// opens the gate and drain waits for the work to end. It reports the
// heap per queued task ("heapB/task") and the goroutines added while the
// tasks are queued ("goroutines"); both include what the caller keeps to
// read the results (a future per task, or a result slice).
func queued(b *testing.B, queue func(gate <-chan struct{}) (drain func())) {
	var heap, gs float64
	for b.Loop() {
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		g0 := runtime.NumGoroutine()
		gate := make(chan struct{})
		drain := queue(gate)
		runtime.GC()
		runtime.ReadMemStats(&m1)
		gs += float64(runtime.NumGoroutine() - g0)
		heap += float64(m1.HeapAlloc) - float64(m0.HeapAlloc)
		close(gate)
		drain()
	}
	b.ReportMetric(heap/float64(b.N)/QueuedTasks, "heapB/task")
	b.ReportMetric(gs/float64(b.N), "goroutines")
}

// Workload 8: QueuedTasks tasks queued at once on Workers workers, every
// task waiting for a gate, so that all but the running ones sit in the
// queue. ants and conc cannot queue: their Submit and Go block the caller
// while every worker is busy, so they have no column. The limit is a
// handPool whose channel holds every task.
func BenchmarkQueuedTasks(b *testing.B) {
	b.Run("executor/pyconc", func(b *testing.B) {
		queued(b, func(gate <-chan struct{}) func() {
			ex := futures.NewThreadPoolExecutor(futures.MaxWorkers(Workers))
			fs := make([]*futures.Future[int], QueuedTasks)
			for i := range fs {
				fs[i], _ = futures.Submit(ex, func() int { <-gate; return i })
			}
			return func() {
				ex.Shutdown()
				if v, _ := fs[len(fs)-1].Result(); v != len(fs)-1 {
					b.Fatal(v)
				}
			}
		})
	})
	b.Run("pool/pyconc", func(b *testing.B) {
		queued(b, func(gate <-chan struct{}) func() {
			p := pool.New(pool.Processes(Workers))
			rs := make([]*pool.AsyncResult[int], QueuedTasks)
			for i := range rs {
				rs[i] = pool.ApplyAsync(p, func() int { <-gate; return i })
			}
			return func() {
				p.Close()
				p.Join()
				if v, _ := rs[len(rs)-1].Get(); v != len(rs)-1 {
					b.Fatal(v)
				}
			}
		})
	})
	b.Run("limit", func(b *testing.B) {
		queued(b, func(gate <-chan struct{}) func() {
			p := newHandPool(Workers, QueuedTasks)
			fs := make([]*handFuture, QueuedTasks)
			for i := range fs {
				fs[i] = p.submit(func() int { <-gate; return i })
			}
			return func() {
				p.shutdown()
				if v := fs[len(fs)-1].result(); v != len(fs)-1 {
					b.Fatal(v)
				}
			}
		})
	})
	b.Run("pond", func(b *testing.B) {
		queued(b, func(gate <-chan struct{}) func() {
			p := pond.NewResultPool[int](Workers)
			fs := make([]pond.ResultTask[int], QueuedTasks)
			for i := range fs {
				fs[i] = p.Submit(func() int { <-gate; return i })
			}
			return func() {
				p.StopAndWait()
				if v, _ := fs[len(fs)-1].Wait(); v != len(fs)-1 {
					b.Fatal(v)
				}
			}
		})
	})
	b.Run("workerpool", func(b *testing.B) {
		queued(b, func(gate <-chan struct{}) func() {
			wp := workerpool.New(Workers)
			out := make([]int, QueuedTasks)
			for i := range out {
				wp.Submit(func() { <-gate; out[i] = i })
			}
			return func() {
				wp.StopWait()
				if out[len(out)-1] != len(out)-1 {
					b.Fatal(out[len(out)-1])
				}
			}
		})
	})
}
