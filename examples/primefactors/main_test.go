package main

import (
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/google/go-cmp/cmp"
	"github.com/pyconc/pyconc/internal/exampletest"
	"github.com/pyconc/pyconc/internal/testhook"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestPrimeFactors runs the program with the default seed. The output is
// the same on every run: the numbers are seeded and pool.Map returns the
// factors in input order. Beyond the golden file, it checks that the
// first line lists 64 numbers in [40 000 000, 80 000 000] and that each
// line after it gives, in the list's order, prime factors in ascending
// order whose product is the number.
func TestPrimeFactors(t *testing.T) {
	out := exampletest.Run(t, func(w io.Writer) error { return run(w, nil) })
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 65 {
		t.Fatalf("got %d lines; want the list and 64 lines of factors:\n%s", len(lines), out)
	}
	toFactor := parseList(t, lines[0])
	if len(toFactor) != 64 {
		t.Fatalf("the list has %d numbers; want 64: %s", len(toFactor), lines[0])
	}
	for i, value := range toFactor {
		if value < 40_000_000 || value > 80_000_000 {
			t.Errorf("to_factor[%d] = %d; want it in [40000000, 80000000]", i, value)
		}
		prefix := fmt.Sprintf("The factors of %d are ", value)
		line := lines[i+1]
		if !strings.HasPrefix(line, prefix) {
			t.Errorf("line %d = %q; want it to start with %q", i+2, line, prefix)
			continue
		}
		factors := parseList(t, strings.TrimPrefix(line, prefix))
		product := 1
		for _, f := range factors {
			if !isPrime(f) {
				t.Errorf("factors of %d: %d is not prime", value, f)
			}
			product *= f
		}
		if product != value || !slices.IsSorted(factors) {
			t.Errorf("factors of %d = %v; want ascending primes whose product is %d", value, factors, value)
		}
	}
}

// TestSeed checks that -seed picks the numbers: the first line is the
// seeded generator's 64 numbers, different for another seed. (It checks
// randint's numbers rather than running the whole program again.)
func TestSeed(t *testing.T) {
	first := func(seed uint64) []int {
		random := rand.New(rand.NewPCG(seed, 0))
		xs := make([]int, 64)
		for i := range xs {
			xs[i] = randint(random, 40_000_000, 80_000_000)
		}
		return xs
	}
	if slices.Equal(first(1), first(2)) {
		t.Errorf("seeds 1 and 2 give the same numbers")
	}
	if !slices.Equal(first(1), first(1)) {
		t.Errorf("seed 1 gives different numbers on two runs")
	}
}

// TestRandint checks that randint includes both ends, as random.randint
// does.
func TestRandint(t *testing.T) {
	random := rand.New(rand.NewPCG(1, 0))
	seen := make(map[int]bool)
	for range 1000 {
		seen[randint(random, 1, 3)] = true
	}
	if diff := cmp.Diff(map[int]bool{1: true, 2: true, 3: true}, seen); diff != "" {
		t.Errorf("randint(1, 3) values (-want +got):\n%s", diff)
	}
}

// TestPrimeFactor checks primeFactor against what Python's prime_factor
// returns, small cases included: below 4 the loop does not run at all.
func TestPrimeFactor(t *testing.T) {
	for _, tc := range []struct {
		value int
		want  []int
	}{
		{1, []int{1}},
		{2, []int{2}},
		{3, []int{3}},
		{4, []int{2, 2}},
		{12, []int{2, 2, 3}},
		{97, []int{97}},
		{40_000_000, []int{2, 2, 2, 2, 2, 2, 2, 2, 2, 5, 5, 5, 5, 5, 5, 5}},
		{79_999_999, []int{1709, 46811}},
	} {
		if diff := cmp.Diff(tc.want, primeFactor(tc.value)); diff != "" {
			t.Errorf("primeFactor(%d) (-want +got):\n%s", tc.value, diff)
		}
	}
}

func TestPyList(t *testing.T) {
	for _, tc := range []struct {
		xs   []int
		want string
	}{
		{nil, "[]"},
		{[]int{7}, "[7]"},
		{[]int{2, 2, 7}, "[2, 2, 7]"},
	} {
		if got := pyList(tc.xs); got != tc.want {
			t.Errorf("pyList(%v) = %q; want %q", tc.xs, got, tc.want)
		}
	}
}

func TestUnexpectedArgs(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		defer testhook.BecomeMain()()
		if err := run(io.Discard, []string{"extra"}); err == nil {
			t.Errorf("run with an extra argument returned nil; want an error")
		}
	})
}

// parseList parses a Python list of ints, "[1, 2, 3]".
func parseList(t *testing.T, s string) []int {
	t.Helper()
	if !strings.HasPrefix(s, "[") || !strings.HasSuffix(s, "]") {
		t.Fatalf("%q is not a list", s)
	}
	var xs []int
	for _, f := range strings.Split(strings.Trim(s, "[]"), ", ") {
		x, err := strconv.Atoi(f)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		xs = append(xs, x)
	}
	return xs
}

// isPrime reports whether n is prime, by trial division up to its square
// root.
func isPrime(n int) bool {
	if n < 2 {
		return false
	}
	for d := 2; d*d <= n; d++ {
		if n%d == 0 {
			return false
		}
	}
	return true
}
