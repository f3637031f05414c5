package main

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/pyconc/pyconc/internal/exampletest"
	"github.com/pyconc/pyconc/internal/testhook"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// results are the lines main and serial print.
var results = []string{
	"112272535095293 is prime: True",
	"112582705942171 is prime: True",
	"112272535095293 is prime: True",
	"115280095190773 is prime: True",
	"115797848077099 is prime: True",
	"1099726899285419 is prime: False",
}

// TestIsPrime runs the notebook's two %timeit cells. The output is the
// same on every run: futures.Map yields in input order, and the fake
// clock stands still while the program computes, so every time is 0.
func TestIsPrime(t *testing.T) {
	out := exampletest.Run(t, func(w io.Writer) error { return run(w, nil) })
	const timing = "0 ns ± 0 ns per loop (mean ± std. dev. of 5 runs, 1 loop each)"
	var want []string
	for range 2 {
		for range 5 {
			want = append(want, results...)
		}
		want = append(want, timing)
	}
	if got := strings.Split(strings.TrimSuffix(out, "\n"), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("output:\n%s\nwant:\n%s", out, strings.Join(want, "\n"))
	}
}

// TestFlags checks -r and -n: one measurement of two calls prints each
// version's lines twice, and the summary says so.
func TestFlags(t *testing.T) {
	out := exampletest.Run(t, func(w io.Writer) error { return run(w, []string{"-r=1", "-n=2"}) },
		exampletest.Golden("r1n2.golden"))
	if n := strings.Count(out, results[5]+"\n"); n != 4 {
		t.Errorf("%q printed %d times; want 4 (2 calls of each version)", results[5], n)
	}
	if n := strings.Count(out, "0 ns ± 0 ns per loop (mean ± std. dev. of 1 run, 2 loops each)\n"); n != 2 {
		t.Errorf("output has %d summaries for 1 run of 2 loops; want 2:\n%s", n, out)
	}
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-r=0"}, {"-n=0"}, {"extra"}} {
		synctest.Test(t, func(t *testing.T) {
			defer testhook.BecomeMain()()
			if err := run(io.Discard, args); err == nil {
				t.Errorf("run(%q) returned nil; want an error", args)
			}
		})
	}
}

// TestIsPrimeSmall checks isPrime against the Python function on small
// numbers, where is_prime's shortcuts show: 2 is even, so "not prime";
// 1 has no odd divisor, so "prime".
func TestIsPrimeSmall(t *testing.T) {
	for n, want := range map[int]bool{1: true, 2: false, 3: true, 9: false, 15: false, 25: false, 49: false, 97: true, 1_000_003: true} {
		if got := isPrime(n); got != want {
			t.Errorf("isPrime(%d) = %v; want %v", n, got, want)
		}
	}
}

// TestTimeit times calls of known fake durations: the summary is their
// mean and population standard deviation, in IPython's format, after
// IPython's warning when the slowest took over four times the fastest.
func TestTimeit(t *testing.T) {
	for _, tc := range []struct {
		sleeps []time.Duration
		number int
		want   string
	}{
		{
			[]time.Duration{1500 * time.Millisecond},
			1,
			"1.5 s ± 0 ns per loop (mean ± std. dev. of 1 run, 1 loop each)\n",
		},
		{
			[]time.Duration{2 * time.Millisecond, 3 * time.Millisecond, 4 * time.Millisecond, 5 * time.Millisecond, 6 * time.Millisecond},
			1,
			"4 ms ± 1.41 ms per loop (mean ± std. dev. of 5 runs, 1 loop each)\n",
		},
		{
			[]time.Duration{time.Millisecond, 5 * time.Millisecond},
			1000,
			"The slowest run took 5.00 times longer than the fastest. This could mean that an intermediate result is being cached.\n" +
				"3 ms ± 2 ms per loop (mean ± std. dev. of 2 runs, 1,000 loops each)\n",
		},
	} {
		synctest.Test(t, func(t *testing.T) {
			var b strings.Builder
			m, calls := 0, 0 // the measurement and the call in it
			err := timeit(&b, len(tc.sleeps), tc.number, func() error {
				time.Sleep(tc.sleeps[m])
				if calls++; calls == tc.number {
					calls, m = 0, m+1
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if got := b.String(); got != tc.want {
				t.Errorf("timeit of %v × %d = %q; want %q", tc.sleeps, tc.number, got, tc.want)
			}
		})
	}
}

// TestTimeitError checks that timeit stops at the first error.
func TestTimeitError(t *testing.T) {
	calls := 0
	err := timeit(io.Discard, 5, 1, func() error {
		calls++
		return fmt.Errorf("call %d", calls)
	})
	if err == nil || err.Error() != "call 1" || calls != 1 {
		t.Errorf("timeit returned %v after %d calls; want call 1 after 1", err, calls)
	}
}

// TestFormatTime checks formatTime against IPython's _format_time.
func TestFormatTime(t *testing.T) {
	for _, tc := range []struct {
		seconds float64
		want    string
	}{
		{0, "0 ns"},
		{1e-10, "0.1 ns"},
		{5e-9, "5 ns"},
		{1.234e-6, "1.23 μs"},
		{999e-6, "999 μs"},
		{0.0512345, "51.2 ms"},
		{0.5, "500 ms"},
		{1, "1 s"},
		{12.3456, "12.3 s"},
		{59.9, "59.9 s"},
		{60, "1min"},
		{3725.5, "1h 2min 5s"},
		{90061, "1d 1h 1min 1s"},
	} {
		if got := formatTime(tc.seconds); got != tc.want {
			t.Errorf("formatTime(%v) = %q; want %q", tc.seconds, got, tc.want)
		}
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{1: "1", 999: "999", 1000: "1,000", 1234567: "1,234,567"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q; want %q", n, got, want)
		}
	}
}
