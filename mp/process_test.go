package mp_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pyconc/pyconc/internal/testhook"
	"github.com/pyconc/pyconc/mp"
	"github.com/pyconc/pyconc/thread"
)

// asMain runs f with the calling goroutine as the main thread and a fresh
// MainProcess, as a program's main would see it: the first process is
// Process-1.
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
		if got := recover(); got != want {
			t.Errorf("panic = %#v; want %q", got, want)
		}
	}()
	f()
}

// run starts target as a process and joins it.
func run(target func(), opts ...mp.Option) *mp.Process {
	p := mp.NewProcess(target, opts...)
	p.Start()
	p.Join()
	return p
}

func exitCode(p *mp.Process) string {
	code, ok := p.ExitCode()
	if !ok {
		return "None"
	}
	return strconv.Itoa(code)
}

// MP-01: the child sees its name; its pid is its goroutine's ID, the same
// inside and outside (not os.Getpid: one program, one pid). Python's args
// are the closure's variables.
// CPython: Lib/test/_test_multiprocessing.py _TestProcess.test_process.
func TestProcessTargetSeesItself(t *testing.T) {
	var name string
	var pid int
	var args []any
	f := func(a int, s string) { args = []any{a, s} }
	p := run(func() {
		me := mp.CurrentProcess()
		name, pid = me.Name(), me.Pid()
		f(1, "x")
	}, mp.Name("child"))
	if name != "child" || pid != p.Pid() || pid <= 0 {
		t.Errorf("in child: name %q pid %d; want %q %d", name, pid, "child", p.Pid())
	}
	if diff := cmp.Diff([]any{1, "x"}, args); diff != "" {
		t.Errorf("args (-want +got):\n%s", diff)
	}
}

type P struct{ ran bool }

func (p *P) Run() { p.ran = true }

type Value struct{}

func (Value) Run() {}

// MP-02, MP-03: default names count per parent; a grandchild is
// Process-1:1; a method value of type P gives P-N; Name("") is the default.
func TestProcessDefaultNames(t *testing.T) {
	asMain(t, func() {
		var grand []string
		p1 := mp.NewProcess(func() {
			for range 2 {
				c := mp.NewProcess(nil)
				grand = append(grand, c.Name())
			}
			c := mp.NewProcess(func() { grand = append(grand, mp.NewProcess(nil).Name()) })
			c.Start()
			c.Join()
		})
		p2 := mp.NewProcess(nil)
		p3 := mp.NewProcess((&P{}).Run)
		p4 := mp.NewProcess(Value{}.Run)
		p5 := mp.NewProcess(nil, mp.Name(""))
		p1.Start()
		p1.Join()
		got := []string{p1.Name(), p2.Name(), p3.Name(), p4.Name(), p5.Name()}
		got = append(got, grand...)
		want := []string{"Process-1", "Process-2", "P-3", "Value-4", "Process-5",
			"Process-1:1", "Process-1:2", "Process-1:3:1"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("names (-want +got):\n%s", diff)
		}
	})
}

