package bench

import (
	"sync"
	"testing"

	"github.com/pyconc/pyconc/queue"
)

// Workload 4: one producer and one consumer pass QueueItems ints through
// a Queue, unbounded and with maxsize 100. The limit of both is a
// buffered channel of capacity 100 (Go has no unbounded channel). No peer
// is a queue.
func BenchmarkQueue1P1C(b *testing.B) {
	for _, tc := range []struct {
		name    string
		maxsize int
	}{{"unbounded", 0}, {"maxsize100", 100}} {
		b.Run(tc.name+"/pyconc", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				q := queue.New[int](tc.maxsize)
				done := make(chan struct{})
				go func() {
					defer close(done)
					for i := range QueueItems {
						q.Put(i)
					}
				}()
				for i := range QueueItems {
					if v, err := q.Get(); v != i || err != nil {
						b.Fatalf("Get() = %v, %v; want %d", v, err, i)
					}
				}
				<-done
			}
			rate(b, QueueItems, "items")
		})
		b.Run(tc.name+"/limit", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c := make(chan int, 100)
				go func() {
					defer close(c)
					for i := range QueueItems {
						c <- i
					}
				}()
				i := 0
				for v := range c {
					if v != i {
						b.Fatalf("received %d; want %d", v, i)
					}
					i++
				}
			}
			rate(b, QueueItems, "items")
		})
	}
}

// Workload 4, task_done: four workers Get and TaskDone QueueItems items
// from an unbounded Queue while the producer puts, then the producer
// Joins. The limit is a channel with a sync.WaitGroup for the tasks.
func BenchmarkQueueTaskDone(b *testing.B) {
	const workers = 4
	b.Run("pyconc", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			q := queue.New[int](0)
			var wg sync.WaitGroup
			for range workers {
				wg.Go(func() {
					for range q.Items() {
						q.TaskDone()
					}
				})
			}
			for i := range QueueItems {
				q.Put(i)
			}
			q.Join()
			q.Shutdown()
			wg.Wait()
		}
		rate(b, QueueItems, "items")
	})
	b.Run("limit", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			c := make(chan int, 100)
			var tasks, wg sync.WaitGroup
			for range workers {
				wg.Go(func() {
					for range c {
						tasks.Done()
					}
				})
			}
			for i := range QueueItems {
				tasks.Add(1)
				c <- i
			}
			tasks.Wait()
			close(c)
			wg.Wait()
		}
		rate(b, QueueItems, "items")
	})
}
