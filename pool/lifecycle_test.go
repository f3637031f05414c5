package pool_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/pyconc/pyconc/pool"
)

// Close, Terminate and Join in every order, one after another and at once
// from several goroutines, at several moments while work is running and
// queued: nothing deadlocks or panics, every result ends ready with its
// value or ErrTerminated (only when Terminate came first of all), every
// loop ends, and goleak finds nothing left. This is where other Go pools
// have shipped bugs.
func TestLifecycleOrders(t *testing.T) {
	orders := [][]string{
		{"Close", "Join"}, {"Terminate", "Join"}, {"Terminate"},
		{"Close", "Terminate", "Join"}, {"Terminate", "Close", "Join"},
		{"Close", "Join", "Terminate"}, {"Terminate", "Join", "Close"},
		{"Close", "Close", "Join", "Join"}, {"Terminate", "Terminate", "Join"},
		{"Close", "Join", "Close", "Join", "Terminate", "Join"},
		{"Close", "Join+Terminate"}, {"Close+Terminate", "Join"},
		{"Close+Terminate+Join", "Join"}, {"Close", "Join+Join+Terminate"},
	}
	for _, order := range orders {
		for _, at := range []time.Duration{0, 50 * time.Millisecond, 250 * time.Millisecond, time.Hour} {
			t.Run(fmt.Sprintf("%s/at=%v", strings.Join(order, ","), at), func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) { lifecycle(t, order, at) })
			})
		}
	}
}

func lifecycle(t *testing.T, order []string, at time.Duration) {
	p := pool.New(pool.Processes(3))
	work := func(x int) int {
		time.Sleep(time.Duration(x%7) * 10 * time.Millisecond)
		return x * 3
	}
	var applies []*pool.AsyncResult[int]
	for i := range 30 {
		applies = append(applies, pool.ApplyAsync(p, func() int { return work(i) }))
	}
	maps := []*pool.AsyncResult[[]int]{
		pool.MapAsync(p, work, ints(40), pool.ChunkSize(3)),
		pool.MapAsync(p, work, slices.Values(ints(40))),
	}
	var loops sync.WaitGroup
	var mu sync.Mutex
	var loopErrs []error
	var counts []int
	loop := func(name string, ordered bool, seq func(func(int, error) bool)) {
		loops.Go(func() {
			var got []int
			for r, err := range seq {
				if err != nil {
					mu.Lock()
					loopErrs = append(loopErrs, fmt.Errorf("%s: %w", name, err))
					mu.Unlock()
					continue
				}
				got = append(got, r)
			}
			if !ordered {
				slices.Sort(got) // then it must be a prefix too, with no duplicates
			}
			if !ordered && len(slices.Compact(slices.Clone(got))) != len(got) ||
				!ordered && len(got) > 0 && got[len(got)-1] >= 120 ||
				ordered && !slices.Equal(got, mul3(len(got))) {
				t.Errorf("%s yielded %v", name, got)
			}
			mu.Lock()
			counts = append(counts, len(got))
			mu.Unlock()
		})
	}
	loop("IMap/slice", true, pool.IMap(p, work, ints(40)))
	loop("IMap/iterator", true, pool.IMap(p, work, slices.Values(ints(40)), pool.ChunkSize(2)))
	loop("IMapUnordered/slice", false, pool.IMapUnordered(p, work, ints(40)))
	loop("IMapUnordered/iterator", false, pool.IMapUnordered(p, work, slices.Values(ints(40))))

	time.Sleep(at)
	terminated := false
	for _, step := range order {
		// The calls of one step run at once, each in its own goroutine. A
		// Join that comes before the Close or Terminate of its step has
		// happened panics; it then waits for them and joins again.
		var others, all sync.WaitGroup
		for _, op := range strings.Split(step, "+") {
			switch op {
			case "Terminate":
				terminated = true
				others.Go(p.Terminate)
			case "Close":
				others.Go(p.Close)
			case "Join":
				all.Go(func() {
					defer p.Join()
					defer func() {
						if r := recover(); r != nil {
							others.Wait()
						}
					}()
					p.Join()
				})
			}
		}
		others.Wait()
		all.Wait()
	}
	if !terminated {
		p.Join()
	}
	loops.Wait()
	for i, r := range applies {
		if !r.Ready() {
			t.Fatalf("ApplyAsync %d not ready after the pool ended", i)
		}
		v, err := r.Get()
		if !(err == nil && v == i*3 || terminated && errors.Is(err, pool.ErrTerminated)) {
			t.Errorf("ApplyAsync %d = %v, %v", i, v, err)
		}
	}
	for i, r := range maps {
		v, err := r.Get()
		if !(err == nil && slices.Equal(v, mul3(40)) || terminated && errors.Is(err, pool.ErrTerminated)) {
			t.Errorf("MapAsync %d = %v, %v", i, v, err)
		}
	}
	for _, err := range loopErrs {
		if !terminated || !errors.Is(err, pool.ErrTerminated) {
			t.Errorf("loop error %v", err)
		}
	}
	if !terminated && !slices.Equal(counts, []int{40, 40, 40, 40}) {
		t.Errorf("loops yielded %v results without Terminate; want 40 each", counts)
	}
}

// mul3 returns 0, 3, 6, … for n items.
func mul3(n int) []int {
	xs := make([]int, n)
	for i := range xs {
		xs[i] = i * 3
	}
	return xs
}
