package mp

import (
	"context"
	"reflect"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// A Process is an activity run in its own goroutine: Python's
// multiprocessing.Process on the "goroutine" start method. Create one with
// [NewProcess], start it with [Process.Start], and wait for it with
// [Process.Join].
//
// A Process is not an operating-system process: it shares memory with
// every other one, the program has one pid, and a goroutine cannot be
// killed (see [Process.Terminate]). What stays as in Python is the life
// cycle (initial, started, stopped, closed), the names (Process-1,
// Process-1:1), daemons, the exit codes, CurrentProcess, ParentProcess and
// ActiveChildren, and what happens at exit.
//
// Python's other way to give a process work, subclassing Process and
// overriding run(), is a struct with a Run method whose method value is
// the target: mp.NewProcess(m.Run). The default name then starts with the
// type's name, as type(self).__name__ does in Python ("MuchCPU-1", MP-02).
//
// A Process must be made by NewProcess and must not be copied.
//
// Python: multiprocessing.Process.
type Process struct {
	own    owned    // what package thread sees: internal/owner
	target func()   // dropped at Start (MP-29)
	pc     uintptr  // the target's code, for the default name
	parent *Process // the process that created it; nil for MainProcess
	count  int64    // its number among its parent's children (identity)
	method *Context // the start method

	mu      sync.Mutex // guards the fields below it, up to kids
	nameSet bool
	signal  int8            // -15 or -9 once Terminate or Kill was asked
	first   int8            // the first of them
	ended   bool            // the exit code is set
	main    bool            // MainProcess (set at creation, read without mu)
	name    string          // "" until first needed when nameSet is false
	idle    chan struct{}   // closed when threads drops to 0, if made
	ctx     context.Context // made on first use by Context
	cancel  context.CancelCauseFunc

	threads atomic.Int32             // live non-daemon threads it owns (MP-27)
	hasMain atomic.Bool              // package thread made a main thread for it
	kids    atomic.Pointer[childSet] // started children not yet ended; made under mu
	counter atomic.Int64             // numbers its children: Process-N
	authkey atomic.Pointer[[]byte]
	daemon  atomic.Bool
	closed  atomic.Bool
	state   atomic.Int32 // initial, started

	popen popen          // how it runs: the start method's half
	g     goroutinePopen // the goroutine start method's popen, in place
}

// The states of a process.
const (
	initial int32 = iota
	started
)

// NewProcess returns a process that will call target in a goroutine of its
// own once started. A nil target makes a process that does nothing. Python's
// args and kwargs are target's variables: NewProcess(func() { f("bob") }).
//
// Without the [Name] option the process is named "Process-N", N counting
// the processes created by the current process, "Process-1:2" for the
// second one created inside Process-1; when target is a method value of a
// named type T (m.Run), "T-N" (MP-02). An empty name means the default,
// as Python's name=None does (MP-03). Without the [Daemon] option it is a
// daemon exactly when the current process is (MP-17). A [*Context] option
// chooses the start method (there is one, "goroutine").
//
// Python: multiprocessing.Process.
func NewProcess(target func(), opts ...Option) *Process {
	var cfg config
	if len(opts) == 0 {
		cfg.ctx = defaultContext()
	} else {
		cfg = configure("NewProcess", opts)
	}
	cur := CurrentProcess()
	p := &Process{target: target, parent: cur, method: cfg.ctx}
	p.own.p = p
	p.count = cur.counter.Add(1)
	if cfg.nameSet && cfg.name != "" {
		p.name, p.nameSet = cfg.name, true
	} else if target != nil {
		p.pc = reflect.ValueOf(target).Pointer()
	}
	if cfg.daemonSet {
		p.daemon.Store(cfg.daemon)
	} else {
		p.daemon.Store(cur.Daemon())
	}
	p.authkey.Store(cur.authkey.Load()) // inherited (MP-22); never written in place
	p.popen = &p.g
	p.g.init(p)
	return p
}

// Start starts the process's activity: it calls the target in a new
// goroutine. When Start returns the process is alive and listed by
// [ActiveChildren] until it ends. Start drops the process's reference to
// its target, as Python's start() does (MP-29).
//
// Start panics if called twice (MP-15), on a closed process, from a
// process other than the one that created it, or in a daemon process,
// which cannot have children (MP-18), with Python's texts, e.g.
// "mp: cannot start a process twice (Python: AssertionError)".
//
// Python: multiprocessing.Process.start.
func (p *Process) Start() {
	p.checkClosed()
	if p.main || p.state.Load() != initial {
		panic("mp: cannot start a process twice (Python: AssertionError)")
	}
	cur := CurrentProcess()
	if cur != p.parent {
		panic("mp: can only start a process object created by current process (Python: AssertionError)")
	}
	if cur.Daemon() {
		panic("mp: daemonic processes are not allowed to have children (Python: AssertionError)")
	}
	if !p.state.CompareAndSwap(initial, started) {
		panic("mp: cannot start a process twice (Python: AssertionError)")
	}
	cur.addChild(p)
	if cur.main {
		registerExit()
	}
	f := p.target
	p.target = nil
	p.popen.start(p, f)
}

// Run calls the process's target in the calling goroutine: no new
// goroutine, no concurrency, as calling run() does in Python. [Process.Start]
// is what runs it concurrently. After Start, Run does nothing: Start has
// dropped the target (MP-29).
//
// Python: multiprocessing.Process.run.
func (p *Process) Run() {
	if f := p.target; f != nil {
		f()
	}
}

// Join waits until the process ends: its target has returned, panicked,
// called [Exit] or runtime.Goexit, and its non-daemon threads and children
// have ended. It returns at once, and may be called again, once the
// process has ended.
//
// Join panics if the process was never started ("mp: can only join a
// started process (Python: AssertionError)", MP-13), if it is the current
// process ("mp: can only join a child process", MP-14), or if it is closed.
// Any goroutine may join a started process; Python lets only the parent.
//
// Python: multiprocessing.Process.join.
func (p *Process) Join() {
	p.checkJoin()
	p.popen.wait()
}

// JoinTimeout acts like [Process.Join] but gives up after d, and reports
// whether the process has ended. Python's join(timeout) returns None and
// leaves the question to exitcode or is_alive() (MP-12); JoinTimeout
// returns the answer. A d of zero or less only checks (MP-12).
//
// Python: multiprocessing.Process.join (with timeout).
func (p *Process) JoinTimeout(d time.Duration) bool {
	p.checkJoin()
	done := p.popen.done()
	if d <= 0 {
		select {
		case <-done:
			return true
		default:
			return false
		}
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-done:
		return true
	case <-t.C:
		return false
	}
}

// JoinContext acts like [Process.Join] but gives up when ctx is done,
// returning ctx.Err(). It returns nil once the process has ended.
//
// Python: multiprocessing.Process.join.
func (p *Process) JoinContext(ctx context.Context) error {
	p.checkJoin()
	done := p.popen.done()
	select {
	case <-done:
		return nil
	default:
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// checkJoin panics as Python's join asserts.
func (p *Process) checkJoin() {
	p.checkClosed()
	if p == CurrentProcess() || p.main {
		panic("mp: can only join a child process (Python: AssertionError)")
	}
	if p.state.Load() == initial {
		panic("mp: can only join a started process (Python: AssertionError)")
	}
}

// IsAlive reports whether the process is running: false before Start,
// true from Start until it has ended (after Terminate too, until its
// target returns), false after. The current process is always alive.
// IsAlive panics on a closed process (MP-20).
//
// Python: multiprocessing.Process.is_alive.
func (p *Process) IsAlive() bool {
	p.checkClosed()
	if p.main {
		select {
		case <-p.popen.done():
			return p == CurrentProcess()
		default:
			return true
		}
	}
	if p.state.Load() == initial {
		return false
	}
	_, ended := p.popen.poll()
	return !ended
}

// ExitCode returns the process's exit code and true once it has ended;
// 0 and false before (Python's None, MP-05, MP-06). The code is 0 when the
// target returned or called runtime.Goexit, 1 when it panicked (MP-09),
// the code given to [Exit] (MP-08), and -15 or -9 when [Process.Terminate]
// or [Process.Kill] was called before it ended (MP-10). MainProcess has no
// exit code. ExitCode panics on a closed process (MP-20).
//
// Python: multiprocessing.Process.exitcode.
func (p *Process) ExitCode() (int, bool) {
	p.checkClosed()
	if p.main || p.state.Load() == initial {
		return 0, false
	}
	return p.popen.poll()
}

// Pid returns the process's identifier: 0 before Start (Python's None);
// for MainProcess, the program's operating-system pid (os.Getpid); for a
// started process, the ID the Go runtime gives its goroutine ("goroutine
// 18" in a stack trace), distinct from every other process's, kept after
// it ends. It is not an operating-system pid: the program has one. Pid
// panics on a closed process (MP-20).
//
// Python: multiprocessing.Process.pid.
func (p *Process) Pid() int {
	p.checkClosed()
	return p.pid()
}

func (p *Process) pid() int {
	if p.main {
		return mainPid
	}
	if p.state.Load() == initial {
		return 0
	}
	return p.popen.pid()
}

// Ident returns the same number as [Process.Pid], as Python's ident does.
//
// Python: multiprocessing.Process.ident.
func (p *Process) Ident() int { return p.Pid() }

// Name returns the process's name; see [NewProcess] for the default. A
// closed process keeps its name (MP-20).
//
// Python: multiprocessing.Process.name.
func (p *Process) Name() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.nameSet {
		p.name = className(p.pc) + "-" + p.identity()
		p.nameSet = true
	}
	return p.name
}

// identity returns Python's _identity joined with ":": "1:2" for the
// second child of Process-1, "" for MainProcess.
func (p *Process) identity() string {
	if p.parent == nil {
		return ""
	}
	n := strconv.FormatInt(p.count, 10)
	if up := p.parent.identity(); up != "" {
		return up + ":" + n
	}
	return n
}

// SetName sets the process's name.
//
// Python: multiprocessing.Process.name (assignment).
func (p *Process) SetName(name string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.name, p.nameSet = name, true
}

// Daemon reports whether the process is a daemon: one that is not waited
// for at exit, and that cannot have children (MP-18).
//
// Python: multiprocessing.Process.daemon.
func (p *Process) Daemon() bool { return p.daemon.Load() }

// SetDaemon sets whether the process is a daemon. It must be called before
// [Process.Start]: afterwards, and on MainProcess, it panics with "mp:
// process has already started (Python: AssertionError)" (MP-16).
//
// Python: multiprocessing.Process.daemon (assignment).
func (p *Process) SetDaemon(daemonic bool) {
	if p.main || p.state.Load() != initial {
		panic("mp: process has already started (Python: AssertionError)")
	}
	p.daemon.Store(daemonic)
}

// AuthKey returns a copy of the process's authentication key: 32 random
// bytes for MainProcess, inherited by every process it creates (MP-22).
// Nothing in the goroutine start method uses it; it is kept for programs
// that read it or hand it to a Manager.
//
// Python: multiprocessing.Process.authkey.
func (p *Process) AuthKey() []byte {
	if k := p.authkey.Load(); k != nil {
		return append([]byte(nil), *k...)
	}
	return nil
}

// SetAuthKey sets the process's authentication key to a copy of key.
// Processes created afterwards inherit it.
//
// Python: multiprocessing.Process.authkey (assignment).
func (p *Process) SetAuthKey(key []byte) {
	k := append([]byte(nil), key...)
	p.authkey.Store(&k)
}

// Context returns the process's context, which [Process.Terminate] and
// [Process.Kill] cancel, with [ErrTerminated] or [ErrKilled] as its cause
// (context.Cause reports the first of them). It is how a target notices
// that it was asked to end: mp.CurrentProcess().Context().Done(). The
// context of MainProcess is never cancelled.
//
// Python: none (Go only).
func (p *Process) Context() context.Context {
	if p.main {
		return context.Background()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ctx == nil {
		p.ctx, p.cancel = context.WithCancelCause(context.Background())
		if p.first != 0 {
			p.cancel(causeOf(int(p.first)))
		}
	}
	return p.ctx
}

// checkClosed panics on a closed process (MP-20).
func (p *Process) checkClosed() {
	if p.closed.Load() {
		panic("mp: process object is closed (Python: ValueError)")
	}
}
