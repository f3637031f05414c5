package mp_test

import (
	"math"
	"testing"

	"github.com/pyconc/pyconc/mp"
	"github.com/pyconc/pyconc/thread"
)

// SV-01, SV-02
// CPython: Lib/test/_test_multiprocessing.py _TestValue.test_value
func TestValueRepr(t *testing.T) {
	cases := []struct{ got, want string }{
		{mp.NewValue[int32](5).String(), "<Synchronized wrapper for c_int(5)>"},
		{mp.NewValue[int32](0).String(), "<Synchronized wrapper for c_int(0)>"},
		{mp.NewValue(0.0).String(), "<Synchronized wrapper for c_double(0.0)>"},
		{mp.NewValue(1.0 / 3).String(), "<Synchronized wrapper for c_double(0.3333333333333333)>"},
		{mp.NewValue[float32](0.1).String(), "<Synchronized wrapper for c_float(0.10000000149011612)>"},
		{mp.NewValue[int16](-7).String(), "<Synchronized wrapper for c_short(-7)>"},
		{mp.NewValue[int64](1 << 40).String(), "<Synchronized wrapper for c_long(1099511627776)>"},
		{mp.NewValue(mp.Char('x')).String(), "<Synchronized wrapper for c_char(b'x')>"},
		{mp.NewValue(mp.WChar('é')).String(), "<Synchronized wrapper for c_wchar('é')>"},
		{mp.NewRawValue[int8](-1).String(), "c_byte(-1)"},
		{mp.NewRawValue[uint8](255).String(), "c_ubyte(255)"},
		{mp.NewRawValue[uint16](1).String(), "c_ushort(1)"},
		{mp.NewRawValue[uint32](1).String(), "c_uint(1)"},
		{mp.NewRawValue[uint64](math.MaxUint64).String(), "c_ulong(18446744073709551615)"},
		{mp.NewRawValue(3).String(), "c_long(3)"},
		{mp.NewRawValue[uint](3).String(), "c_ulong(3)"},
		{mp.NewRawValue(1e16).String(), "c_double(1e+16)"},
		{mp.NewRawValue(1e-5).String(), "c_double(1e-05)"},
		{mp.NewRawValue(1e6).String(), "c_double(1000000.0)"},
		{mp.NewRawValue(math.Inf(-1)).String(), "c_double(-inf)"},
		{mp.NewRawValue(math.NaN()).String(), "c_double(nan)"},
		{mp.NewRawValue(mp.Char(0)).String(), `c_char(b'\x00')`},
		{mp.NewRawValue(mp.Char('\'')).String(), `c_char(b"'")`},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("String() = %s; want %s", c.got, c.want)
		}
	}
}

// SV-01, SV-09: writes made in a child are seen by the parent.
// CPython: Lib/test/_test_multiprocessing.py _TestValue.test_value
func TestValueChangedByChild(t *testing.T) {
	i := mp.NewValue[int32](5)
	d := mp.NewValue(1.0 / 3)
	h := mp.NewValue[int16](-3)
	c := mp.NewValue(mp.Char('x'))
	raw := mp.NewRawValue[int64](1)
	p := inProcess(func() {
		i.SetValue(10)
		d.SetValue(d.Value() * 2)
		h.SetValue(h.Value() + 1)
		c.SetValue('y')
		raw.SetValue(raw.Value() + 1)
	})
	p.Join()
	if i.Value() != 10 || d.Value() != 2.0/3 || h.Value() != -2 || c.Value() != 'y' || raw.Value() != 2 {
		t.Errorf("values = %v %v %v %v %v", i.Value(), d.Value(), h.Value(), c.Value(), raw.Value())
	}
}

// SV-03, SV-04: the types make a wrong typecode or value a compile error;
// a conversion wraps as ctypes does.
func TestValueOverflowWrapsInConversion(t *testing.T) {
	big := 1 << 20
	if v := mp.NewValue(int16(big)).Value(); v != 0 {
		t.Errorf("Value('h', 2**20) = %d; want 0", v)
	}
	big40 := int64(1) << 40
	if v := mp.NewValue(int32(big40)).Value(); v != 0 {
		t.Errorf("Value('i', 2**40) = %d; want 0", v)
	}
}

// SV-05, SV-06, SV-07, SV-08
// CPython: Lib/test/_test_multiprocessing.py _TestValue.test_getobj_getlock, test_rawvalue
func TestValueGetLockGetObj(t *testing.T) {
	v := mp.NewValue[int32](5)
	if _, ok := v.GetLock().(*thread.RLock); !ok {
		t.Errorf("GetLock() = %T; want *thread.RLock", v.GetLock())
	}
	if v.GetObj().Value() != 5 {
		t.Error("GetObj().Value() != 5")
	}
	v.GetObj().SetValue(6)
	if v.Value() != 6 {
		t.Error("GetObj shares nothing with the Value")
	}
	l := mp.NewLock()
	w := mp.NewValue[int32](5, mp.ValueLock(l))
	if w.GetLock() != thread.Locker(l) {
		t.Error("GetLock() is not the lock given")
	}
	if x := mp.NewValue[int32](5, mp.ValueLock(nil)); x.GetLock() == nil {
		t.Error("ValueLock(nil) left no lock")
	}
	// SV-06/SV-08: the raw value has no lock: no GetLock or GetObj.
	if _, ok := any(mp.NewRawValue[int32](0)).(interface{ GetLock() thread.Locker }); ok {
		t.Error("RawValue has GetLock")
	}
	// SV-07: a lock without Acquire cannot be passed; ValueLock is refused
	// where it means nothing.
	mustPanic(t, "mp: ValueLock is not an option of NewRawValue", func() { mp.NewRawValue(1, mp.ValueLock(l)) })
	mustPanic(t, "mp: Name is not an option of NewValue", func() { mp.NewValue(1, mp.Name("x")) })
	ctx, _ := mp.GetContext("")
	_ = mp.NewValue(1, ctx)
	_ = mp.NewRawValue(1, ctx)
}

// SV-10: v.SetValue(v.Value()+1) is not atomic; under the lock, or with
// Update, 4 processes × 500 give exactly 2000.
func TestValueIncrementUnderLock(t *testing.T) {
	v := mp.NewValue[int32](0)
	u := mp.NewValue[int32](0)
	var ps []*mp.Process
	for range 4 {
		ps = append(ps, inProcess(func() {
			for range 500 {
				l := v.GetLock()
				l.Acquire()
				v.SetValue(v.Value() + 1) // the RLock lets the holder in again
				l.Release()
				u.Update(func(x int32) int32 { return x + 1 })
			}
		}))
	}
	joinAll(ps...)
	if v.Value() != 2000 || u.Value() != 2000 {
		t.Errorf("Value() = %d, %d; want 2000, 2000", v.Value(), u.Value())
	}
}
