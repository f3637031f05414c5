package goid

import (
	"sync"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
	}{
		{"goroutine 1 [running]:\nmain.main()", 1},
		{"goroutine 18446744 [running]:", 18446744},
		{"goroutine 7", 7},
		{"gorout", 0},
		{"thread 5 [running]", 0},
	} {
		if got := parse([]byte(tc.in)); got != tc.want {
			t.Errorf("parse(%q) = %d; want %d", tc.in, got, tc.want)
		}
	}
}

// depth calls f from n frames down, so the fast path is checked against
// stacks deeper than the 64 bytes Slow reads.
func depth(n int, f func()) {
	if n == 0 {
		f()
		return
	}
	depth(n-1, f)
}

// TestCurrentMatchesStackTrace checks Current against the ID the runtime
// prints, in many goroutines at once and at several stack depths.
func TestCurrentMatchesStackTrace(t *testing.T) {
	if got, want := Current(), Slow(); got != want {
		t.Fatalf("Current() = %d in the test goroutine; runtime.Stack says %d", got, want)
	}
	var wg sync.WaitGroup
	ids := make([]int64, 200)
	for i := range ids {
		wg.Go(func() {
			depth(i%50, func() {
				got, want := Current(), Slow()
				if got != want {
					t.Errorf("Current() = %d; runtime.Stack says %d", got, want)
				}
				ids[i] = got
			})
		})
	}
	wg.Wait()
	seen := make(map[int64]bool)
	for _, id := range ids {
		if id <= 0 || seen[id] {
			t.Fatalf("goroutine IDs not positive and distinct: %v", ids)
		}
		seen[id] = true
	}
}

func TestFastOnThisPlatform(t *testing.T) {
	t.Logf("fast path in use: %v (offset %d)", Fast(), offset)
}

func BenchmarkCurrent(b *testing.B) {
	for b.Loop() {
		Current()
	}
}

func BenchmarkSlow(b *testing.B) {
	for b.Loop() {
		Slow()
	}
}

func BenchmarkSlowDepth32(b *testing.B) {
	for b.Loop() {
		depth(32, func() { Slow() })
	}
}
