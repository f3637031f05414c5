package mp_test

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pyconc/pyconc/mp"
	"github.com/pyconc/pyconc/thread"
)

// The synchronisation types are thread's, not copies.
func TestSyncAliases(t *testing.T) {
	var _ *thread.Lock = mp.NewLock()
	var _ *thread.RLock = mp.NewRLock()
	var _ *thread.Semaphore = mp.NewSemaphore(1)
	var _ *thread.BoundedSemaphore = mp.NewBoundedSemaphore(1)
	var _ *thread.Event = mp.NewEvent()
	var _ *thread.Condition = mp.NewCondition(nil)
	var _ *thread.Barrier = mp.NewBarrier(1)
	if mp.ErrBrokenBarrier != thread.ErrBrokenBarrier {
		t.Error("ErrBrokenBarrier is not thread.ErrBrokenBarrier")
	}
}

// MS-01: acquire, try, release; releasing an unlocked Lock panics with
// thread's text (RuntimeError), where multiprocessing raises
// ValueError("semaphore or lock released too many times").
// CPython: Lib/test/_test_multiprocessing.py _TestLock.test_lock.
func TestLock(t *testing.T) {
	l := mp.NewLock()
	l.Acquire()
	var tried bool
	run(func() { tried = l.TryAcquire() })
	if tried {
		t.Error("TryAcquire() in another process = true on a held lock")
	}
	l.Release()
	mustPanic(t, "thread: release unlocked lock (Python: RuntimeError)", l.Release)
}

// MS-02: Python's acquire(False, 1) is TryAcquire (no timeout form);
// AcquireTimeout with a negative duration panics, as threading's does,
// where multiprocessing treats it as zero.
func TestLockNegativeTimeout(t *testing.T) {
	l := mp.NewLock()
	l.Acquire()
	defer l.Release()
	if l.TryAcquire() {
		t.Error("TryAcquire() = true on a held lock")
	}
	mustPanic(t, "thread: timeout value must be positive (Python: ValueError)", func() { l.AcquireTimeout(-time.Second) })
	if l.AcquireTimeout(0) {
		t.Error("AcquireTimeout(0) = true on a held lock")
	}
}

// MS-03: a Lock has no owner: another process may release it.
func TestLockReleasedByAnotherProcess(t *testing.T) {
	l := mp.NewLock()
	l.Acquire()
	run(l.Release)
	if l.Locked() {
		t.Error("still locked after another process released it")
	}
}

// MS-04: RLock is recursive; a process that does not own it cannot
// release it (thread's RuntimeError text; Python's test accepts either).
// CPython: _TestLock.test_rlock.
func TestRLock(t *testing.T) {
	r := mp.NewRLock()
	r.Acquire()
	r.Acquire()
	r.Acquire()
	var got any
	run(func() {
		defer func() { got = recover() }()
		r.Release()
	})
	if want := "thread: cannot release un-acquired lock (Python: RuntimeError)"; got != want {
		t.Errorf("release from another process: panic %v; want %q", got, want)
	}
	r.Release()
	r.Release()
	r.Release()
	mustPanic(t, "thread: cannot release un-acquired lock (Python: RuntimeError)", r.Release)
}

// MS-05: String is thread's form, not multiprocessing's
// "<Lock(owner=None)>", "<RLock(MainProcess, 2)>".
func TestLockString(t *testing.T) {
	l := mp.NewLock()
	if got := l.String(); got != "<unlocked thread.Lock>" {
		t.Errorf("String() = %s", got)
	}
	l.Acquire()
	if got := l.String(); got != "<locked thread.Lock>" {
		t.Errorf("String() = %s", got)
	}
	r := mp.NewRLock()
	if got := r.String(); got != "<unlocked thread.RLock owner=0 count=0>" {
		t.Errorf("String() = %s", got)
	}
}

// MS-06: Python's with lock: is Acquire and defer Release.
// CPython: _TestLock.test_lock_context.
func TestLockDefer(t *testing.T) {
	l := mp.NewLock()
	func() {
		l.Acquire()
		defer l.Release()
		if !l.Locked() {
			t.Error("not locked inside")
		}
	}()
	if l.Locked() {
		t.Error("locked after the block")
	}
}

