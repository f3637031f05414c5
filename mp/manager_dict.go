package mp

import "iter"

// A DictProxy is a dict that lives in a [Manager], Python's DictProxy:
// every method is one call to the manager, atomic and visible to every
// process at once (MG-02). Make one with [ManagerDict]. Its keys keep
// their insertion order, as a Python dict's do.
//
// Values are stored as Go assigns them: a slice got from the dict shares
// its elements with the one stored, but appending to it changes nothing
// in the dict, as mutating d['lst'] in Python does not (MG-05). To share a
// mutable container, store a proxy: a *ListProxy stored in a DictProxy
// stays live (MG-05).
//
// A missing key is reported, not raised: Get and Pop return false where
// Python raises KeyError (MG-07).
//
// Python: multiprocessing.managers.DictProxy.
type DictProxy[K comparable, V any] struct {
	m *Manager
	d *orderedDict[K, V] // touched only in the manager's goroutine
}

// A DictItem is a key and its value, an element of [DictProxy.Items].
//
// Python: a (key, value) tuple of dict.items().
type DictItem[K comparable, V any] struct {
	Key   K
	Value V
}

// ManagerDict returns a new empty dict living in m.
//
// Python: multiprocessing.managers.SyncManager.dict.
func ManagerDict[K comparable, V any](m *Manager) *DictProxy[K, V] {
	d := &DictProxy[K, V]{m: m}
	m.call(func() { d.d = newOrderedDict[K, V]() })
	return d
}

// Get returns the value of key and true, or the zero V and false if key
// is missing.
//
// Python: DictProxy.get, DictProxy[key].
func (d *DictProxy[K, V]) Get(key K) (v V, ok bool) {
	d.m.call(func() { v, ok = d.d.get(key) })
	return v, ok
}

// Set sets the value of key.
//
// Python: DictProxy[key] = value.
func (d *DictProxy[K, V]) Set(key K, value V) {
	d.m.call(func() { d.d.set(key, value) })
}

// SetDefault returns the value of key, first setting it to value if key
// is missing.
//
// Python: DictProxy.setdefault.
func (d *DictProxy[K, V]) SetDefault(key K, value V) (v V) {
	d.m.call(func() {
		var ok bool
		if v, ok = d.d.get(key); !ok {
			d.d.set(key, value)
			v = value
		}
	})
	return v
}

// Delete removes key, reporting whether it was there (Python raises
// KeyError if not).
//
// Python: del DictProxy[key].
func (d *DictProxy[K, V]) Delete(key K) (ok bool) {
	d.m.call(func() { _, ok = d.d.pop(key) })
	return ok
}

// Pop removes key and returns its value and true, or the zero V and false
// if key is missing.
//
// Python: DictProxy.pop.
func (d *DictProxy[K, V]) Pop(key K) (v V, ok bool) {
	d.m.call(func() { v, ok = d.d.pop(key) })
	return v, ok
}

// PopItem removes and returns the key inserted last and its value, and
// true; false if the dict is empty (Python raises KeyError).
//
// Python: DictProxy.popitem.
func (d *DictProxy[K, V]) PopItem() (k K, v V, ok bool) {
	d.m.call(func() { k, v, ok = d.d.popLast() })
	return k, v, ok
}

// Len returns the number of keys.
//
// Python: len(DictProxy).
func (d *DictProxy[K, V]) Len() (n int) {
	d.m.call(func() { n = len(d.d.index) })
	return n
}

// Contains reports whether key is in the dict.
//
// Python: key in DictProxy.
func (d *DictProxy[K, V]) Contains(key K) (ok bool) {
	d.m.call(func() { _, ok = d.d.index[key] })
	return ok
}

// Keys returns the keys in insertion order.
//
// Python: DictProxy.keys.
func (d *DictProxy[K, V]) Keys() (keys []K) {
	d.m.call(func() {
		keys = make([]K, 0, len(d.d.index))
		for e := range d.d.live() {
			keys = append(keys, e.Key)
		}
	})
	return keys
}

// Values returns the values in the order of their keys.
//
// Python: DictProxy.values.
func (d *DictProxy[K, V]) Values() (values []V) {
	d.m.call(func() {
		values = make([]V, 0, len(d.d.index))
		for e := range d.d.live() {
			values = append(values, e.Value)
		}
	})
	return values
}

// Items returns the keys and values in insertion order.
//
// Python: DictProxy.items.
func (d *DictProxy[K, V]) Items() (items []DictItem[K, V]) {
	d.m.call(func() {
		items = make([]DictItem[K, V], 0, len(d.d.index))
		for e := range d.d.live() {
			items = append(items, DictItem[K, V]{e.Key, e.Value})
		}
	})
	return items
}

