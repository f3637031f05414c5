package thread

import (
	"sync"
	"sync/atomic"

	"github.com/pyconc/pyconc/internal/atexit"
	"github.com/pyconc/pyconc/internal/goid"
)

var (
	live   atomic.Int64 // non-daemon threads started and not yet stopped
	idleMu sync.Mutex
	idle   []shutdownWaiter // Shutdown calls waiting for live to drop
	nidle  atomic.Int32     // len(idle), read without idleMu
)

// shutdownWaiter is one Shutdown call waiting until at most limit
// non-daemon threads are alive (limit is 1 when the caller is one of them).
type shutdownWaiter struct {
	limit int64
	ready chan struct{}
}

// Shutdown does what the Python interpreter does when the main thread
// finishes: it marks the main thread as ended, which releases any thread
// waiting in MainThread().Join(); it shuts down every executor of package
// futures that is still running, letting the work already submitted to it
// finish, as Python's concurrent.futures does at exit (EX-22); and then it
// waits until every non-daemon thread has ended, including threads started
// while it waits (TH-26).
// Daemon threads are not waited for; they stop when main returns, which
// is how Python abandons them.
//
// Go ends a program when main returns, whatever its goroutines are doing,
// so a program that wants Python's behaviour calls it first:
//
//	func main() {
//		defer thread.Shutdown()
//		...
//	}
//
// Called from a non-daemon thread, Shutdown does not wait for that thread
// itself. It may be called more than once.
//
// Python: threading._shutdown (run by the interpreter at exit).
func Shutdown() {
	if m := main.Load(); m.finish() {
		removeAlive(m)
	}
	atexit.Run()
	var limit int64
	if t := lookup(goid.Current()); t != nil && (t.kind == regular || t.kind == timerThread) && t.IsAlive() && !t.Daemon() {
		limit = 1
	}
	if live.Load() <= limit {
		return
	}
	w := shutdownWaiter{limit: limit, ready: make(chan struct{})}
	idleMu.Lock()
	idle = append(idle, w)
	nidle.Add(1)
	idleMu.Unlock()
	wakeShutdown() // in case the last thread left before we were listed
	<-w.ready
}

// wakeShutdown releases the Shutdown calls whose wait is over. A stopping
// thread decrements live and then checks nidle; Shutdown increments nidle
// and then checks live: with sequentially consistent atomics one of them
// sees the other, so no wake-up is lost.
func wakeShutdown() {
	if nidle.Load() == 0 {
		return
	}
	idleMu.Lock()
	defer idleMu.Unlock()
	n := live.Load()
	kept := idle[:0]
	for _, w := range idle {
		if n <= w.limit {
			close(w.ready)
		} else {
			kept = append(kept, w)
		}
	}
	clear(idle[len(kept):])
	idle = kept
	nidle.Store(int32(len(idle)))
}
