package thread_test

import (
	"sync"
	"testing"

	"github.com/pyconc/pyconc/thread"
)

const startJoinN = 10_000

// BenchmarkThreadStartJoin starts 10 000 threads and joins them all:
// target ≥ 1M threads/s on 2 cores (raw goroutines ≈ 2.1M/s, CPython 14k/s).
func BenchmarkThreadStartJoin(b *testing.B) {
	ts := make([]*thread.Thread, startJoinN)
	for b.Loop() {
		for i := range ts {
			ts[i] = thread.New(func() {}, thread.Daemon(false))
			ts[i].Start()
		}
		for _, t := range ts {
			t.Join()
		}
	}
	b.ReportMetric(float64(b.N*startJoinN)/b.Elapsed().Seconds(), "threads/s")
}

// BenchmarkGoroutineStartJoin is the hand-written equivalent: go statements
// and a WaitGroup.
func BenchmarkGoroutineStartJoin(b *testing.B) {
	for b.Loop() {
		var wg sync.WaitGroup
		for range startJoinN {
			wg.Go(func() {})
		}
		wg.Wait()
	}
	b.ReportMetric(float64(b.N*startJoinN)/b.Elapsed().Seconds(), "threads/s")
}

// BenchmarkGetIdent measures identifying the calling goroutine.
func BenchmarkGetIdent(b *testing.B) {
	for b.Loop() {
		thread.GetIdent()
	}
}

// BenchmarkCurrentThread measures the lookup of the calling thread.
func BenchmarkCurrentThread(b *testing.B) {
	var t *thread.Thread
	th := thread.New(func() {
		for b.Loop() {
			t = thread.CurrentThread()
		}
	})
	th.Start()
	th.Join()
	_ = t
}

// BenchmarkLocalGet measures reading a thread-local value.
func BenchmarkLocalGet(b *testing.B) {
	var l thread.Local[int]
	l.Set(1)
	for b.Loop() {
		l.Get()
	}
}
