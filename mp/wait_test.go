package mp_test

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pyconc/pyconc/mp"
)

// PC-15
// CPython: Lib/test/_test_multiprocessing.py TestWait.test_wait
func TestWaitConnections(t *testing.T) {
	const n = 4
	var readers []*mp.Connection[int]
	var procs []*mp.Process
	for i := range n {
		r, w := mp.Pipe[int](mp.Duplex(false))
		readers = append(readers, r)
		procs = append(procs, inProcess(func() {
			for j := range 10 {
				_ = w.Send(i*100 + j)
			}
			w.Close()
		}))
	}
	got := map[int][]int{}
	live := make([]mp.Waitable, n)
	index := map[mp.Waitable]int{}
	for i, r := range readers {
		live[i] = r
		index[r] = i
	}
	for len(live) > 0 {
		for _, o := range mp.Wait(live) {
			i := index[o]
			v, err := readers[i].Recv()
			if err != nil {
				live = deleteWaitable(live, o)
				continue
			}
			got[i] = append(got[i], v)
		}
	}
	joinAll(procs...)
	want := map[int][]int{}
	for i := range n {
		for j := range 10 {
			want[i] = append(want[i], i*100+j)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("messages (-want +got):\n%s", diff)
	}
	for _, r := range readers {
		r.Close()
	}
}

func deleteWaitable(xs []mp.Waitable, x mp.Waitable) []mp.Waitable {
	for i, y := range xs {
		if y == x {
			return append(xs[:i:i], xs[i+1:]...)
		}
	}
	return xs
}

// PC-15: a process is ready when it ends (its sentinel); the ready ones
// come back in the order given.
func TestWaitProcesses(t *testing.T) {
	release := make(chan struct{})
	ended := inProcess(func() {})
	ended.Join()
	running := inProcess(func() { <-release })
	r, w := mp.Pipe[int]()
	_ = w.Send(1)
	got := mp.Wait([]mp.Waitable{running, r, ended})
	if len(got) != 2 || got[0] != r || got[1] != ended {
		t.Errorf("Wait = %v; want [r ended]", got)
	}
	close(release)
	running.Join()
	if got := mp.WaitTimeout([]mp.Waitable{running}, time.Second); len(got) != 1 {
		t.Errorf("WaitTimeout on an ended process = %v", got)
	}
	mustPanic(t, "mp: process not started (Python: ValueError)", func() {
		mp.Wait([]mp.Waitable{mp.NewProcess(func() {})})
	})
	r.Close()
	w.Close()
}

// PC-15: a process ending wakes a Wait.
func TestWaitWakesAtProcessEnd(t *testing.T) {
	release := make(chan struct{})
	p := inProcess(func() { <-release })
	r, w := mp.Pipe[int]()
	done := make(chan []mp.Waitable)
	go func() { done <- mp.Wait([]mp.Waitable{r, p}) }()
	close(release)
	if got := <-done; len(got) != 1 || got[0] != p {
		t.Errorf("Wait = %v; want [p]", got)
	}
	p.Join()
	r.Close()
	w.Close()
}

// PC-15
// CPython: Lib/test/_test_multiprocessing.py TestWait.test_wait_timeout, test_neg_timeout
func TestWaitTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a, b := mp.Pipe[int]()
		objs := []mp.Waitable{a, b}
		start := time.Now()
		if got := mp.WaitTimeout(objs, -time.Second); len(got) != 0 {
			t.Errorf("WaitTimeout(-1s) = %v; want []", got)
		}
		if got := mp.WaitTimeout(objs, 0); got == nil || len(got) != 0 {
			t.Errorf("WaitTimeout(0) = %#v; want []", got)
		}
		if d := time.Since(start); d != 0 {
			t.Errorf("WaitTimeout(<=0) took %v", d)
		}
		if got := mp.WaitTimeout(objs, time.Second); len(got) != 0 {
			t.Errorf("WaitTimeout(1s) = %v; want []", got)
		}
		if d := time.Since(start); d != time.Second {
			t.Errorf("WaitTimeout(1s) gave up after %v", d)
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if got, err := mp.WaitContext(ctx, objs); len(got) != 0 || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("WaitContext = %v, %v", got, err)
		}
		go func() {
			time.Sleep(time.Second)
			_ = a.Send(1)
		}()
		if got := mp.WaitTimeout(objs, time.Minute); len(got) != 1 || got[0] != b {
			t.Errorf("WaitTimeout = %v; want [b]", got)
		}
		if got, err := mp.WaitContext(ctx, objs); len(got) != 1 || err != nil {
			t.Errorf("WaitContext with b ready = %v, %v; want [b], nil", got, err)
		}
		// Wait does not consume: the message is still there.
		if v, _ := b.Recv(); v != 1 {
			t.Errorf("Recv() = %d", v)
		}
		a.Close()
		// The end of the stream makes b ready.
		if got := mp.WaitTimeout([]mp.Waitable{b}, time.Minute); len(got) != 1 || got[0] != b {
			t.Errorf("WaitTimeout after close = %v; want [b]", got)
		}
		b.Close()
	})
}

// A Wait and a Recv on the same connection: the Recv gets the message, the
// Wait sees it ready, neither sleeps through it.
func TestWaitBesideRecv(t *testing.T) {
	for range 200 {
		a, b := mp.Pipe[int]()
		got := make(chan int)
		go func() {
			v, _ := b.Recv()
			got <- v
		}()
		waited := make(chan struct{})
		go func() {
			mp.Wait([]mp.Waitable{b})
			close(waited)
		}()
		_ = a.Send(1)
		_ = a.Send(2)
		if v := <-got; v != 1 {
			t.Fatalf("Recv() = %d", v)
		}
		<-waited
		a.Close()
		b.Close()
	}
}
