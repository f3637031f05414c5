package mp

import (
	"os"
	"runtime"
	"sync/atomic"

	"github.com/pyconc/pyconc/internal/atexit"
	"github.com/pyconc/pyconc/internal/goid"
	"github.com/pyconc/pyconc/thread"
)

// Exit ends the calling process with exit code code, as sys.exit(code)
// does in Python (MP-08).
//
// Called in a process's own goroutine (its target, or what the target
// calls), Exit sets the process's exit code to code and ends the goroutine
// with runtime.Goexit: deferred calls run, and the process then ends as
// when its target returns. Called in a thread.Thread, Exit ends only that
// thread, with runtime.Goexit, as SystemExit ends only a thread in Python.
// Called in the program's main goroutine, it does what the Python
// interpreter does at exit — [thread.Shutdown], which waits for the
// non-daemon threads and, through mp's exit hook, for the non-daemon
// processes — and then ends the program with os.Exit(code). In any other
// goroutine it calls runtime.Goexit.
//
// A target that calls runtime.Goexit itself ends its process with exit
// code 0, as sys.exit() does.
//
// Python: sys.exit (in a multiprocessing child).
func Exit(code int) {
	id := goid.Current()
	if p := processOf(id); p != nil {
		p.g.exit = int32(code) // read by the same goroutine, in bootstrap
		runtime.Goexit()
	}
	if m := thread.MainThread(); m != nil && m.Ident() == id && CurrentProcess().main {
		thread.Shutdown()
		os.Exit(code)
	}
	runtime.Goexit()
}

var exitRegistered atomic.Bool

// registerExit makes sure thread.Shutdown runs exitMain (internal/atexit).
func registerExit() {
	if !exitRegistered.Load() && exitRegistered.CompareAndSwap(false, true) {
		atexit.Register(func() {
			exitRegistered.Store(false)
			exitMain()
		})
	}
}

// exitMain is what Python's multiprocessing does when the main process
// exits (util._exit_function): it terminates the daemon children and
// waits for the others, including the ones started while it waits. Unlike
// Python, it does not then wait for the daemon children: a goroutine that
// ignores its context cannot be made to end, so they are abandoned, as
// daemon threads are. MainProcess is marked as ended afterwards, so that
// ParentProcess().IsAlive() turns false in its children.
func exitMain() {
	m := mainProc.Load()
	m.exitChildren()
	m.mu.Lock()
	if !m.ended {
		m.ended = true
		close(m.g.ch)
	}
	m.mu.Unlock()
}
