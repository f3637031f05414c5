package pool_test

import (
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/pyconc/pyconc/pool"
)

// stressTasks is the number of tasks each stress test sends: a million,
// fewer under the race detector or -short, so that the package's race run
// stays short.
func stressTasks() int {
	switch {
	case raceEnabled:
		return 100_000
	case testing.Short():
		return 100_000
	}
	return 1_000_000
}

// A million items through Map, from a slice and from an iterator, with the
// default chunks and with small ones: every result right.
func TestStressMap(t *testing.T) {
	n := 1_000_000 // chunked: fast enough under the race detector too
	p := newPool(t)
	xs := ints(n)
	for _, opts := range [][]pool.Option{nil, {pool.ChunkSize(100)}} {
		got, err := pool.Map(p, sqr, xs, opts...)
		if err != nil {
			t.Fatal(err)
		}
		for i, v := range got {
			if v != i*i {
				t.Fatalf("Map result %d = %d; want %d", i, v, i*i)
			}
		}
	}
	got, err := pool.Map(p, sqr, slices.Values(xs))
	if err != nil || len(got) != n || got[n-1] != (n-1)*(n-1) {
		t.Fatalf("Map over an iterator: %d results, %v", len(got), err)
	}
}

// A million items through IMapUnordered, one chunk each, from a slice and
// (with chunks of 10) from an iterator: each result exactly once.
func TestStressIMapUnordered(t *testing.T) {
	n := stressTasks()
	p := newPool(t)
	check := func(name string, seq func(yield func(int, error) bool)) {
		t.Helper()
		seen := make([]bool, n)
		count := 0
		for r, err := range seq {
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			i := r - 1
			if i < 0 || i >= n || seen[i] {
				t.Fatalf("%s: result %d out of range or seen twice", name, r)
			}
			seen[i] = true
			count++
		}
		if count != n {
			t.Fatalf("%s: %d results; want %d", name, count, n)
		}
	}
	inc := func(x int) int { return x + 1 }
	check("slice", pool.IMapUnordered(p, inc, ints(n)))
	check("iterator", pool.IMapUnordered(p, inc, slices.Values(ints(n)), pool.ChunkSize(10)))
	got, _ := collect(pool.IMap(p, inc, slices.Values(ints(n))))
	for i, v := range got {
		if v != i+1 {
			t.Fatalf("IMap result %d = %d; want %d", i, v, i+1)
		}
	}
}

// A million ApplyAsync calls from four goroutines at once, with and
// without callbacks: every result right, every callback called once.
func TestStressApplyAsync(t *testing.T) {
	n := stressTasks()
	p := newPool(t)
	const senders = 4
	var callbacks atomic.Int64
	var wg sync.WaitGroup
	for s := range senders {
		wg.Go(func() {
			rs := make([]*pool.AsyncResult[int], 0, n/senders)
			for i := s; i < n; i += senders {
				if i%2 == 0 {
					rs = append(rs, pool.ApplyAsync(p, func() int { return i * 2 }))
				} else {
					rs = append(rs, pool.ApplyAsync(p, func() int { return i * 2 },
						pool.Callback(func(int) { callbacks.Add(1) })))
				}
			}
			for k, r := range rs {
				i := s + k*senders
				if v, err := r.Get(); v != i*2 || err != nil {
					t.Errorf("result %d = %v, %v; want %d, nil", i, v, err, i*2)
					return
				}
			}
		})
	}
	wg.Wait()
	if got := callbacks.Load(); got != int64(n/2) {
		t.Errorf("%d callbacks; want %d", got, n/2)
	}
}
