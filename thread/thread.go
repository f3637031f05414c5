package thread

import (
	"context"
	"fmt"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pyconc/pyconc/internal/goid"
	"github.com/pyconc/pyconc/internal/owner"
)

// A Thread is an activity run in its own goroutine: Python's
// threading.Thread. Create one with [New], start it with [Thread.Start], and
// wait for it with [Thread.Join].
//
// Python's other way to give a thread work, subclassing Thread and
// overriding run(), is a struct with a Run method whose method value is the
// target: thread.New(reader.Run). See the package documentation.
//
// A Thread must be made by [New] (or [NewTimer]): the zero Thread is not
// usable, and Start, Join and SetDaemon panic on it, as Python raises for
// a Thread subclass that never called Thread.__init__ (TH-12). A Thread
// must not be copied after creation.
//
// Python: threading.Thread.
type Thread struct {
	kind     kind
	target   func()  // set to nil once run, as Python drops _target (TH-29)
	targetPC uintptr // the target's code, for the default name

	mu      sync.Mutex    // guards the fields below it
	name    string        // "" until first needed when counter > 0
	counter int64         // the N of the default name; 0 when named explicitly
	locals  []func()      // releases this thread's Local values (TH-06)
	done    chan struct{} // made by the first Join that waits; closed at the end

	daemon atomic.Bool

	state atomic.Int32 // initial, started, stopped
	ident atomic.Int64 // the goroutine ID, once known
	seq   uint64       // start order, for Enumerate; set before the thread is listed
	owner owner.Owner  // the mp process the thread runs in, inherited from its creator

	// identReady is done once the new goroutine has recorded its ID, so
	// Ident can wait for it without Start waiting for everyone.
	identReady sync.WaitGroup
}

type kind uint8

const (
	notCreated kind = iota // a Thread not made by New: Python's missing __init__
	regular
	mainThread
	dummyThread
	timerThread
	processMain // the goroutine of an mp process (internal/owner)
)

// The states of a thread.
const (
	initial int32 = iota
	started
	stopped
)

// New returns a thread that will call target in its own goroutine once
// started. A nil target makes a thread that does nothing (TH-10).
//
// Without the [Name] option the thread is named "Thread-N (f)", where N
// comes from a counter shared by every unnamed thread of the process and f
// is the target's function or method name; a function literal has no name,
// so its thread is plain "Thread-N" (TH-02, TH-03). Without the [Daemon]
// option the thread is a daemon exactly when the creating thread is one
// (TH-23): the main goroutine is not, a goroutine pyconc did not start
// counts as a dummy thread, which is, and the goroutine of a process of
// package mp counts as that process's main thread, which is not. The
// thread belongs to the process its creator runs in (mp.CurrentProcess).
//
// Python: threading.Thread.
func New(target func(), opts ...Option) *Thread {
	var o options
	if len(opts) > 0 {
		o = collect(opts)
	}
	t := &Thread{kind: regular, target: target}
	t.name = o.name
	if t.name == "" {
		t.counter = nextCounter()
		if target != nil {
			t.targetPC = reflect.ValueOf(target).Pointer()
		}
	}
	// The creating thread gives the default daemon flag and the process
	// the thread runs in (internal/owner). A goroutine pyconc did not
	// start counts as a dummy thread, which is a daemon; a process's own
	// goroutine as its main thread, which is not.
	id := goid.Current()
	daemon := true
	if creator := lookup(id); creator != nil {
		t.owner, daemon = creator.owner, creator.Daemon()
	} else if t.owner = processOf(id); t.owner != nil {
		daemon = false
	}
	if o.daemonSet {
		daemon = o.daemon
	}
	t.daemon.Store(daemon)
	return t
}