// MP-05, MP-06, MP-07: the life cycle: before start, running, stopped.
func TestProcessLifeCycle(t *testing.T) {
	asMain(t, func() {
		release := make(chan struct{})
		p := mp.NewProcess(func() { <-release })
		ppid := strconv.Itoa(os.Getpid())
		if p.Pid() != 0 || exitCode(p) != "None" || p.IsAlive() || len(mp.ActiveChildren()) != 0 {
			t.Errorf("before start: pid %d exitcode %s alive %v children %v", p.Pid(), exitCode(p), p.IsAlive(), mp.ActiveChildren())
		}
		if got, want := p.String(), "<Process name='Process-1' parent="+ppid+" initial>"; got != want {
			t.Errorf("repr = %s; want %s", got, want)
		}
		p.Start()
		pid := strconv.Itoa(p.Pid())
		if exitCode(p) != "None" || !p.IsAlive() {
			t.Errorf("started: exitcode %s alive %v", exitCode(p), p.IsAlive())
		}
		if got := mp.ActiveChildren(); !slices.Equal(got, []*mp.Process{p}) {
			t.Errorf("ActiveChildren() = %v; want [%v]", got, p)
		}
		if got, want := p.String(), "<Process name='Process-1' pid="+pid+" parent="+ppid+" started>"; got != want {
			t.Errorf("repr = %s; want %s", got, want)
		}
		close(release)
		p.Join()
		if exitCode(p) != "0" || p.IsAlive() || len(mp.ActiveChildren()) != 0 {
			t.Errorf("stopped: exitcode %s alive %v children %v", exitCode(p), p.IsAlive(), mp.ActiveChildren())
		}
		if got, want := p.String(), "<Process name='Process-1' pid="+pid+" parent="+ppid+" stopped exitcode=0>"; got != want {
			t.Errorf("repr = %s; want %s", got, want)
		}
		d := run(nil, mp.Daemon(true), mp.Name(`it's`))
		if got, want := d.String(), `<Process name="it's" pid=`+strconv.Itoa(d.Pid())+" parent="+ppid+" stopped exitcode=0 daemon>"; got != want {
			t.Errorf("repr = %s; want %s", got, want)
		}
	})
}

// MP-08: Exit sets the exit code, as sys.exit(n); runtime.Goexit is
// sys.exit(), code 0. Deferred calls run. Python's sys.exit("text") has no
// Go form: Exit takes an int.
// CPython: _TestSubclassingProcess.test_sys_exit.
func TestProcessExit(t *testing.T) {
	deferred := false
	for _, tc := range []struct {
		f    func()
		want string
	}{
		{func() { mp.Exit(8) }, "8"},
		{func() { mp.Exit(0) }, "0"},
		{func() { mp.Exit(1) }, "1"},
		{func() { defer func() { deferred = true }(); mp.Exit(3) }, "3"},
		{runtime.Goexit, "0"},
		{func() { mp.Exit(-2) }, "-2"},
	} {
		if got := exitCode(run(tc.f)); got != tc.want {
			t.Errorf("exit code = %s; want %s", got, tc.want)
		}
	}
	if !deferred {
		t.Error("Exit did not run the deferred call")
	}
	// In a thread of a process, Exit ends the thread only.
	after := false
	p := run(func() {
		th := thread.New(func() { mp.Exit(5) })
		th.Start()
		th.Join()
		after = true
	})
	if !after || exitCode(p) != "0" {
		t.Errorf("Exit in a thread: process went on %v, exit code %s; want true, 0", after, exitCode(p))
	}
	// In a goroutine that is not main, not a process: Goexit.
	done := make(chan bool)
	go func() {
		defer func() { done <- true }()
		mp.Exit(4)
	}()
	<-done
}

