package mp

import "github.com/pyconc/pyconc/thread"

// A RawValue is a number of type T shared by processes without a lock:
// Python's RawValue, a ctypes object in shared memory (SV-08). Like
// Python's, it is not safe for concurrent use: guard it with a lock of
// your own, or use a [Value]. The zero value holds zero.
//
// Python: multiprocessing.RawValue.
type RawValue[T Number] struct {
	v T
}

// NewRawValue returns a RawValue holding v. The only option is a
// [*Context].
//
// Python: multiprocessing.RawValue(typecode, v).
func NewRawValue[T Number](v T, opts ...Option) *RawValue[T] {
	configure("NewRawValue", opts)
	return &RawValue[T]{v: v}
}

// Value returns the number r holds.
//
// Python: multiprocessing.RawValue.value.
func (r *RawValue[T]) Value() T { return r.v }

// SetValue sets the number r holds.
//
// Python: assigning multiprocessing.RawValue.value.
func (r *RawValue[T]) SetValue(v T) { r.v = v }

// String returns Python's repr of r: "c_double(0.5)", "c_int(5)",
// "c_char(b'x')".
//
// Python: repr(multiprocessing.RawValue(...)).
func (r *RawValue[T]) String() string {
	return ctypeName[T]() + "(" + reprOf(r.v) + ")"
}

// A Value is a number of type T shared by processes and guarded by a lock:
// Python's synchronized Value (SV-01). Make one with [NewValue]; by default
// its lock is a new [RLock] of its own, and [ValueLock] gives it another.
// Value and SetValue take the lock, so each alone is safe for concurrent
// use, but v.SetValue(v.Value()+1) is not atomic, as v.value += 1 is not
// (SV-10): hold [Value.GetLock] around both, or call [Value.Update].
//
// Python: multiprocessing.Value.
type Value[T Number] struct {
	raw  RawValue[T]
	lock thread.Locker
}

// NewValue returns a Value holding v, with a new [RLock] as its lock or
// the one given with [ValueLock] (SV-05). The other option is a
// [*Context]. Python's Value('i') starting at 0 is NewValue[int32](0).
//
// Python's Value(typecode, v, lock=False), which returns the raw object
// (SV-06), is [NewRawValue].
//
// Python: multiprocessing.Value.
func NewValue[T Number](v T, opts ...Option) *Value[T] {
	c := configure("NewValue", opts)
	l := c.lock
	if l == nil {
		l = new(thread.RLock)
	}
	return &Value[T]{raw: RawValue[T]{v: v}, lock: l}
}

// Value returns the number v holds, taking the lock.
//
// Python: multiprocessing.Value(...).value.
func (v *Value[T]) Value() T {
	v.lock.Acquire()
	defer v.lock.Release()
	return v.raw.v
}

// SetValue sets the number v holds, taking the lock.
//
// Python: assigning multiprocessing.Value(...).value.
func (v *Value[T]) SetValue(x T) {
	v.lock.Acquire()
	defer v.lock.Release()
	v.raw.v = x
}

// Update replaces the number v holds by f of it, under the lock, and
// returns the new number: v.Update(func(x int32) int32 { return x + 1 })
// is Python's
//
//	with v.get_lock():
//	    v.value += 1
//
// f must not call v's methods if the lock is not reentrant.
//
// Python: none (Go only).
func (v *Value[T]) Update(f func(T) T) T {
	v.lock.Acquire()
	defer v.lock.Release()
	v.raw.v = f(v.raw.v)
	return v.raw.v
}

// GetLock returns the lock that guards v: its own [RLock], or the lock
// given with [ValueLock] (SV-05).
//
// Python: multiprocessing.Value(...).get_lock.
func (v *Value[T]) GetLock() thread.Locker { return v.lock }

// GetObj returns the raw value v wraps, to be used under v's lock (SV-05).
//
// Python: multiprocessing.Value(...).get_obj.
func (v *Value[T]) GetObj() *RawValue[T] { return &v.raw }

// String returns Python's repr of v, "<Synchronized wrapper for
// c_int(5)>" (SV-01), taking the lock.
//
// Python: repr(multiprocessing.Value(...)).
func (v *Value[T]) String() string {
	v.lock.Acquire()
	defer v.lock.Release()
	return "<Synchronized wrapper for " + v.raw.String() + ">"
}