// Start starts the thread's activity: it runs [Thread.Run] in a new
// goroutine. When Start returns the thread is alive and listed by
// [Enumerate] (TH-18) until its target returns.
//
// Start then yields the processor once, so the new thread usually begins
// running at once, as in CPython, where start() waits for the new thread
// and hands it the interpreter lock. It is a hint to the scheduler, not a
// promise: which of the two threads prints first afterwards is not fixed,
// in Go or in Python.
//
// Start panics if called more than once on the same thread, even after it
// has finished (TH-11).
//
// Python: threading.Thread.start.
func (t *Thread) Start() {
	t.mustBeCreated()
	// identReady is armed before the state says started, so that an
	// Ident that sees the thread started waits for its ID.
	t.mu.Lock()
	if t.state.Load() != initial {
		t.mu.Unlock()
		panic("thread: threads can only be started once (Python: RuntimeError)")
	}
	t.identReady.Add(1)
	t.state.Store(started)
	t.mu.Unlock()
	register(t)
	go t.bootstrap()
	runtime.Gosched()
}

// bootstrap is the body of the thread's goroutine.
func (t *Thread) bootstrap() {
	id := goid.Current()
	t.ident.Store(id)
	enter(t, id)
	t.identReady.Done()
	defer t.stop(id)
	defer func() {
		// A panic goes to ExceptHook; runtime.Goexit ends the thread
		// quietly, as SystemExit does in Python (EH-04).
		if v := recover(); v != nil {
			ExceptHook(ExceptHookArgs{Thread: t, Value: v, Stack: panicStack()})
		}
	}()
	t.Run()
}

// stop marks the thread finished: it leaves the registry before Join
// returns, so a joined thread is never listed by Enumerate (MF-06).
func (t *Thread) stop(id int64) {
	t.releaseLocals()
	leave(t, id)
	t.finish()
}

// finish marks the thread stopped and releases its joiners. It reports
// whether it did so, false when the thread had already stopped.
func (t *Thread) finish() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.state.Swap(stopped) == stopped {
		return false
	}
	if t.done != nil {
		close(t.done)
	}
	return true
}

// stopped returns a channel that is closed when the thread stops, or nil
// if it already has. Threads nobody waits for never make one.
func (t *Thread) stopped() <-chan struct{} {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.state.Load() == stopped {
		return nil
	}
	if t.done == nil {
		t.done = make(chan struct{})
	}
	return t.done
}

// Run calls the thread's target in the calling goroutine and then drops
// the thread's reference to it (TH-29). [Thread.Start] calls Run in the new
// goroutine; calling Run directly runs the target with no concurrency, as
// calling run() does in Python.
//
// Python: threading.Thread.run.
func (t *Thread) Run() {
	if f := t.target; f != nil {
		defer func() { t.target = nil }()
		f()
	}
}

// Join waits until the thread ends, however it ends: its target returns,
// panics or calls runtime.Goexit. It returns at once, and may be called
// again, once the thread has ended (TH-17).
//
// Join panics if the thread was never started (TH-13), if it is the
// calling thread (TH-14), or if it is a dummy thread.
//
// Python: threading.Thread.join.
func (t *Thread) Join() { _ = t.JoinContext(context.Background()) }

// JoinTimeout acts like [Thread.Join] but gives up after d, and reports
// whether the thread has ended. Python's join(timeout) returns None and
// leaves the question to is_alive() (TH-15); JoinTimeout returns that
// answer. A negative d counts as zero (TH-16).
//
// Python: threading.Thread.join (with timeout).
func (t *Thread) JoinTimeout(d time.Duration) bool {
	ctx, cancel := context.WithTimeout(context.Background(), max(d, 0))
	defer cancel()
	return t.JoinContext(ctx) == nil
}

