package mp_test

import (
	"fmt"
	"time"

	"github.com/pyconc/pyconc/mp"
)

// Python's first multiprocessing example:
//
//	def f(name):
//	    print('hello', name)
//
//	p = Process(target=f, args=('bob',))
//	p.start()
//	p.join()
//
// Ported from the multiprocessing documentation (seed 001).
func ExampleNewProcess() {
	f := func(name string) { fmt.Println("hello", name) }
	p := mp.NewProcess(func() { f("bob") })
	p.Start()
	p.Join()
	code, _ := p.ExitCode()
	fmt.Println("exit code:", code)
	// Output:
	// hello bob
	// exit code: 0
}

// A Python subclass of Process overriding run() is a struct with a Run
// method; its default name starts with the type's name, as
// type(self).__name__ in Python.
type Greeter struct{ who string }

func (g *Greeter) Run() { fmt.Println("hello", g.who, "from", mp.CurrentProcess().Name()) }

func ExampleNewProcess_subclass() {
	p := mp.NewProcess((&Greeter{"alice"}).Run, mp.Name("Greeter-1"))
	p.Start()
	p.Join()
	// Output: hello alice from Greeter-1
}

// CurrentProcess and ParentProcess inside a process and in main.
func ExampleCurrentProcess() {
	fmt.Println(mp.CurrentProcess().Name(), mp.ParentProcess() == nil)
	p := mp.NewProcess(func() {
		fmt.Println(mp.CurrentProcess().Name(), mp.ParentProcess().Name())
	}, mp.Name("worker"))
	p.Start()
	p.Join()
	// Output:
	// MainProcess true
	// worker MainProcess
}

// A goroutine cannot be killed: Terminate cancels the process's context,
// and a target that watches it returns. The exit code is then -15, as
// after SIGTERM.
func ExampleProcess_Terminate() {
	started := make(chan struct{})
	p := mp.NewProcess(func() {
		ctx := mp.CurrentProcess().Context()
		close(started)
		select {
		case <-time.After(time.Hour): // Python: time.sleep(3600)
		case <-ctx.Done():
		}
	})
	p.Start()
	<-started
	p.Terminate()
	p.Join()
	fmt.Println(p.ExitCode())
	// Output: -15 true
}

// Exit is sys.exit(n) in a process.
func ExampleExit() {
	p := mp.NewProcess(func() {
		defer fmt.Println("deferred calls run")
		mp.Exit(3)
	})
	p.Start()
	p.Join()
	fmt.Println(p.ExitCode())
	// Output:
	// deferred calls run
	// 3 true
}

// Ten processes share a Lock, as in Python's
//
//	def f(l, i):
//	    l.acquire()
//	    try:
//	        print('hello world', i)
//	    finally:
//	        l.release()
func ExampleNewLock() {
	lock := mp.NewLock()
	var ps []*mp.Process
	for i := range 10 {
		p := mp.NewProcess(func() {
			lock.Acquire()
			defer lock.Release()
			fmt.Println("hello world", i)
		})
		p.Start()
		ps = append(ps, p)
	}
	for _, p := range ps {
		p.Join()
	}
	// Unordered output:
	// hello world 0
	// hello world 1
	// hello world 2
	// hello world 3
	// hello world 4
	// hello world 5
	// hello world 6
	// hello world 7
	// hello world 8
	// hello world 9
}

// Python's ctx = mp.get_context('spawn') ports to GetContext; asking for a
// start method pyconc does not have is an error naming the ones it has.
func ExampleGetContext() {
	_, err := mp.GetContext("spawn")
	fmt.Println(err)
	ctx, _ := mp.GetContext("")
	p := ctx.NewProcess(func() { fmt.Println("started by", ctx.GetStartMethod()) })
	p.Start()
	p.Join()
	fmt.Println(mp.GetAllStartMethods())
	// Output:
	// mp: cannot find context for 'spawn'; the start methods are [goroutine]
	// started by goroutine
	// [goroutine]
}

// ActiveChildren lists the children still running.
func ExampleActiveChildren() {
	release := make(chan struct{})
	p := mp.NewProcess(func() { <-release }, mp.Name("sleeper"))
	p.Start()
	for _, c := range mp.ActiveChildren() {
		fmt.Println(c.Name(), c.IsAlive())
	}
	close(release)
	p.Join()
	fmt.Println(len(mp.ActiveChildren()))
	// Output:
	// sleeper true
	// 0
}
