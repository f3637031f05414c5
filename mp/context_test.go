package mp_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pyconc/pyconc/mp"
	"github.com/pyconc/pyconc/pool"
)

// One start method exists, "goroutine", the default.
// CPython: Lib/test/_test_multiprocessing.py TestStartMethod.test_get_all.
func TestStartMethods(t *testing.T) {
	if diff := cmp.Diff([]string{"goroutine"}, mp.GetAllStartMethods()); diff != "" {
		t.Errorf("GetAllStartMethods (-want +got):\n%s", diff)
	}
	for _, m := range []string{"", "goroutine"} {
		ctx, err := mp.GetContext(m)
		if err != nil || ctx == nil || ctx.GetStartMethod() != "goroutine" {
			t.Errorf("GetContext(%q) = %v, %v", m, ctx, err)
		}
	}
}

// Asking for a method that does not exist is an error naming the ones
// that do, matching ErrStartMethod (Python's ValueError).
// CPython: TestStartMethod.test_context.
func TestGetContextUnknown(t *testing.T) {
	for _, m := range []string{"spawn", "fork", "forkserver"} {
		ctx, err := mp.GetContext(m)
		want := "mp: cannot find context for '" + m + "'; the start methods are [goroutine]"
		if ctx != nil || !errors.Is(err, mp.ErrStartMethod) || err.Error() != want {
			t.Errorf("GetContext(%q) = %v, %v; want nil, %q", m, ctx, err, want)
		}
		if err := mp.SetStartMethod(m); !errors.Is(err, mp.ErrStartMethod) {
			t.Errorf("SetStartMethod(%q) = %v; want ErrStartMethod", m, err)
		}
		if err := mp.SetStartMethodForce(m); !errors.Is(err, mp.ErrStartMethod) {
			t.Errorf("SetStartMethodForce(%q) = %v; want ErrStartMethod", m, err)
		}
	}
}

// SetStartMethod may be called once; a second call panics unless forced;
// GetStartMethod fixes the method as Python's get_start_method() does.
// CPython: TestStartMethod.test_set_get.
func TestSetStartMethod(t *testing.T) {
	asMain(t, func() {
		if got := mp.GetStartMethodAllowNone(); got != "" {
			t.Errorf("GetStartMethodAllowNone() = %q; want \"\"", got)
		}
		if err := mp.SetStartMethod("goroutine"); err != nil {
			t.Fatal(err)
		}
		mustPanic(t, "mp: context has already been set (Python: RuntimeError)", func() { _ = mp.SetStartMethod("goroutine") })
		if err := mp.SetStartMethodForce("goroutine"); err != nil {
			t.Error(err)
		}
		if err := mp.SetStartMethodForce(""); err != nil || mp.GetStartMethodAllowNone() != "" {
			t.Errorf("SetStartMethodForce(\"\") = %v; method %q", err, mp.GetStartMethodAllowNone())
		}
		if got := mp.GetStartMethod(); got != "goroutine" || mp.GetStartMethodAllowNone() != "goroutine" {
			t.Errorf("GetStartMethod() = %q", got)
		}
		mustPanic(t, "mp: context has already been set (Python: RuntimeError)", func() { _ = mp.SetStartMethod("goroutine") })
	})
	// asMain put the state back: unset.
	if got := mp.GetStartMethodAllowNone(); got != "" {
		t.Errorf("after asMain: GetStartMethodAllowNone() = %q; want \"\"", got)
	}
}

// A context's methods are the package's constructors.
func TestContextMethods(t *testing.T) {
	ctx, _ := mp.GetContext("")
	var inChild *mp.Process
	p := ctx.NewProcess(func() { inChild = ctx.CurrentProcess() }, mp.Name("c"))
	p.Start()
	if kids := ctx.ActiveChildren(); len(kids) > 1 {
		t.Errorf("ActiveChildren = %v", kids)
	}
	p.Join()
	if inChild != p || p.Name() != "c" || ctx.ParentProcess() != nil || ctx.CPUCount() != mp.CPUCount() {
		t.Errorf("context methods disagree with the package's")
	}
	l := ctx.NewLock()
	l.Acquire()
	l.Release()
	r := ctx.NewRLock()
	r.Acquire()
	r.Release()
	if s := ctx.NewSemaphore(2); s.String() == "" {
		t.Error("semaphore")
	}
	_ = ctx.NewBoundedSemaphore(1)
	e := ctx.NewEvent()
	e.Set()
	if !e.IsSet() {
		t.Error("event")
	}
	_ = ctx.NewCondition(nil)
	_ = ctx.NewBarrier(1)
	pl := ctx.NewPool(pool.Processes(1))
	if v, err := pool.Apply(pl, func() int { return 7 }); v != 7 || err != nil {
		t.Errorf("Apply = %v, %v", v, err)
	}
	pl.Terminate()
	tp := ctx.NewThreadPool(pool.Processes(1))
	tp.Close()
	tp.Join()
	if c2, err := ctx.GetContext("goroutine"); c2 != ctx || err != nil {
		t.Errorf("ctx.GetContext = %v, %v", c2, err)
	}
	if ctx.String() != "<mp.GoroutineContext>" {
		t.Errorf("String() = %s", ctx)
	}
	m := ctx.NewManager()
	m.Shutdown()
	// A context is an option of every constructor.
	q := mp.NewProcess(nil, ctx)
	q.Start()
	q.Join()
}