// MS-07, MS-09: Semaphore counts down and up past its initial value;
// Release takes no count, ReleaseN(n) is threading's release(n).
// CPython: _TestSemaphore.test_semaphore.
func TestSemaphore(t *testing.T) {
	s := mp.NewSemaphore(2)
	var got []int
	got = append(got, s.Value())
	run(s.Acquire)
	got = append(got, s.Value())
	s.Acquire()
	got = append(got, s.Value())
	if s.TryAcquire() {
		t.Error("TryAcquire() = true at 0")
	}
	s.Release()
	s.Release()
	s.Release()
	got = append(got, s.Value())
	run(s.Release)
	got = append(got, s.Value())
	s.ReleaseN(2)
	got = append(got, s.Value())
	if diff := cmp.Diff([]int{2, 1, 0, 3, 4, 6}, got); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}
}

// MS-08: Semaphore(0) refuses at once and times out after the duration.
// CPython: _TestSemaphore.test_timeout.
func TestSemaphoreTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := mp.NewSemaphore(0)
		start := time.Now()
		if s.TryAcquire() || s.AcquireTimeout(0) || time.Since(start) != 0 {
			t.Error("TryAcquire or AcquireTimeout(0) succeeded or waited")
		}
		var ok bool
		p := mp.NewProcess(func() { ok = s.AcquireTimeout(100 * time.Millisecond) })
		p.Start()
		p.Join()
		if ok || time.Since(start) != 100*time.Millisecond {
			t.Errorf("AcquireTimeout(100ms) = %v after %v; want false after 100ms", ok, time.Since(start))
		}
	})
}

// MS-10: BoundedSemaphore over-release panics with thread's text (Python's
// multiprocessing text is "semaphore or lock released too many times");
// String is thread's.
// CPython: _TestSemaphore.test_bounded_semaphore.
func TestBoundedSemaphore(t *testing.T) {
	s := mp.NewBoundedSemaphore(2)
	if got := s.String(); got != "<thread.BoundedSemaphore value=2/2>" {
		t.Errorf("String() = %s", got)
	}
	s.Acquire()
	run(s.Release)
	mustPanic(t, "thread: Semaphore released too many times (Python: ValueError)", s.Release)
}

// MS-11: Event: waits time out; a set Event answers at once; a child's
// Set wakes the parent.
// CPython: _TestEvent.test_event, test_repr.
func TestEvent(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := mp.NewEvent()
		start := time.Now()
		if e.IsSet() || e.WaitTimeout(0) || e.WaitTimeout(time.Second) || time.Since(start) != time.Second {
			t.Errorf("unset Event: IsSet, WaitTimeout(0) or WaitTimeout(1s) true, or took %v", time.Since(start))
		}
		if got := e.String(); got != "<thread.Event: unset>" {
			t.Errorf("String() = %s", got)
		}
		p := mp.NewProcess(func() {
			time.Sleep(time.Second)
			e.Set()
		})
		p.Start()
		e.Wait()
		if time.Since(start) != 2*time.Second {
			t.Errorf("woken after %v; want 2s", time.Since(start))
		}
		p.Join()
		if !e.WaitTimeout(time.Second) || time.Since(start) != 2*time.Second || e.String() != "<thread.Event: set>" {
			t.Error("set Event: WaitTimeout false or waited")
		}
	})
}

// MS-12: Condition misuse panics with thread's texts (multiprocessing:
// AssertionError "must acquire() condition before using wait()", "lock
// is not owned"); waits time out; NotifyN and NotifyAll wake exactly that
// many of a mixed set of thread and process waiters.
// CPython: _TestCondition.test_notify, test_notify_all, test_notify_n,
// test_timeout.
func TestCondition(t *testing.T) {
	c := mp.NewCondition(nil)
	mustPanic(t, "thread: cannot wait on un-acquired lock (Python: RuntimeError)", c.Wait)
	mustPanic(t, "thread: cannot notify on un-acquired lock (Python: RuntimeError)", c.Notify)
	synctest.Test(t, func(t *testing.T) {
		c := mp.NewCondition(mp.NewLock())
		start := time.Now()
		c.Acquire()
		if c.WaitTimeout(0) || c.WaitTimeout(100*time.Millisecond) || time.Since(start) != 100*time.Millisecond {
			t.Error("WaitTimeout true, or wrong duration")
		}
		c.Release()

		var woken atomic.Int32
		waiter := func() {
			c.Acquire()
			c.Wait()
			woken.Add(1)
			c.Release()
		}
		var procs []*mp.Process
		var threads []*thread.Thread
		for range 3 {
			p := mp.NewProcess(waiter)
			p.Start()
			procs = append(procs, p)
			th := thread.New(waiter)
			th.Start()
			threads = append(threads, th)
		}
		synctest.Wait()
		var got []int32
		for _, n := range []int{1, 2} {
			c.Acquire()
			c.NotifyN(n)
			c.Release()
			synctest.Wait()
			got = append(got, woken.Load())
		}
		c.Acquire()
		c.NotifyAll()
		c.Release()
		synctest.Wait()
		got = append(got, woken.Load())
		c.Acquire()
		c.NotifyN(3) // nobody left: nothing happens
		c.Release()
		for _, p := range procs {
			p.Join()
		}
		for _, th := range threads {
			th.Join()
		}
		if diff := cmp.Diff([]int32{1, 3, 6}, got); diff != "" {
			t.Errorf("woken (-want +got):\n%s", diff)
		}
	})
}

