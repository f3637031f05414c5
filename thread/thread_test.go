package thread_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
	"weak"

	"github.com/google/go-cmp/cmp"
	"github.com/pyconc/pyconc/internal/testhook"
	"github.com/pyconc/pyconc/thread"
)

// asMain runs f with the calling goroutine as the main thread and the
// Thread-N counter reset, as a program's main would see it.
func asMain(t *testing.T, f func()) {
	t.Helper()
	restore := testhook.BecomeMain()
	defer restore()
	f()
}

// mustPanic runs f and checks that it panics with exactly want.
func mustPanic(t *testing.T, want string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		got := recover()
		if got != want {
			t.Errorf("panic = %v; want %q", got, want)
		}
	}()
	f()
}

func worker() {}

type reader struct{ line string }

func (r *reader) Run() { r.line = "text" }

func generic[T any]() {}

// TH-01, TH-02, TH-03, TH-04, TH-05; CPython: Lib/test/test_threading.py
// ThreadTests.test_name.
func TestThreadNames(t *testing.T) {
	asMain(t, func() {
		r := &reader{}
		got := []string{
			thread.New(nil).Name(),                            // Thread-1
			thread.New(worker).Name(),                         // Thread-2 (worker)
			thread.New(func() {}).Name(),                      // a literal has no name
			thread.New(r.Run).Name(),                          // a method value
			thread.New(generic[int]).Name(),                   // an instantiation
			thread.New(worker, thread.Name("myname1")).Name(), // TH-01
			thread.New(worker, thread.Name("")).Name(),        // TH-04 consumes a number
			thread.NewTimer(time.Second, worker).Name(),       // timers share the counter, no suffix
			thread.New(worker, thread.Name("myname2")).Name(), // TH-05
		}
		want := []string{
			"Thread-1", "Thread-2 (worker)", "Thread-3", "Thread-4 (Run)",
			"Thread-5 (generic)", "myname1", "Thread-6 (worker)", "Thread-7", "myname2",
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("names (-want +got):\n%s", diff)
		}
		th := thread.New(worker)
		th.SetName("5")
		if got := th.Name(); got != "5" {
			t.Errorf("Name() after SetName(\"5\") = %q", got)
		}
		th.SetName("")
		if got := th.Name(); got != "" {
			t.Errorf("Name() after SetName(\"\") = %q; want \"\" (only New treats empty as unnamed)", got)
		}
	})
}

// TH-10, TH-11; CPython: ThreadTests.test_boolean_target,
// ThreadingExceptionTests.test_start_thread_again.
func TestStartTwicePanics(t *testing.T) {
	th := thread.New(nil) // a nil target starts and ends normally
	th.Start()
	const msg = "thread: threads can only be started once (Python: RuntimeError)"
	mustPanic(t, msg, th.Start)
	th.Join()
	mustPanic(t, msg, th.Start) // also after it finished
	mustPanic(t, msg, thread.MainThread().Start)
	mustPanic(t, msg, thread.CurrentThread().Start) // a dummy thread
}

// TH-12; no CPython test. The zero Thread is Python's subclass whose
// __init__ never called Thread.__init__.
func TestZeroThreadPanics(t *testing.T) {
	const msg = "thread: Thread.__init__() not called: create threads with New (Python: RuntimeError)"
	var zero thread.Thread
	mustPanic(t, msg, zero.Start)
	mustPanic(t, msg, zero.Join)
	mustPanic(t, msg, func() { zero.SetDaemon(true) })
}

// TH-13, TH-14; CPython: ThreadingExceptionTests.test_joining_inactive_thread,
// ThreadingExceptionTests.test_joining_current_thread.
func TestJoinMisuse(t *testing.T) {
	mustPanic(t, "thread: cannot join thread before it is started (Python: RuntimeError)", thread.New(worker).Join)
	var th *thread.Thread
	got := make(chan any, 1)
	th = thread.New(func() {
		defer func() { got <- recover() }()
		th.Join()
	})
	th.Start()
	th.Join()
	if v := <-got; v != "thread: cannot join current thread (Python: RuntimeError)" {
		t.Errorf("joining itself panicked with %v", v)
	}
	asMain(t, func() {
		mustPanic(t, "thread: cannot join current thread (Python: RuntimeError)", thread.MainThread().Join)
	})
	mustPanic(t, "thread: cannot join a dummy thread (Python: AssertionError)", thread.CurrentThread().Join)
}

