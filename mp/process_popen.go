package mp

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/pyconc/pyconc/internal/goid"
	"github.com/pyconc/pyconc/internal/owner"
	"github.com/pyconc/pyconc/internal/panics"
)

// A popen runs a started process: CPython's Popen objects, one kind per
// start method. The goroutine start method's is goroutinePopen; a real
// process start method would start an operating-system process, poll its
// status and send it signals behind the same methods.
type popen interface {
	// start begins running target as process p.
	start(p *Process, target func())
	// pid returns the process's identifier, waiting until it is known.
	pid() int
	// poll returns the exit code and true once the process has ended.
	poll() (code int, ended bool)
	// done returns a channel closed when the process ends.
	done() <-chan struct{}
	// wait waits until the process ends.
	wait()
	// signal asks the process to end: -15 for terminate, -9 for kill. The
	// process has already been told through its context.
	signal(code int)
}

// goroutinePopen runs a process in a goroutine.
type goroutinePopen struct {
	p       *Process
	id      atomic.Int64
	idReady sync.WaitGroup // done once id is set
	exited  sync.WaitGroup // done at the end: what Join waits on
	ch      chan struct{}  // made on demand by done, under p.mu; closed at the end
	code    atomic.Int32   // valid once ended
	ended   atomic.Bool
	exit    int32 // the code given to Exit; written and read by the goroutine
}

// endedChan is the done channel of a process that ended before anyone
// asked for one.
var endedChan = func() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}()

// init prepares g for process p, before p can be started: once Start has
// marked p started, other goroutines may wait on g.
func (g *goroutinePopen) init(p *Process) {
	g.p = p
	g.idReady.Add(1)
	g.exited.Add(1)
}

func (g *goroutinePopen) start(_ *Process, target func()) {
	go g.bootstrap(target)
}

func (g *goroutinePopen) pid() int {
	if id := g.id.Load(); id != 0 {
		return int(id)
	}
	g.idReady.Wait()
	return int(g.id.Load())
}

func (g *goroutinePopen) poll() (int, bool) {
	if !g.ended.Load() {
		return 0, false
	}
	return int(g.code.Load()), true
}

func (g *goroutinePopen) wait() { g.exited.Wait() }

func (g *goroutinePopen) done() <-chan struct{} {
	p := g.p
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case g.ch != nil:
		return g.ch
	case p.ended:
		return endedChan
	}
	g.ch = make(chan struct{})
	return g.ch
}

// signal does nothing more: a goroutine cannot be killed. The process's
// context is cancelled, and the exit code will say what was asked.
func (g *goroutinePopen) signal(int) {}

// bootstrap is the body of the process's goroutine: Python's
// BaseProcess._bootstrap.
func (g *goroutinePopen) bootstrap(target func()) {
	p := g.p
	id := goid.Current()
	g.id.Store(id)
	g.idReady.Done()
	enterProcess(p, id)
	normal := false
	defer func() {
		code := 0
		if !normal {
			if v := recover(); v != nil {
				code = 1 // MP-09
				report(p, v, panics.Stack())
			} else {
				code = int(g.exit) // runtime.Goexit or Exit (MP-08)
			}
		}
		p.exitChildren()
		if p.hasMain.Load() {
			owner.Leave()
		}
		leaveProcess(id)
		p.end(code)
	}()
	if target != nil {
		target()
	}
	normal = true
}

// stderr is where a process's panic is reported; tests replace it.
var (
	stderrMu sync.Mutex
	stderr   io.Writer = os.Stderr
)

// report writes a panic that ended process p as Python writes an uncaught
// exception in a child: "Process NAME:" and the traceback, here Go's
// panic text and stack (MP-09).
func report(p *Process, v any, stack []byte) {
	stderrMu.Lock()
	defer stderrMu.Unlock()
	fmt.Fprintf(stderr, "Process %s:\npanic: %v\n\n%s", p.Name(), v, stack)
	if len(stack) > 0 && stack[len(stack)-1] != '\n' {
		fmt.Fprintln(stderr)
	}
}

// end sets the exit code, releases the joiners and leaves the parent's
// children. A Terminate or Kill asked before now sets the code.
func (p *Process) end(code int) {
	g := &p.g
	p.mu.Lock()
	if p.signal != 0 {
		code = int(p.signal)
	}
	p.ended = true
	g.code.Store(int32(code))
	g.ended.Store(true)
	ch := g.ch
	p.mu.Unlock()
	p.parent.removeChild(p)
	if ch != nil {
		close(ch) // before Join returns: then every way of asking agrees
	}
	g.exited.Done()
}

// className returns Python's type(self).__name__ for a process whose
// target has code pc: the receiver type T of a method value m.Run
// ("main.(*T).Run-fm", "main.T.Run-fm"), else "Process".
func className(pc uintptr) string {
	fn := runtime.FuncForPC(pc)
	if pc == 0 || fn == nil {
		return "Process"
	}
	name, ok := strings.CutSuffix(fn.Name(), "-fm")
	if !ok {
		return "Process"
	}
	name = name[strings.LastIndexByte(name, '/')+1:]
	dot := strings.LastIndexByte(name, '.') // before the method
	if dot < 0 {
		return "Process"
	}
	name = name[:dot]
	if i := strings.IndexByte(name, '.'); i >= 0 {
		name = name[i+1:] // after the package
	}
	name = strings.TrimSuffix(strings.TrimPrefix(name, "(*"), ")")
	if i := strings.IndexByte(name, '['); i >= 0 {
		name = name[:i]
	}
	if name == "" {
		return "Process"
	}
	return name
}