// MS-13: WaitFor with and without a timeout, the predicate on state a
// child process changes.
// CPython: _TestCondition.test_waitfor, test_waitfor_timeout.
func TestConditionWaitFor(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := mp.NewCondition(nil)
		state := 0
		p := mp.NewProcess(func() {
			for range 4 {
				time.Sleep(10 * time.Millisecond)
				c.Acquire()
				state++
				c.Notify()
				c.Release()
			}
		})
		p.Start()
		c.Acquire()
		if c.WaitForTimeout(func() bool { return state == 4 }, 20*time.Millisecond) {
			t.Error("WaitForTimeout true before the child finished")
		}
		c.WaitFor(func() bool { return state == 4 })
		c.Release()
		p.Join()
	})
}

// MS-14: Barrier: five processes pass it many times in order, the action
// runs once per round, and Abort breaks it with ErrBrokenBarrier.
// CPython: _TestBarrier.test_thousand, test_action, test_abort,
// test_single_thread.
func TestBarrier(t *testing.T) {
	const parties = 5
	rounds := 1000
	if testing.Short() {
		rounds = 100
	}
	var actions atomic.Int32
	b := mp.NewBarrier(parties, thread.Action(func() { actions.Add(1) }))
	var mu sync.Mutex
	var log []int
	var ps []*mp.Process
	for range parties {
		p := mp.NewProcess(func() {
			for i := range rounds {
				mu.Lock()
				log = append(log, i)
				mu.Unlock()
				if _, err := b.Wait(); err != nil {
					panic(err)
				}
			}
		})
		p.Start()
		ps = append(ps, p)
	}
	for _, p := range ps {
		p.Join()
		if code, _ := p.ExitCode(); code != 0 {
			t.Fatalf("exit code %d", code)
		}
	}
	for i, v := range log {
		if v != i/parties {
			t.Fatalf("log[%d] = %d: a process passed the barrier early", i, v)
		}
	}
	if got := actions.Load(); got != int32(rounds) {
		t.Errorf("action ran %d times; want %d", got, rounds)
	}
	if i, err := mp.NewBarrier(1).Wait(); i != 0 || err != nil {
		t.Errorf("Barrier(1).Wait() = %d, %v", i, err)
	}
	synctest.Test(t, func(t *testing.T) {
		a := mp.NewBarrier(2)
		var werr error
		p := mp.NewProcess(func() { _, werr = a.Wait() })
		p.Start()
		synctest.Wait()
		a.Abort()
		p.Join()
		if !errors.Is(werr, mp.ErrBrokenBarrier) {
			t.Errorf("Wait after Abort = %v; want ErrBrokenBarrier", werr)
		}
		a.Reset()
		if a.Broken() {
			t.Error("broken after Reset")
		}
		// Timeouts: a process alone at a two-party barrier breaks it.
		start := time.Now()
		tb := mp.NewBarrier(2, thread.Timeout(time.Second))
		q := mp.NewProcess(func() { _, werr = tb.Wait() })
		q.Start()
		q.Join()
		if !errors.Is(werr, mp.ErrBrokenBarrier) || time.Since(start) != time.Second {
			t.Errorf("Wait with a default timeout = %v after %v; want ErrBrokenBarrier after 1s", werr, time.Since(start))
		}
	})
}