// TH-15, TH-16, TH-17, TH-19; no CPython test for the timeout forms.
func TestJoinTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		release := make(chan struct{})
		th := thread.New(func() { <-release })
		th.Start()
		start := time.Now()
		if th.JoinTimeout(100 * time.Millisecond) {
			t.Error("JoinTimeout = true on a running thread")
		}
		if d := time.Since(start); d != 100*time.Millisecond {
			t.Errorf("JoinTimeout gave up after %v; want 100ms", d)
		}
		if !th.IsAlive() {
			t.Error("IsAlive() = false after a timed-out join")
		}
		start = time.Now()
		if th.JoinTimeout(-time.Second) || time.Since(start) != 0 {
			t.Error("JoinTimeout(-1s) should return false at once")
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if err := th.JoinContext(ctx); !errors.Is(err, context.Canceled) {
			t.Errorf("JoinContext(cancelled) = %v; want context.Canceled", err)
		}
		close(release)
		synctest.Wait()
		if th.IsAlive() {
			t.Error("IsAlive() = true after the target returned, before any join")
		}
		for range 3 { // repeated joins return at once
			if !th.JoinTimeout(0) {
				t.Error("JoinTimeout(0) = false on a finished thread")
			}
			th.Join()
		}
	})
}

// TH-18, TH-19, TH-20, MF-06; CPython: ThreadTests.test_various_ops,
// ThreadTests.test_enumerate_after_join.
func TestLifecycle(t *testing.T) {
	release := make(chan struct{})
	th := thread.New(func() { <-release })
	if th.IsAlive() || th.Ident() != 0 || th.NativeID() != 0 {
		t.Fatalf("before Start: IsAlive %v, Ident %d, NativeID %d; want false, 0, 0", th.IsAlive(), th.Ident(), th.NativeID())
	}
	if contains(thread.Enumerate(), th) {
		t.Fatal("an unstarted thread is listed by Enumerate")
	}
	th.Start()
	if !th.IsAlive() || !contains(thread.Enumerate(), th) {
		t.Fatal("right after Start the thread must be alive and listed")
	}
	id := th.Ident()
	if id <= 0 || th.NativeID() != id {
		t.Fatalf("Ident() = %d, NativeID() = %d; want the same positive ID", id, th.NativeID())
	}
	close(release)
	for range 100 {
		th.Join()
		if contains(thread.Enumerate(), th) {
			t.Fatal("a joined thread is still listed by Enumerate")
		}
	}
	if th.IsAlive() || th.Ident() != id {
		t.Fatalf("after Join: IsAlive %v, Ident %d; want false, %d", th.IsAlive(), th.Ident(), id)
	}
	// MF-06 under churn, as CPython's test repeats it.
	for range 100 {
		th := thread.New(worker)
		th.Start()
		th.Join()
		if contains(thread.Enumerate(), th) {
			t.Fatal("a joined thread is still listed by Enumerate")
		}
	}
}

func contains(ts []*thread.Thread, t *thread.Thread) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}

// TH-20, TH-21, MF-07; CPython: ThreadTests.test_various_ops.
func TestIdentsAreDistinct(t *testing.T) {
	release := make(chan struct{})
	inside := make(chan [2]int64, 10)
	var threads []*thread.Thread
	for range 10 {
		th := thread.New(func() {
			inside <- [2]int64{thread.GetIdent(), thread.CurrentThread().Ident()}
			<-release
		})
		th.Start()
		threads = append(threads, th)
	}
	seen := map[int64]bool{thread.MainThread().NativeID(): true}
	for _, th := range threads {
		id := th.NativeID()
		if seen[id] {
			t.Fatalf("native ID %d is not distinct", id)
		}
		seen[id] = true
	}
	for range 10 {
		ids := <-inside
		if ids[0] != ids[1] || !seen[ids[0]] {
			t.Errorf("inside a thread GetIdent() = %d, CurrentThread().Ident() = %d; want equal and one of the threads' idents", ids[0], ids[1])
		}
	}
	close(release)
	for _, th := range threads {
		th.Join()
	}
}

