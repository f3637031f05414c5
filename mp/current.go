package mp

import (
	"cmp"
	"crypto/rand"
	"os"
	"runtime"
	"slices"
	"sync/atomic"

	"github.com/pyconc/pyconc/internal/owner"
	"github.com/pyconc/pyconc/internal/testhook"
)

var (
	mainPid  = os.Getpid()
	mainProc atomic.Pointer[Process]
)

func init() {
	mainProc.Store(newMainProcess())
	// Example tests that become main get a fresh MainProcess too, so that
	// their first process is Process-1 (internal/testhook).
	if becomeMainThread := testhook.BecomeMain; becomeMainThread != nil {
		testhook.BecomeMain = func() (restore func()) {
			restoreThread := becomeMainThread()
			old := mainProc.Swap(newMainProcess())
			restoreMethod := resetStartMethod()
			return func() {
				restoreMethod()
				mainProc.Store(old)
				restoreThread()
			}
		}
	}
}

// newMainProcess returns a MainProcess: alive, not a daemon, with a new
// random authentication key (MP-22).
func newMainProcess() *Process {
	p := &Process{main: true, name: "MainProcess", nameSet: true, method: defaultContext()}
	p.own.p = p
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	p.authkey.Store(&key)
	p.state.Store(started)
	p.popen = &p.g
	p.g.p = p
	p.g.ch = make(chan struct{})
	return p
}

// CurrentProcess returns the process the calling goroutine runs in: the
// Process whose target it runs, or in whose target the thread.Thread it
// runs was started, however deeply nested (threads inherit their
// process from the thread that creates them); otherwise MainProcess, named
// "MainProcess" (MP-22). A goroutine started with a plain go statement
// belongs to no process pyconc knows of and reports MainProcess, wherever
// it was started. The workers of a [Pool] and of a futures executor are
// threads, so they report the process that started them (Python's pool
// workers are processes of their own, ForkPoolWorker-N).
//
// Inside a process's own goroutine, thread.CurrentThread returns that
// process's main thread: a thread named "MainThread", not a daemon, not
// thread.MainThread and not listed by thread.Enumerate, as a child's
// threads are not listed in its parent.
//
// Python: multiprocessing.current_process.
func CurrentProcess() *Process {
	if o, ok := owner.Current().(*owned); ok {
		return o.p
	}
	return mainProc.Load()
}

// ParentProcess returns the process that created the current one: nil in
// MainProcess (MP-23), MainProcess in a process it created. Its IsAlive
// turns false once it has ended, and JoinTimeout on it works.
//
// Python: multiprocessing.parent_process.
func ParentProcess() *Process { return CurrentProcess().parent }

// ActiveChildren returns the children of the current process that are
// alive: started, not yet ended, in the order they were created. A child
// leaves the list as it ends (MP-24); Python's "reaping" has nothing left
// to do.
//
// Python: multiprocessing.active_children.
func ActiveChildren() []*Process {
	cs := CurrentProcess().liveChildren()
	// One that has its exit code, but has not yet left the list, has ended.
	return slices.DeleteFunc(cs, func(c *Process) bool {
		_, ended := c.popen.poll()
		return ended
	})
}

// CPUCount returns the number of logical CPUs of the machine,
// runtime.NumCPU (MP-25). How many goroutines run at once is
// runtime.GOMAXPROCS(0), which may be lower (a container's CPU limit),
// and is what [NewPool] uses by default.
//
// Python: multiprocessing.cpu_count.
func CPUCount() int { return runtime.NumCPU() }

func sortByCount(ps []*Process) {
	slices.SortFunc(ps, func(a, b *Process) int { return cmp.Compare(a.count, b.count) })
}
