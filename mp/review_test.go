package mp_test

import (
	"runtime"
	"slices"
	"testing"
	"testing/synctest"

	"github.com/pyconc/pyconc/mp"
)

// A read-only call (Keys, Values, Items, Copy) made while an All loop runs
// must not disturb the loop: the dict has not changed, so every key is
// yielded once, as iterating a Python dict while reading it does.
func TestReviewDictAllReadDuringLoop(t *testing.T) {
	m := mp.NewManager()
	defer m.Shutdown()
	for name, read := range map[string]func(d *mp.DictProxy[string, int]){
		"Keys":   func(d *mp.DictProxy[string, int]) { d.Keys() },
		"Values": func(d *mp.DictProxy[string, int]) { d.Values() },
		"Items":  func(d *mp.DictProxy[string, int]) { d.Items() },
		"Copy":   func(d *mp.DictProxy[string, int]) { d.Copy() },
	} {
		d := mp.ManagerDict[string, int](m)
		for i, k := range []string{"a", "b", "c", "d"} {
			d.Set(k, i)
		}
		d.Delete("a") // leaves a hole before the loop starts
		var got []string
		for k := range d.All() {
			got = append(got, k)
			read(d)
		}
		if want := []string{"b", "c", "d"}; !slices.Equal(got, want) {
			t.Errorf("%s in the loop: All yielded %v; want %v", name, got, want)
		}
	}
}

// Terminate after Kill, on a process still running, keeps the exit code
// -9: a process killed by SIGKILL is dead, and a later terminate() finds
// it ended (MP-19). The same happens when the parent, ending, terminates
// a daemon child that was killed.
func TestReviewKillThenTerminate(t *testing.T) {
	release := make(chan struct{})
	p := inProcess(func() { <-release })
	p.Kill()
	p.Terminate()
	close(release)
	p.Join()
	if got := exitCode(p); got != "-9" {
		t.Errorf("Kill then Terminate: exit code = %s; want -9", got)
	}

	release = make(chan struct{})
	started := make(chan *mp.Process)
	parent := inProcess(func() {
		c := mp.NewProcess(func() { <-release }, mp.Daemon(true))
		c.Start()
		c.Kill()
		started <- c
	})
	c := <-started
	parent.Join() // terminates its daemon child
	close(release)
	c.Join()
	if got := exitCode(c); got != "-9" {
		t.Errorf("killed daemon child terminated at its parent's end: exit code = %s; want -9", got)
	}
}

// A function run in the manager that calls runtime.Goexit (t.FailNow, or
// Exit outside a process) must not stop the manager: later calls are
// served, and the caller's goroutine ends as if the function had run in
// it.
func TestReviewManagerGoexitInCall(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := mp.NewManager()
		defer m.Shutdown()
		v := mp.ManagerValue(m, 1)
		done := make(chan struct{})
		var returned bool
		var pv any
		go func() {
			defer close(done)
			defer func() { pv = recover() }()
			v.Update(func(int) int { runtime.Goexit(); return 0 })
			returned = true
		}()
		<-done
		if returned || pv != nil {
			t.Errorf("caller: returned %v, panicked with %v; want neither (Goexit)", returned, pv)
		}
		if got := v.Value(); got != 1 {
			t.Errorf("Value after the Goexit = %d; want 1", got)
		}
	})
}

// Once Join has returned, the process has ended for every other way of
// asking: its sentinel is closed, so JoinTimeout(0) and WaitTimeout(0)
// report it, even when the sentinel was made while it ran.
func TestReviewJoinThenSentinel(t *testing.T) {
	for range 2000 {
		release := make(chan struct{})
		p := inProcess(func() { <-release })
		sentinel := p.Sentinel() // made before the end
		close(release)
		p.Join()
		select {
		case <-sentinel:
		default:
			t.Fatal("Join returned but the sentinel is not closed")
		}
		if !p.JoinTimeout(0) {
			t.Fatal("Join returned but JoinTimeout(0) = false")
		}
	}
}

// ActiveChildren lists only children that are alive: once IsAlive has
// reported a child ended, ActiveChildren does not list it, as Python's
// polls its children first.
func TestReviewActiveChildrenAfterIsAlive(t *testing.T) {
	for range 2000 {
		p := inProcess(func() {})
		for p.IsAlive() {
			runtime.Gosched()
		}
		if slices.Contains(mp.ActiveChildren(), p) {
			p.Join()
			t.Fatal("IsAlive() = false but ActiveChildren lists the child")
		}
		p.Join()
	}
}

// A Wait blocked on a process that ends and is then joined and closed by
// another goroutine returns it as ready: the check that panics on a
// closed process is made when Wait is called, not again as it wakes.
func TestReviewWaitProcessClosedWhileWaking(t *testing.T) {
	for range 200 {
		synctest.Test(t, func(t *testing.T) {
			release := make(chan struct{})
			p := inProcess(func() { <-release })
			r, w := mp.Pipe[int]()
			defer w.Close()
			defer r.Close()
			var got []mp.Waitable
			var pv any
			done := make(chan struct{})
			go func() {
				defer close(done)
				defer func() { pv = recover() }()
				got = mp.Wait([]mp.Waitable{r, p})
			}()
			synctest.Wait() // Wait is blocked on r and p
			close(release)
			p.Join()
			p.Close()
			<-done
			if pv != nil {
				t.Fatalf("Wait panicked with %v", pv)
			}
			if len(got) != 1 || got[0] != mp.Waitable(p) {
				t.Fatalf("Wait = %v; want [p]", got)
			}
		})
	}
}