// JoinContext acts like [Thread.Join] but gives up when ctx is done,
// returning ctx.Err(). It returns nil once the thread has ended.
//
// Python: threading.Thread.join.
func (t *Thread) JoinContext(ctx context.Context) error {
	t.mustBeCreated()
	switch {
	case t.kind == dummyThread:
		panic("thread: cannot join a dummy thread (Python: AssertionError)")
	case t.state.Load() == initial:
		panic("thread: cannot join thread before it is started (Python: RuntimeError)")
	case t.ident.Load() == goid.Current():
		panic("thread: cannot join current thread (Python: RuntimeError)")
	}
	done := t.stopped()
	if done == nil {
		return nil
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// IsAlive reports whether the thread is running: false before Start, true
// from Start until its target has returned, false after (TH-19), whether or
// not anyone joined it.
//
// Python: threading.Thread.is_alive.
func (t *Thread) IsAlive() bool { return t.state.Load() == started }

// Name returns the thread's name.
//
// Python: threading.Thread.name.
func (t *Thread) Name() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.name == "" && t.counter > 0 {
		t.name = "Thread-" + strconv.FormatInt(t.counter, 10)
		if f := funcName(t.targetPC); f != "" {
			t.name += " (" + f + ")"
		}
	}
	return t.name
}

// SetName sets the thread's name. Any string is kept as given, even an
// empty one; only New treats an empty name as no name.
//
// Python: threading.Thread.name (assignment).
func (t *Thread) SetName(name string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.name, t.counter = name, 0
}

// Ident returns the thread's identifier, the ID the Go runtime gives its
// goroutine ("goroutine 18" in a stack trace): 0 before Start, then a
// positive number unique among all goroutines the process has run, kept
// after the thread ends (TH-20). It equals [GetIdent] called in the thread.
//
// Python: threading.Thread.ident.
func (t *Thread) Ident() int64 {
	if t.state.Load() == initial {
		return 0
	}
	if id := t.ident.Load(); id != 0 {
		return id
	}
	t.identReady.Wait() // until the goroutine has recorded its ID
	return t.ident.Load()
}

// NativeID returns the thread's native identifier. A goroutine is not tied
// to one operating-system thread, so pyconc's native identity is the same
// goroutine ID as [Thread.Ident]: 0 before Start, then distinct for every
// live thread (TH-21).
//
// Python: threading.Thread.native_id.
func (t *Thread) NativeID() int64 { return t.Ident() }

// Daemon reports whether the thread is a daemon thread.
//
// Python: threading.Thread.daemon.
func (t *Thread) Daemon() bool { return t.daemon.Load() }

// SetDaemon sets whether the thread is a daemon thread. It must be called
// before [Thread.Start]: afterwards, and on the main or a dummy thread, it
// panics (TH-25).
//
// Python: threading.Thread.daemon (assignment).
func (t *Thread) SetDaemon(daemonic bool) {
	t.mustBeCreated()
	if t.state.Load() != initial {
		panic("thread: cannot set daemon status of active thread (Python: RuntimeError)")
	}
	t.daemon.Store(daemonic)
}

// mustBeCreated panics if t was not made by New, as Python raises for a
// Thread subclass whose __init__ did not call Thread.__init__ (TH-12).
func (t *Thread) mustBeCreated() {
	if t.kind == notCreated {
		panic("thread: Thread.__init__() not called: create threads with New (Python: RuntimeError)")
	}
}

// String returns the thread in Python's repr form (TH-22):
// "<Thread(NAME, initial)>", "<Thread(NAME, started daemon 18)>",
// "<Thread(NAME, stopped 18)>", with _MainThread, _DummyThread or Timer
// in place of Thread for those kinds.
//
// Python: threading.Thread.__repr__.
func (t *Thread) String() string {
	status := [...]string{"initial", "started", "stopped"}[t.state.Load()]
	if t.Daemon() {
		status += " daemon"
	}
	if id := t.Ident(); id != 0 {
		status += " " + strconv.FormatInt(id, 10)
	}
	class := [...]string{"Thread", "Thread", "_MainThread", "_DummyThread", "Timer", "_MainThread"}[t.kind]
	return fmt.Sprintf("<%s(%s, %s)>", class, t.Name(), status)
}

// funcName returns, for a function's code address, the short name Python's
// target.__name__ would give:
// "worker" for main.worker, "Run" for the method value reader.Run, and ""
// for a function literal, which has no name.
func funcName(pc uintptr) string {
	fn := runtime.FuncForPC(pc)
	if pc == 0 || fn == nil {
		return ""
	}
	name := fn.Name()
	name = name[strings.LastIndexByte(name, '/')+1:]
	name = strings.TrimSuffix(name, "-fm") // method values
	if i := strings.IndexByte(name, '['); i >= 0 {
		name = name[:i] // generic instantiations: f[...]
	}
	name = name[strings.LastIndexByte(name, '.')+1:]
	if isClosure(name) {
		return ""
	}
	return name
}

// isClosure reports whether a final name element is one the compiler gives
// function literals: "func1", or "1" for one nested in another.
func isClosure(s string) bool {
	s = strings.TrimPrefix(s, "func")
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
