package mp

import (
	"errors"
	"slices"
	"strings"

	"github.com/pyconc/pyconc/internal/pyrepr"
)

// ErrAttribute is matched, with errors.Is, by the error of
// [Namespace.Get] and [Namespace.Delete] for a name that is not set; the
// error's text is Python's, "mp: 'Namespace' object has no attribute
// 'x'" (MG-06).
//
// Python: AttributeError.
var ErrAttribute = errors.New("mp: no such attribute")

type attributeError struct{ name string }

func (e attributeError) Error() string {
	return "mp: 'Namespace' object has no attribute '" + e.name + "'"
}

func (e attributeError) Is(target error) bool { return target == ErrAttribute }

// A Namespace is a set of named values living in a [Manager], Python's
// Namespace proxy: ns.x = 1 is ns.Set("x", 1), ns.x is ns.Get("x"). Make
// one with [Manager.Namespace]. Every method is one call to the manager.
//
// Python: multiprocessing.managers.NamespaceProxy.
type Namespace struct {
	m     *Manager
	attrs map[string]any // touched only in the manager's goroutine
}

// Namespace returns a new empty Namespace living in m.
//
// Python: multiprocessing.managers.SyncManager.Namespace.
func (m *Manager) Namespace() *Namespace {
	ns := &Namespace{m: m}
	m.call(func() { ns.attrs = make(map[string]any) })
	return ns
}

// Get returns the value of name, or an error matching [ErrAttribute] if
// it is not set (MG-06).
//
// Python: getattr(namespace, name).
func (ns *Namespace) Get(name string) (v any, err error) {
	ns.m.call(func() {
		var ok bool
		if v, ok = ns.attrs[name]; !ok {
			err = attributeError{name}
		}
	})
	return v, err
}

// Set sets name to v.
//
// Python: setattr(namespace, name, v).
func (ns *Namespace) Set(name string, v any) { ns.m.call(func() { ns.attrs[name] = v }) }

// Delete removes name, or returns an error matching [ErrAttribute] if it
// is not set.
//
// Python: delattr(namespace, name).
func (ns *Namespace) Delete(name string) (err error) {
	ns.m.call(func() {
		if _, ok := ns.attrs[name]; !ok {
			err = attributeError{name}
			return
		}
		delete(ns.attrs, name)
	})
	return err
}

// String returns Python's repr, "Namespace(age=30, name='Bob')": the names
// in sorted order, those starting with an underscore left out (MG-06),
// strings quoted as Python quotes them and other values formatted with
// %v.
//
// Python: repr(multiprocessing.managers.Namespace).
func (ns *Namespace) String() string {
	var parts []string
	ns.m.call(func() {
		for name, v := range ns.attrs {
			if !strings.HasPrefix(name, "_") {
				parts = append(parts, name+"="+pyrepr.Repr(v))
			}
		}
	})
	slices.Sort(parts)
	return "Namespace(" + strings.Join(parts, ", ") + ")"
}
