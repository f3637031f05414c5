package thread_test

import (
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/pyconc/pyconc/thread"
)

// TM-01: the function runs once, after the interval, in the timer's thread.
func TestTimerFires(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		var at time.Duration
		var in *thread.Thread
		calls := 0
		tm := thread.NewTimer(3*time.Second, func() {
			calls++
			at = time.Since(start)
			in = thread.CurrentThread()
		})
		tm.Start()
		tm.Join()
		if calls != 1 || at != 3*time.Second || in != tm.Thread {
			t.Errorf("function called %d times, at %v, in %v; want once, at 3s, in the timer's thread", calls, at, in)
		}
		tm.Cancel() // TM-05: after it fired, a no-op
	})
}

// TM-03: cancelled while waiting, the function never runs and the thread
// ends at once.
func TestTimerCancel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var calls atomic.Int32
		tm := thread.NewTimer(10*time.Second, func() { calls.Add(1) })
		tm.Start()
		time.Sleep(time.Second)
		start := time.Now()
		tm.Cancel()
		tm.Join()
		if d := time.Since(start); d != 0 || calls.Load() != 0 {
			t.Errorf("after Cancel: joined after %v, %d calls; want 0s, 0", d, calls.Load())
		}
		tm.Cancel() // twice is fine
	})
}

// TM-04: cancelled before Start, a started timer runs nothing.
func TestTimerCancelBeforeStart(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		calls := 0
		tm := thread.NewTimer(time.Second, func() { calls++ })
		tm.Cancel()
		start := time.Now()
		tm.Start()
		tm.Join()
		if calls != 0 || time.Since(start) != 0 {
			t.Errorf("calls = %d, joined after %v; want 0, 0s", calls, time.Since(start))
		}
	})
}

// Cancel racing with the interval's end: the function runs at most once,
// and exactly once when Cancel comes too late.
func TestTimerCancelRace(t *testing.T) {
	for range 200 {
		var calls atomic.Int32
		tm := thread.NewTimer(0, func() { calls.Add(1) })
		tm.Start()
		tm.Cancel()
		tm.Join()
		if n := calls.Load(); n > 1 {
			t.Fatalf("function ran %d times", n)
		}
	}
}

// TM-06: daemon inherited like any thread; options apply.
func TestTimerOptions(t *testing.T) {
	tm := thread.NewTimer(time.Second, nil, thread.Name("alarm"), thread.Daemon(true))
	if tm.Name() != "alarm" || !tm.Daemon() {
		t.Errorf("Name() = %q, Daemon() = %v; want alarm, true", tm.Name(), tm.Daemon())
	}
}

// Cancel at the very instant the interval ends: the function runs at most
// once, the thread ends, and a later Cancel is a no-op.
func TestTimerCancelAtInterval(t *testing.T) {
	for i := range 100 {
		synctest.Test(t, func(t *testing.T) {
			var calls atomic.Int32
			tm := thread.NewTimer(time.Second, func() { calls.Add(1) })
			tm.Start()
			if i%2 == 0 {
				time.Sleep(time.Second)
				tm.Cancel()
			} else {
				time.AfterFunc(time.Second, tm.Cancel)
			}
			tm.Join()
			if n := calls.Load(); n > 1 {
				t.Fatalf("function ran %d times", n)
			}
			tm.Cancel()
		})
	}
}

// A panic in the function goes to ExceptHook, as for any thread, and
// Cancel from inside the function is a no-op.
func TestTimerFunctionPanicsAndCancels(t *testing.T) {
	got := make(chan any, 1)
	restore := thread.SetExceptHook(func(a thread.ExceptHookArgs) { got <- a.Value })
	defer restore()
	var tm *thread.Timer
	tm = thread.NewTimer(0, func() {
		tm.Cancel()
		panic("tick")
	})
	tm.Start()
	tm.Join()
	if v := <-got; v != "tick" {
		t.Errorf("ExceptHook got %v; want the function's panic", v)
	}
	if tm.IsAlive() {
		t.Error("the timer's thread is alive after Join")
	}
}
