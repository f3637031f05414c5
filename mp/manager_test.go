package mp_test

import (
	"cmp"
	"errors"
	"maps"
	"slices"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/pyconc/pyconc/mp"
	"github.com/pyconc/pyconc/pool"
	"github.com/pyconc/pyconc/thread"
)

// MG-01: a Manager is started; after Shutdown its proxies panic; Shutdown
// twice is fine and leaves no goroutine (goleak in TestMain). MG-09: there
// is no start(initializer): NewManager returns a started manager and
// refuses every option but a *Context.
func TestManagerShutdown(t *testing.T) {
	m := mp.NewManager()
	d := mp.ManagerDict[string, int](m)
	l := mp.ManagerList[int](m)
	ns := m.Namespace()
	v := mp.ManagerValue(m, 1)
	d.Set("a", 1)
	func() {
		defer m.Shutdown() // Python's with Manager() as m:
	}()
	m.Shutdown()
	const text = "mp: manager is shut down (Python: BrokenPipeError)"
	for _, f := range []func(){
		func() { d.Get("a") },
		func() { d.Set("b", 2) },
		func() { l.Append(1) },
		func() { ns.Set("x", 1) },
		func() { v.Value() },
		func() { mp.ManagerDict[int, int](m) },
		func() { m.Namespace() },
	} {
		mustPanic(t, text, f)
	}
	ctx, _ := mp.GetContext("")
	m2 := ctx.NewManager()
	m2.Shutdown()
	mustPanic(t, "mp: Duplex is not an option of NewManager", func() { mp.NewManager(mp.Duplex(true)) })
}