// MP-09: a panic ends the process with exit code 1, reported as
// "Process NAME:" and the panic and stack. MP-31: a failing writer does
// not change the exit code.
// CPython: _TestSubclassingProcess.test_stderr_flush.
func TestProcessPanic(t *testing.T) {
	var buf bytes.Buffer
	restore := mp.SetStderr(&buf)
	defer restore()
	p := run(func() { panic("boom") }, mp.Name("worker"))
	if exitCode(p) != "1" {
		t.Errorf("exit code = %s; want 1", exitCode(p))
	}
	if got := buf.String(); !strings.HasPrefix(got, "Process worker:\npanic: boom\n\ngoroutine ") {
		t.Errorf("stderr = %q; want it to start with %q", got, "Process worker:\npanic: boom\n\ngoroutine ")
	}
	mp.SetStderr(failingWriter{})
	if p := run(func() { panic(errors.New("x")) }); exitCode(p) != "1" {
		t.Errorf("exit code with a failing stderr = %s; want 1", exitCode(p))
	}
	// A process that writes to a closed file is still fine (MP-31).
	r, w, _ := os.Pipe()
	r.Close()
	w.Close()
	if p := run(func() { fmt.Fprintln(w, "lost") }); exitCode(p) != "0" {
		t.Errorf("exit code writing to a closed file = %s; want 0", exitCode(p))
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("broken") }

// MP-10, MP-11: Terminate and Kill cancel the process's context; the exit
// code is -15 or -9 once the target returns; repr shows -SIGTERM.
// CPython: _TestProcess.test_terminate, test_kill.
func TestProcessTerminateKill(t *testing.T) {
	for _, tc := range []struct {
		name  string
		stop  func(*mp.Process)
		cause error
		code  string
		repr  string
	}{
		{"Terminate", (*mp.Process).Terminate, mp.ErrTerminated, "-15", "-SIGTERM"},
		{"Kill", (*mp.Process).Kill, mp.ErrKilled, "-9", "-SIGKILL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			started := make(chan struct{})
			var cause error
			p := mp.NewProcess(func() {
				ctx := mp.CurrentProcess().Context()
				close(started)
				<-ctx.Done()
				cause = context.Cause(ctx)
			})
			p.Start()
			<-started
			tc.stop(p)
			p.Join()
			if cause != tc.cause || exitCode(p) != tc.code {
				t.Errorf("cause %v, exit code %s; want %v, %s", cause, exitCode(p), tc.cause, tc.code)
			}
			if !strings.HasSuffix(p.String(), " stopped exitcode="+tc.repr+">") {
				t.Errorf("repr = %s; want exitcode=%s", p, tc.repr)
			}
		})
	}
}

// A goroutine cannot be killed: after Terminate the process stays alive
// until its target returns, however it ends; Kill after Terminate makes
// the code -9 and keeps the first cause. A context asked for after
// Terminate is already cancelled.
func TestProcessTerminateIsARequest(t *testing.T) {
	release := make(chan struct{})
	p := mp.NewProcess(func() {
		<-release
		ctx := mp.CurrentProcess().Context()
		if context.Cause(ctx) != mp.ErrTerminated {
			panic("context not cancelled")
		}
	})
	p.Start()
	p.Terminate()
	if !p.IsAlive() || exitCode(p) != "None" || p.JoinTimeout(0) {
		t.Errorf("after Terminate: alive %v, exit code %s; want true, None", p.IsAlive(), exitCode(p))
	}
	p.Kill()
	close(release)
	p.Join()
	if exitCode(p) != "-9" {
		t.Errorf("exit code = %s; want -9", exitCode(p))
	}
	// A panic after Terminate: still -15 (the signal would have killed it).
	restore := mp.SetStderr(&bytes.Buffer{})
	defer restore()
	q := mp.NewProcess(func() { <-mp.CurrentProcess().Context().Done(); panic("late") })
	q.Start()
	q.Terminate()
	q.Join()
	if exitCode(q) != "-15" {
		t.Errorf("exit code = %s; want -15", exitCode(q))
	}
}

// MP-19: Terminate and Kill on a process that has ended do nothing.
func TestProcessTerminateAfterEnd(t *testing.T) {
	p := run(func() {})
	p.Terminate()
	p.Kill()
	if exitCode(p) != "0" || p.Context().Err() != nil {
		t.Errorf("exit code %s, context %v; want 0, nil", exitCode(p), p.Context().Err())
	}
}

// MP-32: Terminate and Kill before Start panic with Python's
// AttributeError text.
func TestProcessTerminateBeforeStart(t *testing.T) {
	p := mp.NewProcess(nil)
	mustPanic(t, "mp: 'NoneType' object has no attribute 'terminate' (Python: AttributeError)", p.Terminate)
	mustPanic(t, "mp: 'NoneType' object has no attribute 'kill' (Python: AttributeError)", p.Kill)
	mustPanic(t, "mp: 'NoneType' object has no attribute 'terminate' (Python: AttributeError)", mp.CurrentProcess().Terminate)
}

