package mp_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/pyconc/pyconc/mp"
)

// stressN is how many messages the stress tests send: 10⁶, fewer under
// the race detector.
func stressN() int {
	if commRace {
		return 50_000
	}
	return 1_000_000
}

// 10⁶ messages through a one-way Pipe between two processes: none lost,
// none reordered, then ErrEOF.
func TestStressPipe(t *testing.T) {
	n := stressN()
	r, w := mp.Pipe[int](mp.Duplex(false))
	producer := inProcess(func() {
		for i := range n {
			if err := w.Send(i); err != nil {
				panic(err)
			}
		}
		w.Close()
	})
	var bad, got int
	consumer := inProcess(func() {
		for {
			v, err := r.Recv()
			if err != nil {
				return
			}
			if v != got {
				bad++
			}
			got++
		}
	})
	joinAll(producer, consumer)
	if got != n || bad != 0 {
		t.Errorf("received %d messages, %d out of place; want %d, 0", got, bad, n)
	}
	r.Close()
}

// 10⁶ messages each way through a duplex Pipe at once.
func TestStressPipeDuplex(t *testing.T) {
	n := stressN() / 2
	a, b := mp.Pipe[int]()
	send := func(c *mp.Connection[int]) func() {
		return func() {
			for i := range n {
				_ = c.Send(i)
			}
		}
	}
	var badA, badB int
	recv := func(c *mp.Connection[int], bad *int) func() {
		return func() {
			for i := range n {
				if v, err := c.Recv(); v != i || err != nil {
					*bad++
				}
			}
		}
	}
	joinAll(inProcess(send(a)), inProcess(send(b)), inProcess(recv(a, &badA)), inProcess(recv(b, &badB)))
	if badA != 0 || badB != 0 {
		t.Errorf("%d and %d messages out of place", badA, badB)
	}
	a.Close()
	b.Close()
}

// 10⁶ items through a bounded Queue between two processes.
func TestStressQueue(t *testing.T) {
	n := stressN()
	for _, maxsize := range []int{0, 64} {
		q := mp.NewQueue[int](maxsize)
		producer := inProcess(func() {
			for i := range n {
				_ = q.Put(i)
			}
			q.Close()
			q.JoinThread()
		})
		var bad int
		consumer := inProcess(func() {
			for i := range n {
				if v, _ := q.Get(); v != i {
					bad++
				}
			}
		})
		joinAll(producer, consumer)
		if bad != 0 || !q.Empty() {
			t.Errorf("maxsize %d: %d items out of place, Empty() = %v", maxsize, bad, q.Empty())
		}
	}
}

// Many producers and consumers on one JoinableQueue: each item got once.
func TestStressJoinableQueue(t *testing.T) {
	n := stressN() / 10
	q := mp.NewJoinableQueue[int](100)
	seen := make([]int32, n)
	var ps []*mp.Process
	for w := range 4 {
		ps = append(ps, inProcess(func() {
			for i := w; i < n; i += 4 {
				_ = q.Put(i)
			}
		}))
		ps = append(ps, inProcess(func() {
			for range n / 4 {
				v, _ := q.Get()
				seen[v]++
				q.TaskDone()
			}
		}))
	}
	joinAll(ps...)
	q.Join()
	for i, c := range seen {
		if c != 1 {
			t.Fatalf("item %d got %d times", i, c)
		}
	}
}

// Receivers of one connection that wait in every way at once (Recv,
// RecvContext with short deadlines, PollTimeout then Recv, Wait then
// Recv): every message is received exactly once, and all of them end at
// the end of the stream; none sleeps through a message.
func TestStressPipeMixedWaiters(t *testing.T) {
	n := stressN() / 10
	r, w := mp.Pipe[int](mp.Duplex(false))
	counts := make([][]int, 4)
	recvers := []func(got *[]int){
		func(got *[]int) {
			for {
				v, err := r.Recv()
				if err != nil {
					return
				}
				*got = append(*got, v)
			}
		},
		func(got *[]int) {
			for {
				ctx, cancel := context.WithTimeout(context.Background(), time.Microsecond)
				v, err := r.RecvContext(ctx)
				cancel()
				switch {
				case errors.Is(err, mp.ErrEOF):
					return
				case err == nil:
					*got = append(*got, v)
				}
			}
		},
		func(got *[]int) {
			for {
				if !r.PollTimeout(time.Microsecond) {
					continue
				}
				v, err := r.Recv()
				if err != nil {
					return
				}
				*got = append(*got, v)
			}
		},
		func(got *[]int) {
			for {
				mp.Wait([]mp.Waitable{r})
				v, err := r.Recv()
				if err != nil {
					return
				}
				*got = append(*got, v)
			}
		},
	}
	var ps []*mp.Process
	for i, f := range recvers {
		ps = append(ps, inProcess(func() { f(&counts[i]) }))
	}
	for i := range n {
		_ = w.Send(i)
	}
	w.Close()
	joinAll(ps...)
	var all []int
	for _, c := range counts {
		all = append(all, c...)
	}
	slices.Sort(all)
	if !slices.Equal(all, seq(n)) {
		t.Errorf("received %d messages, not each of %d once", len(all), n)
	}
	r.Close()
}