// Copy returns a plain map holding the keys and values.
//
// Python: DictProxy.copy.
func (d *DictProxy[K, V]) Copy() (c map[K]V) {
	d.m.call(func() {
		c = make(map[K]V, len(d.d.index))
		for e := range d.d.live() {
			c[e.Key] = e.Value
		}
	})
	return c
}

// Clear removes every key.
//
// Python: DictProxy.clear.
func (d *DictProxy[K, V]) Clear() {
	d.m.call(func() {
		clear(d.d.entries)
		d.d.entries = d.d.entries[:0]
		clear(d.d.index)
		d.d.gen++
	})
}

// Update sets every key and value of kv, in one call: maps.All(m) for a
// map (in its random order), or another dict's All.
//
// Python: DictProxy.update.
func (d *DictProxy[K, V]) Update(kv iter.Seq2[K, V]) {
	var items []DictItem[K, V]
	for k, v := range kv {
		items = append(items, DictItem[K, V]{k, v})
	}
	d.m.call(func() {
		for _, e := range items {
			d.d.set(e.Key, e.Value)
		}
	})
}

// All returns an iterator over the keys and values in insertion order,
// each step one call to the manager, as a Python iterator over the proxy
// is. If the dict changes size while the loop runs, the next step panics
// with "mp: dictionary changed size during iteration (Python:
// RuntimeError)" (MG-04); if keys were removed and others added, leaving
// the size as it was, with "mp: dictionary keys changed during iteration
// (Python: RuntimeError)". Changing values does not disturb the loop.
//
// Python: iter(DictProxy.items()).
func (d *DictProxy[K, V]) All() iter.Seq2[K, V] {
	return func(yield func(K, V) bool) {
		var size, gen, pos int
		d.m.call(func() { size, gen = len(d.d.index), d.d.gen })
		for {
			var (
				e  DictItem[K, V]
				ok bool
			)
			d.m.call(func() {
				dict := d.d
				switch {
				case len(dict.index) != size:
					panic("mp: dictionary changed size during iteration (Python: RuntimeError)")
				case dict.gen != gen:
					panic("mp: dictionary keys changed during iteration (Python: RuntimeError)")
				}
				for ; pos < len(dict.entries); pos++ {
					if dict.entries[pos].live {
						e, ok = dict.entries[pos].DictItem, true
						pos++
						return
					}
				}
			})
			if !ok || !yield(e.Key, e.Value) {
				return
			}
		}
	}
}

// An orderedDict is a map that keeps insertion order, as a Python dict.
type orderedDict[K comparable, V any] struct {
	entries []entry[K, V]
	index   map[K]int // position of each live key in entries
	gen     int       // counts insertions and deletions of keys
}

type entry[K comparable, V any] struct {
	DictItem[K, V]
	live bool
}

func newOrderedDict[K comparable, V any]() *orderedDict[K, V] {
	return &orderedDict[K, V]{index: make(map[K]int)}
}

func (o *orderedDict[K, V]) get(k K) (v V, ok bool) {
	i, ok := o.index[k]
	if !ok {
		return v, false
	}
	return o.entries[i].Value, true
}

func (o *orderedDict[K, V]) set(k K, v V) {
	if i, ok := o.index[k]; ok {
		o.entries[i].Value = v
		return
	}
	o.gen++
	o.index[k] = len(o.entries)
	o.entries = append(o.entries, entry[K, V]{DictItem[K, V]{k, v}, true})
}

func (o *orderedDict[K, V]) pop(k K) (v V, ok bool) {
	i, ok := o.index[k]
	if !ok {
		return v, false
	}
	v = o.entries[i].Value
	o.gen++
	delete(o.index, k)
	o.entries[i] = entry[K, V]{}
	if len(o.entries) > 32 && 2*len(o.index) < len(o.entries) {
		o.compact()
	}
	return v, true
}

func (o *orderedDict[K, V]) popLast() (k K, v V, ok bool) {
	for i := len(o.entries) - 1; i >= 0; i-- {
		if e := o.entries[i]; e.live {
			o.entries = o.entries[:i]
			o.gen++
			delete(o.index, e.Key)
			return e.Key, e.Value, true
		}
	}
	o.entries = o.entries[:0]
	return k, v, false
}

func (o *orderedDict[K, V]) compact() {
	n := 0
	for _, e := range o.entries {
		if e.live {
			o.entries[n] = e
			n++
		}
	}
	clear(o.entries[n:])
	o.entries = o.entries[:n]
	for i, e := range o.entries {
		o.index[e.Key] = i
	}
}

// live yields the live entries, in order. It leaves o.entries as they
// are: an All loop in progress holds a position in them, which only a
// change of keys (that the loop reports) may invalidate.
func (o *orderedDict[K, V]) live() iter.Seq[DictItem[K, V]] {
	return func(yield func(DictItem[K, V]) bool) {
		for _, e := range o.entries {
			if e.live && !yield(e.DictItem) {
				return
			}
		}
	}
}