// MP-12: JoinTimeout reports whether the process ended; zero and negative
// durations only check.
// CPython: _TestProcess._kill_process.
func TestProcessJoinTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		release := make(chan struct{})
		p := mp.NewProcess(func() { <-release })
		p.Start()
		start := time.Now()
		if p.JoinTimeout(0) || p.JoinTimeout(-time.Second) || time.Since(start) != 0 {
			t.Error("JoinTimeout(0), JoinTimeout(-1s) = true or waited")
		}
		if p.JoinTimeout(time.Second) || time.Since(start) != time.Second {
			t.Errorf("JoinTimeout(1s) = true or did not wait 1s (%v)", time.Since(start))
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if err := p.JoinContext(ctx); err != context.DeadlineExceeded {
			t.Errorf("JoinContext = %v; want DeadlineExceeded", err)
		}
		time.AfterFunc(time.Second, func() { close(release) })
		if !p.JoinTimeout(time.Minute) || time.Since(start) != 3*time.Second {
			t.Errorf("JoinTimeout(1m) = false or took %v", time.Since(start))
		}
		if !p.JoinTimeout(0) || p.JoinContext(context.Background()) != nil {
			t.Error("joins after the end did not return true, nil")
		}
	})
}

// MP-13, MP-14, MP-15, MP-16: misuse panics with Python's texts.
func TestProcessMisuse(t *testing.T) {
	p := mp.NewProcess(func() {})
	mustPanic(t, "mp: can only join a started process (Python: AssertionError)", p.Join)
	mustPanic(t, "mp: can only join a started process (Python: AssertionError)", func() { p.JoinTimeout(0) })
	mustPanic(t, "mp: can only join a child process (Python: AssertionError)", mp.CurrentProcess().Join)
	p.Start()
	mustPanic(t, "mp: cannot start a process twice (Python: AssertionError)", p.Start)
	mustPanic(t, "mp: process has already started (Python: AssertionError)", func() { p.SetDaemon(true) })
	p.Join()
	mustPanic(t, "mp: cannot start a process twice (Python: AssertionError)", p.Start)
	mustPanic(t, "mp: cannot start a process twice (Python: AssertionError)", mp.CurrentProcess().Start)
	mustPanic(t, "mp: process has already started (Python: AssertionError)", func() { mp.CurrentProcess().SetDaemon(true) })
	var inChild any
	run(func() {
		defer func() { inChild = recover() }()
		mp.CurrentProcess().Join()
	})
	if want := "mp: can only join a child process (Python: AssertionError)"; inChild != want {
		t.Errorf("join current in a child: panic %v; want %q", inChild, want)
	}
	// Python asserts that the process starting p is the one that created it.
	var outer *mp.Process
	var got any
	run(func() { outer = mp.NewProcess(nil) })
	func() {
		defer func() { got = recover() }()
		outer.Start()
	}()
	if want := "mp: can only start a process object created by current process (Python: AssertionError)"; got != want {
		t.Errorf("start from another process: panic %v; want %q", got, want)
	}
}

// MP-17, MP-18: the daemon flag is inherited and can be overridden; a
// daemon process cannot start children.
// CPython: _TestProcess.test_daemon_argument.
func TestProcessDaemon(t *testing.T) {
	if mp.NewProcess(nil).Daemon() || !mp.NewProcess(nil, mp.Daemon(true)).Daemon() {
		t.Error("daemon defaults wrong in main")
	}
	q := mp.NewProcess(nil)
	q.SetDaemon(true)
	if !q.Daemon() {
		t.Error("SetDaemon(true) before start did not stick")
	}
	var inherited, overridden bool
	var startPanic any
	run(func() {
		inherited = mp.NewProcess(nil).Daemon()
		c := mp.NewProcess(nil, mp.Daemon(false))
		overridden = c.Daemon()
		defer func() { startPanic = recover() }()
		c.Start()
	}, mp.Daemon(true))
	if !inherited || overridden {
		t.Errorf("in a daemon: inherited %v, overridden %v; want true, false", inherited, overridden)
	}
	if want := "mp: daemonic processes are not allowed to have children (Python: AssertionError)"; startPanic != want {
		t.Errorf("start in a daemon: panic %v; want %q", startPanic, want)
	}
}