// TH-22; CPython: ThreadTests.test_various_ops, ThreadTests.test_repr_daemon.
func TestString(t *testing.T) {
	asMain(t, func() {
		release := make(chan struct{})
		th := thread.New(func() { <-release }, thread.Name("w"))
		d := thread.New(nil, thread.Daemon(true))
		if got := th.String(); got != "<Thread(w, initial)>" {
			t.Errorf("String() = %q before start", got)
		}
		if got := d.String(); got != "<Thread(Thread-1, initial daemon)>" {
			t.Errorf("String() = %q for a daemon", got)
		}
		th.Start()
		id := th.Ident()
		if got, want := th.String(), fmt.Sprintf("<Thread(w, started %d)>", id); got != want {
			t.Errorf("String() = %q; want %q", got, want)
		}
		close(release)
		th.Join()
		if got, want := th.String(), fmt.Sprintf("<Thread(w, stopped %d)>", id); got != want {
			t.Errorf("String() = %q; want %q", got, want)
		}
		main := thread.MainThread()
		if got, want := main.String(), fmt.Sprintf("<_MainThread(MainThread, started %d)>", main.Ident()); got != want {
			t.Errorf("String() = %q; want %q", got, want)
		}
		if got := thread.NewTimer(time.Second, nil).String(); got != "<Timer(Thread-2, initial)>" {
			t.Errorf("Timer String() = %q", got)
		}
	})
	done := make(chan string)
	go func() { done <- thread.CurrentThread().String() }()
	if got := <-done; !regexp.MustCompile(`^<_DummyThread\(Dummy-\d+, started daemon \d+\)>$`).MatchString(got) {
		t.Errorf("dummy String() = %q", got)
	}
}

// TH-19, TH-22; CPython: ThreadTests.test_repr_stopped. "stopped" shows
// in String once the target has returned, without a Join.
func TestStringStoppedWithoutJoin(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		release := make(chan struct{})
		th := thread.New(func() { <-release })
		th.Start()
		if s := th.String(); !strings.Contains(s, "started") {
			t.Errorf("String() = %q while running; want it to say started", s)
		}
		close(release)
		synctest.Wait()
		if s := th.String(); !strings.Contains(s, "stopped") {
			t.Errorf("String() = %q after the target returned; want it to say stopped", s)
		}
		th.Join()
	})
}

// TH-23, TH-24, TH-25; CPython: ThreadTests.test_daemon_param,
// ThreadingExceptionTests.test_daemonize_active_thread.
func TestDaemon(t *testing.T) {
	asMain(t, func() {
		if thread.New(nil).Daemon() {
			t.Error("a thread created by the main thread is a daemon")
		}
		if !thread.New(nil, thread.Daemon(true)).Daemon() {
			t.Error("Daemon(true) ignored")
		}
		inherited := make(chan [2]bool, 1)
		d := thread.New(func() {
			inherited <- [2]bool{thread.New(nil).Daemon(), thread.New(nil, thread.Daemon(false)).Daemon()}
		}, thread.Daemon(true))
		d.Start()
		d.Join()
		if got := <-inherited; got != [2]bool{true, false} {
			t.Errorf("inside a daemon thread: default %v, Daemon(false) %v; want true, false", got[0], got[1])
		}
		th := thread.New(nil)
		th.SetDaemon(true)
		if !th.Daemon() {
			t.Error("SetDaemon(true) before Start ignored")
		}
		th.Start()
		th.Join()
		const msg = "thread: cannot set daemon status of active thread (Python: RuntimeError)"
		mustPanic(t, msg, func() { th.SetDaemon(false) })
		mustPanic(t, msg, func() { thread.MainThread().SetDaemon(true) })
		if thread.MainThread().Daemon() {
			t.Error("MainThread().Daemon() = true") // MF-04
		}
	})
	// From a goroutine pyconc did not start: a dummy thread, which is a daemon.
	got := make(chan bool)
	go func() { got <- thread.New(nil).Daemon() }()
	if !<-got {
		t.Error("a thread created by a foreign goroutine is not a daemon")
	}
}

// TH-27; CPython: ThreadingExceptionTests.test_bare_raise_in_brand_new_thread
// (which overrides run). The Go form of a Thread subclass is a struct whose
// Run method is the target.
type squares struct {
	self   *thread.Thread
	isSelf bool
	n      int
}

func (s *squares) Run() {
	s.isSelf = thread.CurrentThread() == s.self
	s.n = 7 * 7
}

