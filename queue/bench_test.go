package queue_test

import (
	"sync"
	"testing"

	"github.com/pyconc/pyconc/queue"
)

// benchItems is the number of items each benchmark iteration sends.
const benchItems = 200_000

// reportItems reports the throughput of a benchmark that sent benchItems
// items per iteration.
func reportItems(b *testing.B) {
	b.ReportMetric(float64(benchItems)*float64(b.N)/b.Elapsed().Seconds(), "items/s")
}

// One producer and one consumer, through a Queue and, beside it, through
// the buffered channel a Go programmer would write by hand.
func BenchmarkProducerConsumer(b *testing.B) {
	for _, tc := range []struct {
		name    string
		maxsize int
	}{{"Queue/unbounded", 0}, {"Queue/maxsize=100", 100}} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				q := queue.New[int](tc.maxsize)
				done := make(chan struct{})
				go func() {
					defer close(done)
					for i := range benchItems {
						q.Put(i)
					}
				}()
				for range benchItems {
					q.Get()
				}
				<-done
			}
			reportItems(b)
		})
	}
	b.Run("Chan/cap=100", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			c := make(chan int, 100)
			go func() {
				defer close(c)
				for i := range benchItems {
					c <- i
				}
			}()
			for range c {
			}
		}
		reportItems(b)
	})
}

// Four workers Get and TaskDone while the producer puts, then Join; beside
// it the channel and sync.WaitGroup version.
func BenchmarkWorkersJoin(b *testing.B) {
	const workers = 4
	for _, tc := range []struct {
		name    string
		maxsize int
	}{{"Queue/unbounded", 0}, {"Queue/maxsize=100", 100}} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				q := queue.New[int](tc.maxsize)
				var wg sync.WaitGroup
				for range workers {
					wg.Go(func() {
						for range q.Items() {
							q.TaskDone()
						}
					})
				}
				for i := range benchItems {
					q.Put(i)
				}
				q.Join()
				q.Shutdown()
				wg.Wait()
			}
			reportItems(b)
		})
	}
	b.Run("Chan+WaitGroup/cap=100", func(b *testing.B) {
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
			for i := range benchItems {
				tasks.Add(1)
				c <- i
			}
			tasks.Wait()
			close(c)
			wg.Wait()
		}
		reportItems(b)
	})
}
