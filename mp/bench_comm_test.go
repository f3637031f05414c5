package mp_test

import (
	"testing"

	"github.com/pyconc/pyconc/mp"
)

// BenchmarkPipeRoundTrip sends a message through a duplex Pipe to a child
// process and back, b.N times: Python's ping-pong between two processes.
func BenchmarkPipeRoundTrip(b *testing.B) {
	a, c := mp.Pipe[int]()
	p := inProcess(func() {
		for {
			v, err := c.Recv()
			if err != nil {
				return
			}
			_ = c.Send(v)
		}
	})
	b.ResetTimer()
	for i := range b.N {
		_ = a.Send(i)
		if _, err := a.Recv(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "trips/s")
	a.Close()
	p.Join()
	c.Close()
}

// BenchmarkChannelRoundTrip is the hand-written version of
// BenchmarkPipeRoundTrip: two unbuffered channels.
func BenchmarkChannelRoundTrip(b *testing.B) {
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v
		}
		close(pong)
	}()
	b.ResetTimer()
	for i := range b.N {
		ping <- i
		<-pong
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "trips/s")
	close(ping)
	<-pong
}

// BenchmarkQueueStream puts b.N items into a Queue in the parent and gets
// them in a child process, one by one.
func BenchmarkQueueStream(b *testing.B) {
	q := mp.NewQueue[int](0)
	p := inProcess(func() {
		for range b.N {
			if _, err := q.Get(); err != nil {
				panic(err)
			}
		}
	})
	b.ResetTimer()
	for i := range b.N {
		_ = q.Put(i)
	}
	p.Join()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "items/s")
}

// BenchmarkChannelStream is the hand-written version of
// BenchmarkQueueStream: a buffered channel.
func BenchmarkChannelStream(b *testing.B) {
	ch := make(chan int, 1024)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range ch {
		}
	}()
	b.ResetTimer()
	for i := range b.N {
		ch <- i
	}
	close(ch)
	<-done
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "items/s")
}