// MP-20: Close while alive panics; after Close everything but Name panics
// "process object is closed"; Close again is fine.
// CPython: _TestProcess.test_close.
func TestProcessClose(t *testing.T) {
	release := make(chan struct{})
	p := mp.NewProcess(func() { <-release }, mp.Name("x"))
	p.Start()
	mustPanic(t, "mp: Cannot close a process while it is still running. You should first call join() or terminate(). (Python: ValueError)", p.Close)
	p.Terminate()
	mustPanic(t, "mp: Cannot close a process while it is still running. You should first call join() or terminate(). (Python: ValueError)", p.Close)
	close(release)
	p.Join()
	p.Close()
	p.Close()
	const closed = "mp: process object is closed (Python: ValueError)"
	for name, f := range map[string]func(){
		"IsAlive": func() { p.IsAlive() }, "Join": p.Join, "JoinTimeout": func() { p.JoinTimeout(0) },
		"Terminate": p.Terminate, "Kill": p.Kill, "Pid": func() { p.Pid() }, "Ident": func() { p.Ident() },
		"ExitCode": func() { p.ExitCode() }, "Sentinel": func() { p.Sentinel() }, "Start": p.Start,
	} {
		t.Run(name, func(t *testing.T) { mustPanic(t, closed, f) })
	}
	if p.Name() != "x" || !strings.HasSuffix(p.String(), " closed>") {
		t.Errorf("closed: name %q, repr %s", p.Name(), p)
	}
	never := mp.NewProcess(nil)
	never.Close() // before start: fine
	mustPanic(t, closed, never.Start)
}

// MP-21: Sentinel panics before start, and is closed at the end.
// CPython: _TestProcess.test_sentinel.
func TestProcessSentinel(t *testing.T) {
	release := make(chan struct{})
	p := mp.NewProcess(func() { <-release })
	mustPanic(t, "mp: process not started (Python: ValueError)", func() { p.Sentinel() })
	p.Start()
	s := p.Sentinel()
	select {
	case <-s:
		t.Fatal("sentinel ready while the process runs")
	default:
	}
	close(release)
	<-s
	if exitCode(p) != "0" {
		t.Errorf("exit code after the sentinel = %s; want 0", exitCode(p))
	}
	select {
	case <-p.Sentinel():
	default:
		t.Error("sentinel asked after the end is not ready")
	}
}

// MP-22: MainProcess; children inherit the authkey.
// CPython: _TestProcess.test_current.
func TestMainProcess(t *testing.T) {
	m := mp.CurrentProcess()
	code, ok := m.ExitCode()
	if m.Name() != "MainProcess" || m.Daemon() || !m.IsAlive() || ok || code != 0 ||
		m.Pid() != os.Getpid() || m.Ident() != os.Getpid() || len(m.AuthKey()) != 32 {
		t.Errorf("MainProcess: %s daemon %v alive %v exitcode %v pid %d ident %d authkey %d bytes",
			m.Name(), m.Daemon(), m.IsAlive(), ok, m.Pid(), m.Ident(), len(m.AuthKey()))
	}
	if got := m.String(); got != "<_MainProcess name='MainProcess' parent=None started>" {
		t.Errorf("repr = %s", got)
	}
	var key []byte
	run(func() { key = mp.CurrentProcess().AuthKey() })
	if !bytes.Equal(key, m.AuthKey()) {
		t.Error("the child's authkey differs from its parent's")
	}
	k := m.AuthKey()
	k[0]++
	if bytes.Equal(k, m.AuthKey()) {
		t.Error("AuthKey returned the key itself, not a copy")
	}
	c := mp.NewProcess(nil)
	c.SetAuthKey([]byte("secret"))
	if string(c.AuthKey()) != "secret" {
		t.Errorf("AuthKey after SetAuthKey = %q", c.AuthKey())
	}
}

