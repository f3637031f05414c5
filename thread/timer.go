package thread

import (
	"sync"
	"time"
)

// A Timer is a [Thread] that calls a function once, after an interval,
// unless cancelled first. Start it with Start, as any thread; it has every
// method of Thread.
//
// Python: threading.Timer.
type Timer struct {
	*Thread
	interval time.Duration
	function func()

	once     sync.Once     // decides between firing and Cancel
	finished chan struct{} // closed by Cancel, or after function returns
}

// NewTimer returns a timer that, once started, waits for interval and then
// calls function in its own goroutine (TM-01). Its thread is named
// "Thread-N", with no target suffix (TM-06), unless the [Name] option is
// given; its daemon flag is inherited as for [New].
//
// Python: threading.Timer.
func NewTimer(interval time.Duration, function func(), opts ...Option) *Timer {
	tm := &Timer{interval: interval, function: function, finished: make(chan struct{})}
	tm.Thread = New(tm.fire, opts...)
	tm.Thread.kind = timerThread
	tm.Thread.targetPC = 0 // a Timer's default name has no "(target)" suffix
	return tm
}

// fire is the timer thread's target.
func (tm *Timer) fire() {
	t := time.NewTimer(tm.interval)
	defer t.Stop()
	select {
	case <-tm.finished:
		return
	case <-t.C:
	}
	fired := false
	tm.once.Do(func() { fired = true })
	if fired {
		defer close(tm.finished)
		if tm.function != nil {
			tm.function()
		}
	}
}

// Cancel stops the timer if it is still waiting: the function is never
// called, and the timer's thread ends at once (TM-03). Cancelling before
// Start means a later Start runs nothing (TM-04); cancelling after the
// function was called, or twice, does nothing (TM-05).
//
// Python: threading.Timer.cancel.
func (tm *Timer) Cancel() {
	tm.once.Do(func() { close(tm.finished) })
}
