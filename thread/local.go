package thread

import (
	"sync"
	"weak"

	"github.com/pyconc/pyconc/internal/goid"
)

// A Local holds one value of type T per thread: each thread that uses it
// sees only the value it set itself (TL-01). A thread's value is released
// when the thread ends (TL-06), and all of them when the Local is no longer
// referenced (TL-07).
//
// Python's threading.local has arbitrary attributes; in Go a Local holds
// one value, so a struct type gives it fields. The zero value is ready to
// use, and gives each thread the zero T until it sets one; [NewLocal] gives
// each thread the result of an initialiser instead, which is what a Python
// subclass of local with an __init__ does (TL-03).
//
// A goroutine pyconc did not start becomes a dummy thread the first time
// it uses a Local (see [CurrentThread]); its value is released when
// [Enumerate] or [ActiveCount] finds that the goroutine has ended.
//
// A Local must not be copied after first use.
//
// Python: threading.local.
type Local[T any] struct {
	init   func() T
	mu     sync.Mutex
	values map[int64]slot[T] // by goroutine ID, which is never reused
}

// slot is one thread's value. A slot stays until its thread ends, so that
// the release is arranged once per thread however often it sets and
// deletes.
type slot[T any] struct {
	v   T
	set bool
}

// NewLocal returns a Local whose value, in each thread, starts as init()
// — called the first time that thread reads the Local (TL-03). A nil init
// means the zero T.
//
// Python: threading.local (a subclass with __init__).
func NewLocal[T any](init func() T) *Local[T] {
	return &Local[T]{init: init}
}

// Get returns the calling thread's value, first calling the initialiser
// given to [NewLocal] (or taking the zero T) if this thread has none.
//
// Python: reading an attribute of a threading.local.
func (l *Local[T]) Get() T {
	id := goid.Current()
	l.mu.Lock()
	s := l.values[id]
	l.mu.Unlock()
	if s.set {
		return s.v
	}
	var v T
	if l.init != nil {
		v = l.init() // without the lock: init may use l
	}
	l.store(id, v)
	return v
}

// Set sets the calling thread's value.
//
// Python: setting an attribute of a threading.local.
func (l *Local[T]) Set(v T) { l.store(goid.Current(), v) }

// Delete removes the calling thread's value, so that the next [Local.Get]
// in this thread starts afresh.
//
// Python: deleting an attribute of a threading.local.
func (l *Local[T]) Delete() {
	id := goid.Current()
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.values[id]; ok {
		l.values[id] = slot[T]{}
	}
}

// store sets the value for goroutine id, arranging for its release when
// the thread ends if this is the thread's first value.
func (l *Local[T]) store(id int64, v T) {
	l.mu.Lock()
	_, had := l.values[id]
	if l.values == nil {
		l.values = make(map[int64]slot[T])
	}
	l.values[id] = slot[T]{v: v, set: true}
	l.mu.Unlock()
	if !had {
		wl := weak.Make(l)
		CurrentThread().onStop(func() {
			if l := wl.Value(); l != nil {
				l.mu.Lock()
				delete(l.values, id)
				l.mu.Unlock()
			}
		})
	}
}

// onStop registers f to run when the thread ends.
func (t *Thread) onStop(f func()) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.locals = append(t.locals, f)
}

// releaseLocals runs the functions registered with onStop.
func (t *Thread) releaseLocals() {
	t.mu.Lock()
	fs := t.locals
	t.locals = nil
	t.mu.Unlock()
	for _, f := range fs {
		f()
	}
}