func TestRunMethodIdiom(t *testing.T) {
	s := &squares{}
	s.self = thread.New(s.Run)
	s.self.Start()
	s.self.Join()
	if !s.isSelf || s.n != 49 {
		t.Errorf("inside Run: CurrentThread() is the thread: %v, n = %d; want true, 49", s.isSelf, s.n)
	}
	// Run without Start runs in the caller, with no concurrency.
	r := &squares{}
	r.self = thread.New(r.Run)
	r.self.Run()
	if r.n != 49 || r.isSelf || r.self.IsAlive() {
		t.Errorf("Run() direct: n = %d, isSelf %v, alive %v; want 49, false, false", r.n, r.isSelf, r.self.IsAlive())
	}
}

// TH-29; CPython: ThreadTests.test_no_refcycle_through_target.
func TestTargetReleasedAfterRun(t *testing.T) {
	for _, panics := range []bool{false, true} {
		restore := thread.SetExceptHook(func(thread.ExceptHookArgs) {})
		big := new([1 << 16]byte)
		wp := weak.Make(big)
		th := thread.New(func() {
			big[0] = 1
			if panics {
				panic("boom")
			}
		})
		big = nil
		th.Start()
		th.Join()
		restore()
		runtime.GC()
		runtime.GC()
		if wp.Value() != nil {
			t.Errorf("panics=%v: the target's captured value is still reachable after Join", panics)
		}
		runtime.KeepAlive(th)
	}
}

// TH-26; CPython: ThreadJoinOnShutdown.test_1_join_on_shutdown,
// ThreadTests.test_join_nondaemon_on_shutdown, test_4_daemon_threads.
func TestShutdownWaitsForNonDaemonThreads(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		asMain(t, func() {
			var mu sync.Mutex
			var log []string
			say := func(s string) {
				mu.Lock()
				defer mu.Unlock()
				log = append(log, s)
			}
			mainJoined := make(chan struct{})
			thread.New(func() {
				time.Sleep(time.Second)
				say("worker done")
				// A thread started during Shutdown's wait is waited for too.
				thread.New(func() { time.Sleep(time.Second); say("late worker done") }).Start()
			}).Start()
			thread.New(func() {
				thread.MainThread().Join() // released when Shutdown begins
				say("main joined")
				close(mainJoined)
			}).Start()
			thread.New(func() { time.Sleep(time.Hour); say("daemon done") }, thread.Daemon(true)).Start()
			start := time.Now()
			thread.Shutdown()
			if d := time.Since(start); d != 2*time.Second {
				t.Errorf("Shutdown returned after %v; want 2s", d)
			}
			<-mainJoined
			mu.Lock()
			got := log
			mu.Unlock()
			if diff := cmp.Diff([]string{"main joined", "worker done", "late worker done"}, got); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
			if thread.MainThread().IsAlive() || thread.CurrentThread() != thread.MainThread() {
				t.Error("after Shutdown the main thread must be stopped, and still be the current thread (MF-03)")
			}
			thread.Shutdown() // again: nothing left to wait for
		})
		time.Sleep(2 * time.Hour) // let the daemon finish inside the bubble
	})
}

// Shutdown called from a non-daemon thread does not wait for itself.
func TestShutdownFromNonDaemonThread(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		asMain(t, func() {
			th := thread.New(func() {
				other := thread.New(func() { time.Sleep(time.Second) })
				other.Start()
				start := time.Now()
				thread.Shutdown()
				if d := time.Since(start); d != time.Second {
					t.Errorf("Shutdown in a thread returned after %v; want 1s", d)
				}
			})
			th.Start()
			th.Join()
		})
	})
}

// MF-01, MF-02, MF-03, MF-05; CPython: ThreadTests.test_main_thread,
// ThreadTests.test_foreign_thread.
func TestCurrentMainAndDummyThreads(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		asMain(t, func() {
			main := thread.MainThread()
			if thread.CurrentThread() != main || main.Name() != "MainThread" || main.Ident() != thread.GetIdent() {
				t.Fatalf("in main: CurrentThread() = %v, MainThread() = %v, GetIdent() = %d", thread.CurrentThread(), main, thread.GetIdent())
			}
			// Counts are taken of the threads that are not dummies: a
			// goroutine of an earlier test that became a dummy thread may
			// end, and be pruned, while this test runs.
			agree := false
			for range 10 { // the same straggler can end between the two calls
				if thread.ActiveCount() == len(thread.Enumerate()) {
					agree = true
					break
				}
			}
			if !agree {
				t.Fatalf("ActiveCount() = %d, len(Enumerate()) = %d", thread.ActiveCount(), len(thread.Enumerate()))
			}
			base := nonDummies()
			release := make(chan struct{})
			dummy := make(chan *thread.Thread)
			go func() {
				dummy <- thread.CurrentThread()
				<-release
			}()
			d := <-dummy
			if !strings.HasPrefix(d.Name(), "Dummy-") || !d.Daemon() || !d.IsAlive() || d == main || d.Ident() == main.Ident() {
				t.Fatalf("foreign goroutine: %v; want an alive daemon Dummy-N distinct from main", d)
			}
			if got := nonDummies(); got != base || !contains(thread.Enumerate(), d) {
				t.Fatalf("with one dummy: %d other threads (want %d), the dummy listed: %v", got, base, contains(thread.Enumerate(), d))
			}
			close(release)
			synctest.Wait() // the goroutine has ended
			// Python never deletes dummy threads; pyconc drops one once its
			// goroutine has ended, which Enumerate notices.
			if listed := contains(thread.Enumerate(), d); listed || d.IsAlive() {
				t.Fatalf("after the dummy's goroutine ended: listed %v, alive %v; want neither", listed, d.IsAlive())
			}
		})
	})
}

