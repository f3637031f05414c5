package mp_test

import (
	"sync"
	"testing"

	"github.com/pyconc/pyconc/mp"
)

// BenchmarkProcessStartJoin starts and joins one process per iteration.
func BenchmarkProcessStartJoin(b *testing.B) {
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			p := mp.NewProcess(func() {})
			p.Start()
			p.Join()
		}
	})
}

// BenchmarkGoroutineWaitGroup is the hand-written version: a goroutine
// and a sync.WaitGroup per iteration.
func BenchmarkGoroutineWaitGroup(b *testing.B) {
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			var wg sync.WaitGroup
			wg.Add(1)
			go func() { wg.Done() }()
			wg.Wait()
		}
	})
}

// BenchmarkGoroutineChannel is the hand-written version with a done
// channel, as Process.Join waits.
func BenchmarkGoroutineChannel(b *testing.B) {
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			done := make(chan struct{})
			go func() { close(done) }()
			<-done
		}
	})
}

// BenchmarkProcessStartJoinSerial starts and joins processes one at a
// time from one goroutine.
func BenchmarkProcessStartJoinSerial(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		p := mp.NewProcess(func() {})
		p.Start()
		p.Join()
	}
}

// BenchmarkGoroutineChannelSerial is the hand-written serial version.
func BenchmarkGoroutineChannelSerial(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		done := make(chan struct{})
		go func() { close(done) }()
		<-done
	}
}
