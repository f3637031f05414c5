package mp

import (
	"errors"
	"strconv"
	"strings"

	"github.com/pyconc/pyconc/internal/pyrepr"
)

// ErrTerminated is the cause (context.Cause) of a process's context
// cancelled by [Process.Terminate]: Python's SIGTERM.
//
// Python: none (Go only); signal.SIGTERM.
var ErrTerminated = errors.New("mp: process terminated (SIGTERM)")

// ErrKilled is the cause (context.Cause) of a process's context cancelled
// by [Process.Kill]: Python's SIGKILL.
//
// Python: none (Go only); signal.SIGKILL.
var ErrKilled = errors.New("mp: process killed (SIGKILL)")

// Terminate asks the process to end, as Python's terminate() sends it
// SIGTERM. A goroutine cannot be stopped from outside, so Terminate cancels
// the process's [Process.Context] with the cause [ErrTerminated] and
// returns; the target must notice (watch CurrentProcess().Context().Done()
// or pass the context to what it calls) and return. Until it does the
// process stays alive and Join waits. Once it has ended its exit code is
// -15, Python's -SIGTERM (MP-10), however the target ended, unless
// [Process.Kill] was called first (then it is -9).
//
// On a process that has ended Terminate does nothing (MP-19). It panics on
// a closed process (MP-20), and before Start with "mp: 'NoneType' object
// has no attribute 'terminate' (Python: AttributeError)", the text Python's
// terminate() raises there (MP-32).
//
// Python: multiprocessing.Process.terminate.
func (p *Process) Terminate() { p.ask("terminate", -15, ErrTerminated) }

// Kill acts like [Process.Terminate] with Python's SIGKILL: the cause is
// [ErrKilled] and the exit code -9 (MP-10). Called after Terminate on a
// process still alive, it makes the exit code -9; the context's cause
// stays ErrTerminated. Terminate after Kill leaves the exit code -9, as a
// process killed by SIGKILL has ended before terminate() is called.
//
// Python: multiprocessing.Process.kill.
func (p *Process) Kill() { p.ask("kill", -9, ErrKilled) }

func (p *Process) ask(method string, code int, cause error) {
	p.checkClosed()
	if p.main || p.state.Load() == initial {
		panic("mp: 'NoneType' object has no attribute '" + method + "' (Python: AttributeError)")
	}
	p.terminate(code, cause)
}

// terminate records the signal and cancels the context, unless p ended.
func (p *Process) terminate(code int, cause error) {
	p.mu.Lock()
	if p.ended {
		p.mu.Unlock()
		return
	}
	if p.signal != -9 { // a killed process is dead: a later terminate finds it ended
		p.signal = int8(code)
	}
	if p.first == 0 {
		p.first = int8(code)
	}
	cancel := p.cancel
	p.mu.Unlock()
	if cancel != nil {
		cancel(cause)
	}
	p.popen.signal(code)
}

// causeOf returns the context cause of signal code.
func causeOf(code int) error {
	if code == -9 {
		return ErrKilled
	}
	return ErrTerminated
}

// Close releases the process's resources. It panics while the process is
// alive: "mp: Cannot close a process while it is still running. You
// should first call join() or terminate(). (Python: ValueError)". Once
// closed, IsAlive, Join, Terminate, Kill, Pid, ExitCode, Sentinel and Start
// panic with "mp: process object is closed (Python: ValueError)"; Name
// still works, and Close again does nothing (MP-20).
//
// Python: multiprocessing.Process.close.
func (p *Process) Close() {
	if p.closed.Load() {
		return
	}
	if p.main || p.state.Load() != initial {
		if _, ended := p.popen.poll(); !ended {
			panic("mp: Cannot close a process while it is still running. " +
				"You should first call join() or terminate(). (Python: ValueError)")
		}
	}
	p.closed.Store(true)
}

// Sentinel returns a channel that is closed when the process ends, for a
// select: Python's sentinel, a handle that becomes ready then (MP-21). It
// panics before Start with "mp: process not started (Python: ValueError)",
// and on a closed process.
//
// Python: multiprocessing.Process.sentinel.
func (p *Process) Sentinel() <-chan struct{} {
	p.checkClosed()
	if !p.main && p.state.Load() == initial {
		panic("mp: process not started (Python: ValueError)")
	}
	return p.popen.done()
}

// String returns the process in Python's repr form (MP-05, MP-06, MP-07):
//
//	<Process name='Process-1' parent=4242 initial>
//	<Process name='Process-1' pid=18 parent=4242 started>
//	<Process name='Process-1' pid=18 parent=4242 stopped exitcode=0 daemon>
//	<Process name='Process-1' pid=18 parent=4242 stopped exitcode=-SIGTERM>
//	<_MainProcess name='MainProcess' parent=None started>
//
// with the type's name in place of Process for a target m.Run, pids as
// [Process.Pid] returns them, and "closed" for a closed process.
//
// Python: multiprocessing.Process.__repr__.
func (p *Process) String() string {
	var b strings.Builder
	class := className(p.pc)
	if p.main {
		class = "_MainProcess"
	}
	b.WriteString("<" + class + " name=" + pyrepr.Str(p.Name()))
	status, code, ended := "started", 0, false
	switch {
	case p == CurrentProcess():
	case p.closed.Load():
		status = "closed"
	case p.state.Load() == initial:
		status = "initial"
	default:
		if code, ended = p.popen.poll(); ended {
			status = "stopped"
		}
	}
	if !p.main && p.state.Load() != initial && !p.closed.Load() {
		b.WriteString(" pid=" + strconv.Itoa(p.pid()))
	}
	if p.parent == nil {
		b.WriteString(" parent=None")
	} else {
		b.WriteString(" parent=" + strconv.Itoa(p.parent.pid()))
	}
	b.WriteString(" " + status)
	if ended {
		b.WriteString(" exitcode=")
		switch code {
		case -15:
			b.WriteString("-SIGTERM")
		case -9:
			b.WriteString("-SIGKILL")
		default:
			b.WriteString(strconv.Itoa(code))
		}
	}
	if p.Daemon() {
		b.WriteString(" daemon")
	}
	b.WriteString(">")
	return b.String()
}
