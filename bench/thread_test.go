package bench

import (
	"sync"
	"testing"

	"github.com/pyconc/pyconc/thread"
	"github.com/sourcegraph/conc"
)

// Workload 5: LockOps acquire + release of a free Lock by one goroutine,
// reported as ns per acquire + release; the limit is sync.Mutex.
func BenchmarkLockUncontended(b *testing.B) {
	b.Run("pyconc", func(b *testing.B) {
		var l thread.Lock
		for b.Loop() {
			for range LockOps {
				l.Acquire()
				l.Release()
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*LockOps), "ns/acquire")
	})
	b.Run("limit", func(b *testing.B) {
		var mu sync.Mutex
		for b.Loop() {
			for range LockOps {
				mu.Lock()
				//lint:ignore SA2001 the bare cost of a lock and unlock is the point
				mu.Unlock()
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*LockOps), "ns/acquire")
	})
}

// contend has two goroutines each do LockIncs locked increments of one
// counter, and reports ns per increment.
func contend(b *testing.B, lock, unlock func()) {
	for b.Loop() {
		n := 0
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() {
				for range LockIncs {
					lock()
					n++
					unlock()
				}
			})
		}
		wg.Wait()
		if n != 2*LockIncs {
			b.Fatalf("n = %d; want %d", n, 2*LockIncs)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*2*LockIncs), "ns/inc")
}

// Workload 5, contended: two goroutines × LockIncs locked increments.
func BenchmarkLockContended(b *testing.B) {
	b.Run("pyconc", func(b *testing.B) {
		var l thread.Lock
		contend(b, l.Acquire, l.Release)
	})
	b.Run("limit", func(b *testing.B) {
		var mu sync.Mutex
		contend(b, mu.Lock, mu.Unlock)
	})
}

// Workload 6: start Threads threads, then join them all. The limit is go
// statements with a sync.WaitGroup; conc's WaitGroup is the peer.
func BenchmarkThreadStartJoin(b *testing.B) {
	b.Run("pyconc", func(b *testing.B) {
		b.ReportAllocs()
		ts := make([]*thread.Thread, Threads)
		for b.Loop() {
			for i := range ts {
				ts[i] = thread.New(func() {})
				ts[i].Start()
			}
			for _, t := range ts {
				t.Join()
			}
		}
		rate(b, Threads, "threads")
	})
	b.Run("limit", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var wg sync.WaitGroup
			for range Threads {
				wg.Go(func() {})
			}
			wg.Wait()
		}
		rate(b, Threads, "threads")
	})
	b.Run("conc", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var wg conc.WaitGroup
			for range Threads {
				wg.Go(func() {})
			}
			wg.Wait()
		}
		rate(b, Threads, "threads")
	})
}