// nonDummies counts the listed threads that are not dummy threads.
func nonDummies() int {
	n := 0
	for _, th := range thread.Enumerate() {
		if !strings.HasPrefix(th.Name(), "Dummy-") {
			n++
		}
	}
	return n
}

// Many dummy threads from short-lived goroutines do not accumulate.
func TestDummyThreadsArePruned(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const n = 1000
		made := make(chan *thread.Thread, n)
		for range n {
			go func() { made <- thread.CurrentThread() }()
		}
		synctest.Wait()
		mine := make(map[*thread.Thread]bool)
		for range n {
			mine[<-made] = true
		}
		left := 0
		for _, th := range thread.Enumerate() {
			if mine[th] {
				left++
			}
		}
		if left != 0 {
			t.Fatalf("Enumerate lists %d of %d dummy threads whose goroutines ended; want 0", left, n)
		}
	})
}

// Dummy threads registered while another goroutine prunes are never
// dropped while their goroutines live, nor left behind once they end.
// The test counts its own dummies in Enumerate, not ActiveCount against a
// base: a goroutine of an earlier test (a dummy thread too, if it used a
// Local) may end, and be pruned, while this one runs.
func TestDummyPruningRacesRegistration(t *testing.T) {
	for range 10 {
		synctest.Test(t, func(t *testing.T) {
			const n = 40
			release := make(chan struct{})
			dummies := make(chan *thread.Thread, n)
			for range n {
				go func() {
					dummies <- thread.CurrentThread()
					<-release
				}()
				if len(dummies)%4 == 0 {
					go thread.ActiveCount() // prunes concurrently
				}
			}
			mine := make(map[*thread.Thread]bool)
			for range n {
				d := <-dummies
				if !d.IsAlive() {
					t.Fatalf("%v dropped while its goroutine runs", d)
				}
				mine[d] = true
			}
			listed := func() int {
				k := 0
				for _, th := range thread.Enumerate() {
					if mine[th] {
						k++
					}
				}
				return k
			}
			synctest.Wait()
			got := listed()
			close(release)
			if got != n {
				t.Fatalf("Enumerate lists %d of %d live dummies", got, n)
			}
			synctest.Wait()
			if got := listed(); got != 0 {
				t.Fatalf("Enumerate lists %d dummies after their goroutines ended; want 0", got)
			}
		})
	}
}

// TH-18, TH-20, TH-17: a goroutine that sees a thread alive while another
// may still be inside Start gets its ident (not 0), and a Join from it waits
// for the end of the target, in every ordering of the three goroutines.
func TestStartRacesIdentAndJoin(t *testing.T) {
	for range 2000 {
		release := make(chan struct{})
		var finished bool
		th := thread.New(func() {
			<-release
			finished = true
		})
		var wg sync.WaitGroup
		var startReturned atomic.Bool
		wg.Go(func() { th.Start(); startReturned.Store(true) })
		var ident int64
		var sawFinished bool
		wg.Go(func() {
			// Alive, or already ended once Start has returned.
			for !th.IsAlive() && !startReturned.Load() {
				runtime.Gosched()
			}
			ident = th.Ident()
			th.Join()
			sawFinished = finished
		})
		close(release)
		wg.Wait()
		if ident == 0 || !sawFinished {
			t.Fatalf("seen alive during Start: Ident() = %d, Join returned before the target ended: %v", ident, !sawFinished)
		}
	}
}