// MG-02: changes made by a child are seen by the parent and vice versa.
// CPython: Lib/test/_test_multiprocessing.py TestSyncManagerTypes.test_dict, test_list
func TestManagerSharedWithChild(t *testing.T) {
	m := mp.NewManager()
	defer m.Shutdown()
	d := mp.ManagerDict[string, int](m)
	l := mp.ManagerList[int](m)
	d.Set("parent", 1)
	l.Append(1)
	p := inProcess(func() {
		if v, ok := d.Get("parent"); !ok || v != 1 {
			t.Errorf("child: d[parent] = %v, %v", v, ok)
		}
		d.Set("child", 2)
		l.Append(2)
	})
	p.Join()
	if diff := gocmp.Diff(map[string]int{"parent": 1, "child": 2}, d.Copy()); diff != "" {
		t.Errorf("dict (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff([]int{1, 2}, l.Copy()); diff != "" {
		t.Errorf("list (-want +got):\n%s", diff)
	}
}

// MG-03
// CPython: Lib/test/_test_multiprocessing.py _TestContainers.test_list, test_list_iter
func TestManagerList(t *testing.T) {
	m := mp.NewManager()
	defer m.Shutdown()
	a := mp.ManagerList(m, seq(10)...)
	if diff := gocmp.Diff(seq(10), a.Copy()); diff != "" {
		t.Errorf("Copy() (-want +got):\n%s", diff)
	}
	b := mp.ManagerList[int](m)
	if b.Len() != 0 {
		t.Errorf("empty Len() = %d", b.Len())
	}
	b.Extend(seq(5))
	if diff := gocmp.Diff([]int{0, 1, 2, 3, 4}, b.Copy()); diff != "" {
		t.Errorf("Extend (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff([]int{2, 3}, b.Slice(2, 4)); diff != "" {
		t.Errorf("Slice(2, 4) (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff([]int{3, 4}, b.Slice(-2, 99)); diff != "" {
		t.Errorf("Slice(-2, 99) (-want +got):\n%s", diff)
	}
	b.Extend(b.Copy()) // b *= 2
	if diff := gocmp.Diff([]int{0, 1, 2, 3, 4, 0, 1, 2, 3, 4}, b.Copy()); diff != "" {
		t.Errorf("*= 2 (-want +got):\n%s", diff)
	}
	plus := append(b.Copy(), 5, 6) // b + [5, 6] is a plain list
	if len(plus) != 12 || b.Len() != 10 {
		t.Error("b + [5, 6] changed b")
	}
	eq := func(x int) func(int) bool { return func(y int) bool { return y == x } }
	if n := b.CountFunc(eq(1)); n != 2 {
		t.Errorf("count(1) = %d", n)
	}
	if i := b.IndexFunc(eq(3)); i != 3 {
		t.Errorf("index(3) = %d", i)
	}
	if i := b.IndexFunc(eq(42)); i != -1 {
		t.Errorf("index(42) = %d", i)
	}
	b.Sort(cmp.Compare[int])
	if diff := gocmp.Diff([]int{0, 0, 1, 1, 2, 2, 3, 3, 4, 4}, b.Copy()); diff != "" {
		t.Errorf("Sort (-want +got):\n%s", diff)
	}
	b.Reverse()
	if b.Get(0) != 4 || b.Get(-1) != 0 {
		t.Errorf("after Reverse Get(0), Get(-1) = %d, %d", b.Get(0), b.Get(-1))
	}
	if v := b.Pop(-1); v != 0 || b.Len() != 9 {
		t.Errorf("Pop(-1) = %d, Len %d", v, b.Len())
	}
	if v := b.Pop(0); v != 4 {
		t.Errorf("Pop(0) = %d", v)
	}
	b.Insert(0, 100)
	b.Insert(-1, 200)
	b.Insert(99, 300)
	b.Set(1, 7)
	b.Set(-1, 301)
	if diff := gocmp.Diff([]int{100, 7, 3, 3, 2, 2, 1, 1, 200, 0, 301}, b.Copy()); diff != "" {
		t.Errorf("after Insert and Set (-want +got):\n%s", diff)
	}
	if !b.RemoveFunc(eq(3)) || b.RemoveFunc(eq(42)) || b.CountFunc(eq(3)) != 1 {
		t.Error("RemoveFunc wrong")
	}
	// Iteration sees later writes.
	c := mp.ManagerList(m, 1, 2)
	var got []int
	for i, x := range c.All() {
		if i == 0 {
			c.Append(3)
			c.Set(1, 20)
		}
		got = append(got, x)
	}
	if diff := gocmp.Diff([]int{1, 20, 3}, got); diff != "" {
		t.Errorf("All() (-want +got):\n%s", diff)
	}
	for range c.All() {
		break
	}
}

// MG-07: errors raised in the manager come back with their text.
func TestManagerListErrors(t *testing.T) {
	m := mp.NewManager()
	defer m.Shutdown()
	l := mp.ManagerList(m, 1)
	mustPanic(t, "mp: list index out of range (Python: IndexError)", func() { l.Get(1) })
	mustPanic(t, "mp: list index out of range (Python: IndexError)", func() { l.Get(-2) })
	mustPanic(t, "mp: list assignment index out of range (Python: IndexError)", func() { l.Set(5, 0) })
	mustPanic(t, "mp: pop index out of range (Python: IndexError)", func() { l.Pop(3) })
	l.Pop(0)
	mustPanic(t, "mp: pop from empty list (Python: IndexError)", func() { l.Pop(-1) })
	// The manager goes on serving after a panic.
	l.Append(5)
	if l.Get(0) != 5 {
		t.Error("the manager stopped after a panic")
	}
	// A panic of the caller's own func comes back too.
	type boom struct{}
	if v := panicOf(func() { l.IndexFunc(func(int) bool { panic(boom{}) }) }); v != (boom{}) {
		t.Errorf("panic = %v; want boom{}", v)
	}
}

// MG-04
// CPython: Lib/test/_test_multiprocessing.py _TestContainers.test_dict, test_dict_iter
func TestManagerDict(t *testing.T) {
	m := mp.NewManager()
	defer m.Shutdown()
	d := mp.ManagerDict[int, string](m)
	indices := seq(65)[5:]
	for _, i := range indices {
		d.Set(i, string(rune(i)))
	}
	want := map[int]string{}
	for _, i := range indices {
		want[i] = string(rune(i))
	}
	if diff := gocmp.Diff(want, d.Copy()); diff != "" {
		t.Errorf("Copy() (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff(indices, d.Keys()); diff != "" {
		t.Errorf("Keys() in insertion order (-want +got):\n%s", diff)
	}
	var values []string
	for _, i := range indices {
		values = append(values, string(rune(i)))
	}
	if diff := gocmp.Diff(values, d.Values()); diff != "" {
		t.Errorf("Values() (-want +got):\n%s", diff)
	}
	items := d.Items()
	if len(items) != 60 || items[0] != (mp.DictItem[int, string]{Key: 5, Value: "\x05"}) {
		t.Errorf("Items()[0] = %v", items[0])
	}
	if v, ok := d.Get(10); !ok || v != "\n" {
		t.Errorf("Get(10) = %q, %v", v, ok)
	}
	if _, ok := d.Get(1000); ok {
		t.Error("Get(1000) found a key")
	}
	if d.Len() != 60 || !d.Contains(64) || d.Contains(4) {
		t.Errorf("Len, Contains wrong")
	}
	if k, v, ok := d.PopItem(); k != 64 || v != "@" || !ok {
		t.Errorf("PopItem() = %d, %q, %v; want 64, @, true", k, v, ok)
	}
	if v, ok := d.Pop(5); v != "\x05" || !ok {
		t.Errorf("Pop(5) = %q, %v", v, ok)
	}
	if _, ok := d.Pop(5); ok {
		t.Error("Pop(5) twice found it")
	}
	if !d.Delete(6) || d.Delete(6) {
		t.Error("Delete wrong")
	}
	if v := d.SetDefault(6, "six"); v != "six" {
		t.Errorf("SetDefault new = %q", v)
	}
	if v := d.SetDefault(6, "other"); v != "six" {
		t.Errorf("SetDefault existing = %q", v)
	}
	if d.Keys()[len(d.Keys())-1] != 6 {
		t.Error("a re-added key is not last")
	}
	d.Update(maps.All(map[int]string{1: "one"}))
	if v, _ := d.Get(1); v != "one" {
		t.Error("Update did not set")
	}
	d.Clear()
	if d.Len() != 0 || len(d.Keys()) != 0 {
		t.Error("Clear left keys")
	}
	if _, _, ok := d.PopItem(); ok {
		t.Error("PopItem on empty = true")
	}
}

// MG-04: an iterator used after the dict changed size panics.
// CPython: Lib/test/_test_multiprocessing.py _TestContainers.test_dict_iter
func TestManagerDictIterChangedSize(t *testing.T) {
	m := mp.NewManager()
	defer m.Shutdown()
	d := mp.ManagerDict[int, int](m)
	for i := range 10 {
		d.Set(i, i*i)
	}
	var keys []int
	for k, v := range d.All() {
		if v != k*k {
			t.Errorf("All() yielded %d, %d", k, v)
		}
		d.Set(k, v) // changing a value does not disturb
		keys = append(keys, k)
	}
	if !slices.Equal(keys, seq(10)) {
		t.Errorf("All() keys = %v", keys)
	}
	mustPanic(t, "mp: dictionary changed size during iteration (Python: RuntimeError)", func() {
		for k := range d.All() {
			d.Set(k+100, 0)
		}
	})
	mustPanic(t, "mp: dictionary changed size during iteration (Python: RuntimeError)", func() {
		for range d.All() {
			d.Clear()
		}
	})
	d.Set(1, 1)
	d.Set(2, 2)
	mustPanic(t, "mp: dictionary keys changed during iteration (Python: RuntimeError)", func() {
		for range d.All() {
			d.Delete(1)
			d.Set(3, 3)
		}
	})
	for range d.All() {
		break
	}
}

// MG-05: a proxy stored in a proxy stays live; a plain slice stored is a
// value: appending to what Get returns changes nothing stored.
// CPython: Lib/test/_test_multiprocessing.py _TestContainers.test_dict_proxy_nested, test_list_proxy_in_list
func TestManagerNesting(t *testing.T) {
	m := mp.NewManager()
	defer m.Shutdown()
	pets := mp.ManagerDict[string, any](m)
	inner := mp.ManagerList(m, "ferrets")
	pets.Set("ferrets", inner)
	pets.Set("plain", []string{"cat"})
	p := inProcess(func() {
		got, _ := pets.Get("ferrets")
		got.(*mp.ListProxy[string]).Append("bandicoot")
		plain, _ := pets.Get("plain")
		_ = append(plain.([]string), "dog")
	})
	p.Join()
	if diff := gocmp.Diff([]string{"ferrets", "bandicoot"}, inner.Copy()); diff != "" {
		t.Errorf("nested list (-want +got):\n%s", diff)
	}
	if plain, _ := pets.Get("plain"); len(plain.([]string)) != 1 {
		t.Errorf("plain list = %v; want [cat]", plain)
	}
	outer := mp.ManagerList[*mp.ListProxy[int]](m)
	a := mp.ManagerList(m, 1)
	outer.Append(a)
	outer.Get(0).Append(2)
	if diff := gocmp.Diff([]int{1, 2}, a.Copy()); diff != "" {
		t.Errorf("list in list (-want +got):\n%s", diff)
	}
}

// MG-06
// CPython: Lib/test/_test_multiprocessing.py _TestContainers.test_namespace
func TestManagerNamespace(t *testing.T) {
	m := mp.NewManager()
	defer m.Shutdown()
	n := m.Namespace()
	if s := n.String(); s != "Namespace()" {
		t.Errorf("String() = %s", s)
	}
	n.Set("name", "Bob")
	n.Set("job", "Builder")
	n.Set("_hidden", "hello")
	if s := n.String(); s != "Namespace(job='Builder', name='Bob')" {
		t.Errorf("String() = %s", s)
	}
	if v, err := n.Get("_hidden"); v != "hello" || err != nil {
		t.Errorf("Get(_hidden) = %v, %v", v, err)
	}
	if err := n.Delete("job"); err != nil {
		t.Errorf("Delete(job) = %v", err)
	}
	if s := n.String(); s != "Namespace(name='Bob')" {
		t.Errorf("String() = %s", s)
	}
	_, err := n.Get("job")
	if !errors.Is(err, mp.ErrAttribute) || err.Error() != "mp: 'Namespace' object has no attribute 'job'" {
		t.Errorf("Get(job) = %v; want ErrAttribute", err)
	}
	if err := n.Delete("job"); !errors.Is(err, mp.ErrAttribute) {
		t.Errorf("Delete(job) twice = %v", err)
	}
	n.Set("n", 5)
	n.Set("ok", true)
	n.Set("none", nil)
	n.Set("f", 0.5)
	n.Set("q", "it's")
	if s := n.String(); s != `Namespace(f=0.5, n=5, name='Bob', none=None, ok=True, q="it's")` {
		t.Errorf("String() = %s", s)
	}
	p := inProcess(func() { n.Set("child", 1) })
	p.Join()
	if v, _ := n.Get("child"); v != 1 {
		t.Errorf("Get(child) = %v", v)
	}
}

// MG-08: the manager's synchronization objects and queues work from a
// child; a Lock released twice panics with threading's RuntimeError text.
// CPython: Lib/test/_test_multiprocessing.py TestSyncManagerTypes
func TestManagerSyncTypes(t *testing.T) {
	m := mp.NewManager()
	defer m.Shutdown()
	q := mp.ManagerQueue[int](m, 0)
	jq := mp.ManagerJoinableQueue[int](m, 0)
	v := mp.ManagerValue(m, int32(1))
	arr := mp.ManagerArray(m, []int32{0, 1})
	ev := m.Event()
	lk := m.Lock()
	rl := m.RLock()
	sem := m.Semaphore(1)
	bs := m.BoundedSemaphore(1)
	cond := m.Condition(nil)
	bar := m.Barrier(2)
	p := inProcess(func() {
		_ = q.Put(5)
		_ = jq.Put(6)
		v.SetValue(2)
		arr.Set(1, 10)
		ev.Set()
		lk.Acquire()
		lk.Release()
		rl.Acquire()
		rl.Acquire()
		rl.Release()
		rl.Release()
		sem.Acquire()
		sem.Release()
		bs.Acquire()
		bs.Release()
		cond.Acquire()
		cond.NotifyAll()
		cond.Release()
		bar.Wait()
	})
	bar.Wait()
	p.Join()
	if x, _ := q.Get(); x != 5 {
		t.Errorf("queue Get = %d", x)
	}
	if x, _ := jq.Get(); x != 6 {
		t.Errorf("joinable queue Get = %d", x)
	}
	jq.TaskDone()
	jq.Join()
	if v.Value() != 2 || arr.Get(1) != 10 || !ev.IsSet() {
		t.Errorf("value %d, array %v, event %v", v.Value(), arr.Copy(), ev.IsSet())
	}
	pl := m.Pool(pool.Processes(2))
	if got, err := pool.Map(pl, func(x int) int { return x * x }, []int{1, 2, 3}); err != nil || !slices.Equal(got, []int{1, 4, 9}) {
		t.Errorf("manager pool Map = %v", got)
	}
	pl.Close()
	pl.Join()
	// MG-07: a wrong pool option fails in the caller with pool's text.
	mustPanic(t, "pool: Number of processes must be at least 1 (Python: ValueError)", func() { m.Pool(pool.Processes(0)) })
	if v.Update(func(x int32) int32 { return x * 10 }) != 20 {
		t.Error("Update wrong")
	}
	lk.Acquire()
	lk.Release()
	if got := panicOf(lk.Release); got == nil {
		t.Error("a second Release did not panic")
	} else if want := panicOf(new(thread.Lock).Release); got != want {
		t.Errorf("Release twice panicked with %v; want %v", got, want)
	}
}