// MP-23: ParentProcess is nil in main; in a child it is the parent, which
// turns not alive once the parent has ended, and can be joined.
// CPython: _TestProcess.test_parent_process_attributes, test_parent_process.
func TestParentProcess(t *testing.T) {
	if mp.ParentProcess() != nil {
		t.Fatal("ParentProcess() in main is not nil")
	}
	var parent *mp.Process
	var grandchild *mp.Process
	parentEnded := make(chan struct{})
	var joined, alive bool
	var gpName string
	var gpPid int
	child := run(func() {
		parent = mp.ParentProcess()
		grandchild = mp.NewProcess(func() {
			gp := mp.ParentProcess()
			gpName, gpPid = gp.Name(), gp.Pid()
			<-parentEnded
			joined = gp.JoinTimeout(time.Minute)
			alive = gp.IsAlive()
		}, mp.Daemon(true))
		grandchild.Start()
	})
	close(parentEnded)
	grandchild.Join()
	if parent != mp.CurrentProcess() {
		t.Errorf("ParentProcess() in a child = %v; want MainProcess", parent)
	}
	if gpName != child.Name() || gpPid != child.Pid() || !joined || alive {
		t.Errorf("grandchild saw parent %s/%d, joined %v, alive %v; want %s/%d, true, false",
			gpName, gpPid, joined, alive, child.Name(), child.Pid())
	}
}

// MP-24: ActiveChildren lists the live children of the current process, in
// the order they were created, and drops the ended ones.
// CPython: _TestProcess.test_active_children.
func TestActiveChildren(t *testing.T) {
	release := make(chan struct{})
	var ps []*mp.Process
	for range 3 {
		p := mp.NewProcess(func() { <-release })
		ps = append(ps, p)
	}
	for i := len(ps) - 1; i >= 0; i-- {
		ps[i].Start()
	}
	var inChild []*mp.Process
	run(func() { inChild = mp.ActiveChildren() })
	if len(inChild) != 0 {
		t.Errorf("ActiveChildren() in a child = %v; want none", inChild)
	}
	if got := mp.ActiveChildren(); !slices.Equal(got, ps) {
		t.Errorf("ActiveChildren() = %v; want %v", got, ps)
	}
	close(release)
	for _, p := range ps {
		p.Join()
	}
	if got := mp.ActiveChildren(); len(got) != 0 {
		t.Errorf("ActiveChildren() after the joins = %v", got)
	}
}

// MP-25: CPUCount is runtime.NumCPU.
// CPython: _TestProcess.test_cpu_count.
func TestCPUCount(t *testing.T) {
	if n := mp.CPUCount(); n < 1 || n != runtime.NumCPU() {
		t.Errorf("CPUCount() = %d; want runtime.NumCPU() = %d", n, runtime.NumCPU())
	}
}

// MP-26: a struct's Run method, passed as a method value, runs in the
// process; Run called directly runs it in the caller.
// CPython: _TestSubclassingProcess.test_subclassing.
func TestProcessSubclass(t *testing.T) {
	w := &P{}
	p := run(w.Run)
	if !w.ran || !strings.HasPrefix(p.Name(), "P-") {
		t.Errorf("ran %v, name %q", w.ran, p.Name())
	}
	ran := false
	main := mp.CurrentProcess()
	q := mp.NewProcess(func() { ran = mp.CurrentProcess() == main })
	q.Run()
	if !ran || q.IsAlive() || exitCode(q) != "None" {
		t.Errorf("Run(): ran in the caller %v, alive %v, exit code %s; want true, false, None", ran, q.IsAlive(), exitCode(q))
	}
}

