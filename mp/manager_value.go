package mp

// A ValueProxy is a value living in a [Manager], Python's ValueProxy: Value
// and SetValue are each one call to the manager. Make one with
// [ManagerValue]. Like Python's manager Value, it has no lock of its own:
// p.SetValue(p.Value()+1) is two calls; use [ValueProxy.Update] for one.
//
// Python: multiprocessing.managers.ValueProxy.
type ValueProxy[T any] struct {
	m *Manager
	v T // touched only in the manager's goroutine
}

// ManagerValue returns a new value living in m, holding v. Python's
// typecode argument, which the manager's Value only stores, has no Go
// form: T is the type.
//
// Python: multiprocessing.managers.SyncManager.Value.
func ManagerValue[T any](m *Manager, v T) *ValueProxy[T] {
	p := &ValueProxy[T]{m: m}
	m.call(func() { p.v = v })
	return p
}

// Value returns the value p holds.
//
// Python: ValueProxy.value, ValueProxy.get.
func (p *ValueProxy[T]) Value() (v T) {
	p.m.call(func() { v = p.v })
	return v
}

// SetValue sets the value p holds.
//
// Python: assigning ValueProxy.value, ValueProxy.set.
func (p *ValueProxy[T]) SetValue(v T) { p.m.call(func() { p.v = v }) }

// Update replaces the value by f of it, in one call to the manager, and
// returns the new value. f runs in the manager's goroutine and must not
// call the manager.
//
// Python: none (Go only).
func (p *ValueProxy[T]) Update(f func(T) T) (v T) {
	p.m.call(func() { p.v = f(p.v); v = p.v })
	return v
}

// ManagerArray returns a new list living in m holding a copy of xs:
// Python's manager Array is an array.array behind a proxy with len,
// indexing and slicing, which a [ListProxy] has.
//
// Python: multiprocessing.managers.SyncManager.Array.
func ManagerArray[T Number](m *Manager, xs []T) *ListProxy[T] { return ManagerList(m, xs...) }
