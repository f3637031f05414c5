package bench

import (
	"sync"
	"testing"

	"github.com/pyconc/pyconc/mp"
)

// Workload 7, Pipe: PipeTrips round trips through a duplex Pipe to a
// child Process that echoes every message; -1 ends it. The limit is two
// unbuffered channels to a goroutine. No peer has processes or pipes.
func BenchmarkPipeRoundTrip(b *testing.B) {
	b.Run("pyconc", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			a, c := mp.Pipe[int]()
			p := mp.NewProcess(func() {
				for {
					v, err := c.Recv()
					if err != nil || v < 0 {
						return
					}
					if err := c.Send(v); err != nil {
						return
					}
				}
			})
			p.Start()
			for i := range PipeTrips {
				if err := a.Send(i); err != nil {
					b.Fatal(err)
				}
				if v, err := a.Recv(); v != i || err != nil {
					b.Fatalf("Recv() = %v, %v; want %d", v, err, i)
				}
			}
			if err := a.Send(-1); err != nil {
				b.Fatal(err)
			}
			p.Join()
			a.Close()
			c.Close()
		}
		rate(b, PipeTrips, "trips")
	})
	b.Run("limit", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			to, from := make(chan int), make(chan int)
			done := make(chan struct{})
			go func() {
				defer close(done)
				for v := range to {
					from <- v
				}
			}()
			for i := range PipeTrips {
				to <- i
				if v := <-from; v != i {
					b.Fatalf("received %d; want %d", v, i)
				}
			}
			close(to)
			<-done
		}
		rate(b, PipeTrips, "trips")
	})
}

// Workload 7, Queue: a child Process puts MPQueueItems ints on an
// unbounded mp Queue, which its parent gets. The limit is a buffered
// channel (capacity 100) between two goroutines.
func BenchmarkMPQueueStream(b *testing.B) {
	b.Run("pyconc", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			q := mp.NewQueue[int](0)
			p := mp.NewProcess(func() {
				for i := range MPQueueItems {
					if err := q.Put(i); err != nil {
						return
					}
				}
			})
			p.Start()
			for i := range MPQueueItems {
				if v, err := q.Get(); v != i || err != nil {
					b.Fatalf("Get() = %v, %v; want %d", v, err, i)
				}
			}
			p.Join()
		}
		rate(b, MPQueueItems, "items")
	})
	b.Run("limit", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			c := make(chan int, 100)
			go func() {
				defer close(c)
				for i := range MPQueueItems {
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
		rate(b, MPQueueItems, "items")
	})
}

// Workload 7, Process: start Processes processes, then join them all. The
// limit is go statements with a sync.WaitGroup, as for threads.
func BenchmarkProcessStartJoin(b *testing.B) {
	b.Run("pyconc", func(b *testing.B) {
		b.ReportAllocs()
		ps := make([]*mp.Process, Processes)
		for b.Loop() {
			for i := range ps {
				ps[i] = mp.NewProcess(func() {})
				ps[i].Start()
			}
			for _, p := range ps {
				p.Join()
			}
		}
		rate(b, Processes, "processes")
	})
	b.Run("limit", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var wg sync.WaitGroup
			for range Processes {
				wg.Go(func() {})
			}
			wg.Wait()
		}
		rate(b, Processes, "processes")
	})
}