// MP-27: a process ends once its non-daemon threads have; daemon threads
// are abandoned. Threads started in a process belong to it, are not
// daemons by default, and thread.CurrentThread in the process itself is
// its own "MainThread".
// CPython: _TestProcess.test_wait_for_threads.
func TestProcessWaitsForThreads(t *testing.T) {
	release := make(chan struct{})
	returned := make(chan struct{})
	var worker, daemon *thread.Thread
	var ownerOK bool
	var mainName string
	var mainListed bool
	p := mp.NewProcess(func() {
		me := mp.CurrentProcess()
		ct := thread.CurrentThread()
		mainName = ct.Name()
		for _, th := range thread.Enumerate() {
			mainListed = mainListed || th == ct
		}
		worker = thread.New(func() {
			inner := thread.New(func() { ownerOK = mp.CurrentProcess() == me })
			inner.Start()
			inner.Join()
			<-release
		})
		daemon = thread.New(func() { <-release }, thread.Daemon(true))
		worker.Start()
		daemon.Start()
		if worker.Daemon() || ct == thread.MainThread() || ct.Daemon() {
			panic("wrong defaults")
		}
		close(returned)
	})
	p.Start()
	<-returned
	if p.JoinTimeout(0) || !p.IsAlive() {
		t.Error("the process ended before its non-daemon thread")
	}
	close(release)
	p.Join()
	worker.Join()
	daemon.Join()
	if code, _ := p.ExitCode(); code != 0 {
		t.Errorf("exit code = %d; want 0 (a thread default was wrong)", code)
	}
	if !ownerOK || mainName != "MainThread" || mainListed {
		t.Errorf("nested thread's process ok %v; CurrentThread %q listed %v", ownerOK, mainName, mainListed)
	}
	// Only a daemon thread left: the process does not wait for it.
	release2 := make(chan struct{})
	var d *thread.Thread
	q := run(func() {
		d = thread.New(func() { <-release2 }, thread.Daemon(true))
		d.Start()
	})
	if q.IsAlive() || !d.IsAlive() {
		t.Errorf("process alive %v, daemon thread alive %v; want false, true", q.IsAlive(), d.IsAlive())
	}
	close(release2)
	d.Join()
}

// MP-28: processes start processes; a three-level tree reports in order.
// CPython: _TestProcess.test_recursion.
func TestProcessRecursion(t *testing.T) {
	var mu sync.Mutex
	var got []string
	var rec func(depth int) func()
	rec = func(depth int) func() {
		return func() {
			mu.Lock()
			got = append(got, mp.CurrentProcess().Name())
			mu.Unlock()
			if depth == 0 {
				return
			}
			for range 2 {
				run(rec(depth - 1))
			}
		}
	}
	asMain(t, func() {
		rec(2)()
	})
	want := []string{"MainProcess", "Process-1", "Process-1:1", "Process-1:2", "Process-2", "Process-2:1", "Process-2:2"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
}

// MP-29: Start drops the process's reference to its target: Run afterwards
// does nothing.
// CPython: _TestProcess.test_lose_target_ref.
func TestProcessDropsTarget(t *testing.T) {
	n := 0
	p := run(func() { n++ })
	p.Run()
	if n != 1 {
		t.Errorf("target ran %d times; want 1", n)
	}
}

// MP-04, MP-33: Python's args and group have no Go counterpart: args are
// the closure's variables (no TypeError to raise), and there is no group
// parameter. MP-31: see TestProcessPanic. This test pins that a nil target
// is a process that does nothing.
func TestProcessNilTarget(t *testing.T) {
	if p := run(nil); exitCode(p) != "0" {
		t.Errorf("exit code = %s; want 0", exitCode(p))
	}
}

// Options that are not NewProcess's panic.
func TestProcessOptions(t *testing.T) {
	mustPanic(t, "mp: Duplex is not an option of NewProcess", func() { mp.NewProcess(nil, mp.Duplex(false)) })
	ctx, err := mp.GetContext("goroutine")
	if err != nil {
		t.Fatal(err)
	}
	if p := run(nil, ctx); exitCode(p) != "0" {
		t.Errorf("exit code = %s", exitCode(p))
	}
}
