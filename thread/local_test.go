package thread_test

import (
	"runtime"
	"sync"
	"testing"
	"testing/synctest"
	"weak"

	"github.com/google/go-cmp/cmp"
	"github.com/pyconc/pyconc/thread"
)

// TL-01, TL-05; CPython: Lib/test/test_threading_local.py
// BaseLocalTest.test_threading_local. Where Python raises AttributeError
// for a value never set in this thread (TL-05), Get returns the zero value
// (or the initialiser's), as a struct field would.
func TestLocalIsPerThread(t *testing.T) {
	var l thread.Local[string]
	l.Set("main")
	got := make(chan [2]string, 1)
	th := thread.New(func() {
		before := l.Get() // unset here: the zero value
		l.Set("thread")
		got <- [2]string{before, l.Get()}
	})
	th.Start()
	th.Join()
	if diff := cmp.Diff([2]string{"", "thread"}, <-got); diff != "" {
		t.Errorf("inside the thread (-want +got):\n%s", diff)
	}
	if v := l.Get(); v != "main" {
		t.Errorf("Get() in the test goroutine = %q; want main", v)
	}
	l.Delete()
	if v := l.Get(); v != "" {
		t.Errorf("Get() after Delete = %q; want the zero value", v)
	}
}

// TL-03; CPython: BaseLocalTest.test_derived. The initialiser runs the first
// time each thread reads the Local.
func TestLocalInit(t *testing.T) {
	var mu sync.Mutex
	calls := 0
	type state struct{ n int }
	l := thread.NewLocal(func() *state {
		mu.Lock()
		defer mu.Unlock()
		calls++
		return &state{n: 10}
	})
	var wg sync.WaitGroup
	for range 5 {
		th := thread.New(func() {
			s := l.Get()
			s.n++
			if l.Get().n != 11 {
				t.Error("a thread's value did not persist between reads")
			}
		})
		th.Start()
		wg.Go(th.Join)
	}
	wg.Wait()
	if calls != 5 {
		t.Errorf("initialiser ran %d times for 5 threads; want 5", calls)
	}
	// An initialiser may itself use the Local without deadlocking; what it
	// returns is the thread's value.
	var self *thread.Local[int]
	self = thread.NewLocal(func() int { self.Set(5); return 1 })
	if got := self.Get(); got != 1 {
		t.Errorf("Get() = %d; want the initialiser's 1", got)
	}
}

// TL-06, TL-07; CPython: BaseLocalTest.test_local_refs,
// BaseLocalTest.test_cycle_collection. A thread's value is released when
// the thread ends, and a Local nobody references can be collected with its
// values even while threads that used it live on.
func TestLocalReleasesValues(t *testing.T) {
	type big struct{ _ [1 << 16]byte }
	var l thread.Local[*big]
	var refs []weak.Pointer[big]
	var mu sync.Mutex
	for range 10 {
		th := thread.New(func() {
			v := new(big)
			mu.Lock()
			refs = append(refs, weak.Make(v))
			mu.Unlock()
			l.Set(v)
		})
		th.Start()
		th.Join()
	}
	runtime.GC()
	for i, r := range refs {
		if r.Value() != nil {
			t.Errorf("value of ended thread %d still reachable", i)
		}
	}

	// The test goroutine lives on; the Local does not.
	lp := &thread.Local[*big]{}
	v := new(big)
	wv, wl := weak.Make(v), weak.Make(lp)
	lp.Set(v)
	v, lp = nil, nil
	runtime.GC()
	runtime.GC()
	if wl.Value() != nil || wv.Value() != nil {
		t.Errorf("unreferenced Local collected: %v, its value collected: %v; want both", wl.Value() == nil, wv.Value() == nil)
	}
}

// A dummy thread's values go when its goroutine is found to have ended.
func TestLocalOfDummyThreadReleased(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var l thread.Local[*[1 << 16]byte]
		var w weak.Pointer[[1 << 16]byte]
		go func() {
			v := new([1 << 16]byte)
			w = weak.Make(v)
			l.Set(v)
		}()
		synctest.Wait()
		thread.ActiveCount() // notices the goroutine has ended
		runtime.GC()
		if w.Value() != nil {
			t.Error("a dummy thread's Local value outlived its goroutine")
		}
	})
}
