package mp_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pyconc/pyconc/mp"
	"github.com/pyconc/pyconc/thread"
)

// SV-11
// CPython: Lib/test/_test_multiprocessing.py _TestArray.test_array
func TestArray(t *testing.T) {
	seq := []int32{680, 626, 934, 821, 150, 233, 548, 982, 714, 831}
	a := mp.NewArray(seq)
	seq[0] = -1 // the array holds a copy
	if a.Len() != 10 || a.Get(0) != 680 || a.Get(-1) != 831 || a.Get(-10) != 680 {
		t.Errorf("Len, Get(0), Get(-1), Get(-10) = %d, %d, %d, %d", a.Len(), a.Get(0), a.Get(-1), a.Get(-10))
	}
	if diff := cmp.Diff([]int32{626, 934, 821}, a.Slice(1, 4)); diff != "" {
		t.Errorf("Slice(1, 4) (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int32{714, 831}, a.Slice(-2, 100)); diff != "" {
		t.Errorf("Slice(-2, 100) (-want +got):\n%s", diff)
	}
	if got := a.Slice(5, 2); len(got) != 0 {
		t.Errorf("Slice(5, 2) = %v; want []", got)
	}
	a.Set(-1, 1)
	a.SetSlice(0, 3, []int32{1, 2, 3})
	want := []int32{1, 2, 3, 821, 150, 233, 548, 982, 714, 1}
	if diff := cmp.Diff(want, a.Values()); diff != "" {
		t.Errorf("Values() (-want +got):\n%s", diff)
	}
	mustPanic(t, "mp: Can only assign sequence of same size (Python: ValueError)", func() { a.SetSlice(0, 3, []int32{1}) })
	mustPanic(t, "mp: invalid index (Python: IndexError)", func() { a.Get(10) })
	mustPanic(t, "mp: invalid index (Python: IndexError)", func() { a.Get(-11) })
	mustPanic(t, "mp: invalid index (Python: IndexError)", func() { a.Set(10, 0) })
	var got []int32
	for i, x := range a.All() {
		if i == 0 {
			a.Set(1, 99) // the loop sees writes made while it runs
		}
		got = append(got, x)
		if i == 2 {
			break
		}
	}
	if diff := cmp.Diff([]int32{1, 99, 3}, got); diff != "" {
		t.Errorf("All() (-want +got):\n%s", diff)
	}
	if s := mp.NewArray([]int32{1, 2, 3}).String(); s != "<SynchronizedArray wrapper for c_int_Array_3([1, 2, 3])>" {
		t.Errorf("String() = %s", s)
	}
	if s := mp.NewRawArray([]float64{0.5, 1}).String(); s != "c_double_Array_2([0.5, 1.0])" {
		t.Errorf("String() = %s", s)
	}
}

// SV-09, SV-11: Array(typecode, size) is zero-filled; a child's writes
// are seen by the parent.
// CPython: Lib/test/_test_multiprocessing.py _TestArray.test_array_from_size
func TestArrayFromSizeChangedByChild(t *testing.T) {
	for _, n := range []int{0, 1, 10} {
		a := mp.NewArrayLen[int32](n)
		if !slices.Equal(a.Values(), make([]int32, n)) {
			t.Errorf("NewArrayLen(%d) = %v", n, a.Values())
		}
		r := mp.NewRawArrayLen[float64](n)
		p := inProcess(func() {
			for i := range n {
				a.Set(i, int32(-i))
				r.Set(i, float64(i))
			}
		})
		p.Join()
		for i := range n {
			if a.Get(i) != int32(-i) || r.Get(i) != float64(i) {
				t.Errorf("element %d = %d, %v", i, a.Get(i), r.Get(i))
			}
		}
	}
}

// SV-12
func TestArrayNegativeLength(t *testing.T) {
	mustPanic(t, "mp: Array length must be >= 0, not -1 (Python: ValueError)", func() { mp.NewArrayLen[int32](-1) })
	mustPanic(t, "mp: Array length must be >= 0, not -5 (Python: ValueError)", func() { mp.NewRawArrayLen[int32](-5) })
}

// SV-05, SV-08
// CPython: Lib/test/_test_multiprocessing.py _TestArray.test_getobj_getlock_obj, test_rawarray
func TestArrayGetLockGetObj(t *testing.T) {
	a := mp.NewArray([]int32{1, 2})
	if _, ok := a.GetLock().(*thread.RLock); !ok {
		t.Errorf("GetLock() = %T; want *thread.RLock", a.GetLock())
	}
	a.GetObj().Set(0, 5)
	if a.Get(0) != 5 {
		t.Error("GetObj shares nothing with the Array")
	}
	l := mp.NewRLock()
	if b := mp.NewArrayLen[int32](2, mp.ValueLock(l)); b.GetLock() != thread.Locker(l) {
		t.Error("GetLock() is not the lock given")
	}
	raw := mp.NewRawArray([]int32{1, 2, 3})
	raw.SetSlice(-2, 3, []int32{7, 8})
	if diff := cmp.Diff([]int32{1, 7, 8}, raw.Values()); diff != "" {
		t.Errorf("raw Values() (-want +got):\n%s", diff)
	}
	if raw.Len() != 3 || raw.Slice(0, 1)[0] != 1 {
		t.Error("raw Len or Slice wrong")
	}
	var sum int32
	for _, x := range raw.All() {
		sum += x
	}
	if sum != 16 {
		t.Errorf("sum over All() = %d", sum)
	}
	if _, ok := any(raw).(interface{ GetLock() thread.Locker }); ok {
		t.Error("RawArray has GetLock")
	}
	mustPanic(t, "mp: ValueLock is not an option of NewRawArray", func() { mp.NewRawArray([]int32{1}, mp.ValueLock(l)) })
}

// SV-10 for an array: increments under the lock from 4 processes.
func TestArrayIncrementUnderLock(t *testing.T) {
	a := mp.NewArrayLen[int64](3)
	var ps []*mp.Process
	for range 4 {
		ps = append(ps, inProcess(func() {
			for range 500 {
				l := a.GetLock()
				l.Acquire()
				for i := range a.Len() {
					a.Set(i, a.Get(i)+1)
				}
				l.Release()
			}
		}))
	}
	joinAll(ps...)
	if diff := cmp.Diff([]int64{2000, 2000, 2000}, a.Values()); diff != "" {
		t.Errorf("Values() (-want +got):\n%s", diff)
	}
}

// SV-13
// CPython: Lib/test/_test_multiprocessing.py _TestSharedCTypes.test_sharedctypes
func TestArrayCharValueRaw(t *testing.T) {
	a := mp.NewArrayLen[byte](10)
	mp.SetArrayBytes(a, []byte("hello"))
	if got := string(mp.ArrayBytes(a)); got != "hello" {
		t.Errorf("ArrayBytes = %q", got)
	}
	mp.SetArrayBytes(a, []byte("hi"))
	if got := string(mp.ArrayBytes(a)); got != "hi" {
		t.Errorf("ArrayBytes after a shorter value = %q", got)
	}
	if got := string(mp.ArrayRaw(a)); got != "hi\x00lo\x00\x00\x00\x00\x00" {
		t.Errorf("ArrayRaw = %q", got)
	}
	mp.SetArrayRaw(a, []byte("abcdefghij"))
	if got := string(mp.ArrayBytes(a)); got != "abcdefghij" {
		t.Errorf("ArrayBytes of a full array = %q", got)
	}
	mustPanic(t, "mp: byte string too long (Python: ValueError)", func() { mp.SetArrayBytes(a, []byte("abcdefghijk")) })
	mustPanic(t, "mp: byte string too long (Python: ValueError)", func() { mp.SetArrayRaw(a, []byte("abcdefghijk")) })
	c := mp.NewArray([]mp.Char("ab"))
	if got := string(mp.ArrayBytes(c)); got != "ab" {
		t.Errorf("ArrayBytes of a Char array = %q", got)
	}
	if s := c.String(); s != "<SynchronizedArray wrapper for c_char_Array_2([b'a', b'b'])>" {
		t.Errorf("String() = %s", s)
	}
}
