package input_test

import (
	"errors"
	"iter"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pyconc/pyconc/internal/input"
	"github.com/pyconc/pyconc/internal/panics"
)

type ints []int

func gen(yield func(int) bool) {
	for i := range 3 {
		if !yield(i) {
			return
		}
	}
}

func TestCollectEveryShape(t *testing.T) {
	want := []int{0, 1, 2}
	check := func(name string, got []int, err error) {
		t.Helper()
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("%s: %v, %v; want %v, nil", name, got, err, want)
		}
	}
	s := []int{0, 1, 2}
	got, err := input.Collect[int](s)
	check("slice", got, err)
	if &got[0] != &s[0] {
		t.Error("Collect copied a slice")
	}
	got, err = input.Collect[int](ints{0, 1, 2})
	check("named slice", got, err)
	got, err = input.Collect[int](slices.Values(s))
	check("iter.Seq", got, err)
	got, err = input.Collect[int](gen)
	check("func", got, err)
	var nilSeq iter.Seq[int]
	if got, err := input.Collect[int](nilSeq); len(got) != 0 || err != nil {
		t.Errorf("nil iter.Seq: %v, %v", got, err)
	}
	if got := slices.Collect(input.Seq[int](ints{0, 1, 2})); !slices.Equal(got, want) {
		t.Errorf("Seq(named slice) = %v", got)
	}
}

func TestCollectPanickingIterator(t *testing.T) {
	boom := errors.New("boom")
	seq := func(yield func(int) bool) {
		yield(1)
		yield(2)
		panic(boom)
	}
	got, err := input.Collect[int](seq)
	var pe *panics.Error
	if diff := cmp.Diff([]int{1, 2}, got); diff != "" || !errors.As(err, &pe) || !errors.Is(err, boom) {
		t.Errorf("Collect = %v, %v; want [1 2] and the panic (diff %s)", got, err, diff)
	}
}

func TestEachStopsAndDoesNotRecoverBody(t *testing.T) {
	n := 0
	if err := input.Each(slices.Values([]int{1, 2, 3}), func(int) bool { n++; return n < 2 }); err != nil || n != 2 {
		t.Errorf("Each stopped after %d items, err %v; want 2, nil", n, err)
	}
	defer func() {
		if recover() != "body" {
			t.Error("a panic in the body was recovered by Each")
		}
	}()
	_ = input.Each(slices.Values([]int{1}), func(int) bool { panic("body") })
}
