// Command processinfo is the Go port of the "expanded example" of
// shared/seeds/003_b48680637bfb9369.txt ("Concurrency and
// Multithreading", section "Multiprocessing"), which shows the process IDs
// involved when a program starts a child:
//
//	from multiprocessing import Process
//	import os
//
//	def info(title):
//	    print(title)
//	    print('module name:', __name__)
//	    print('parent process:', os.getppid())
//	    print('process id:', os.getpid())
//
//	def f(name):
//	    info('function f')
//	    print('hello', name)
//
//	if __name__ == '__main__':
//	    info('main line')
//	    p = Process(target=f, args=('bob',))
//	    p.start()
//	    p.join()
//
// Run it with
//
//	go run ./examples/processinfo
//
// The notebook shows
//
//	main line
//	module name: __main__
//	parent process: 31240
//	process id: 9612
//	function f
//	module name: __main__
//	parent process: 9612
//	process id: 14798
//	hello bob
//
// and the Go program prints the same lines, with other numbers:
//
//	main line
//	module name: main
//	parent process: 19148
//	process id: 19193
//	function f
//	module name: main
//	parent process: 19193
//	process id: 10
//	hello bob
//
// What the numbers are, on the goroutine start method:
//
//   - In the main line, the parent process is os.Getppid, the process
//     that started the program (the shell, or `go run`), and the process
//     id os.Getpid, which is also what [mp.Process.Pid] of
//     [mp.CurrentProcess], MainProcess, reports: as in Python.
//   - In the child, the parent process is [mp.ParentProcess]'s Pid,
//     MainProcess, so it is the main line's process id, as in Python. The
//     process id is the child's [mp.Process.Pid], which is not an
//     operating-system pid: the child is a goroutine of the same program,
//     which has one pid, so Pid reports the ID the Go runtime gave the
//     goroutine (the number in "goroutine 10" of a stack trace). It is
//     distinct from every other process's, as a pid is, but the operating
//     system knows nothing of it; os.Getpid in the child would print the
//     main line's number again, and os.Getppid the shell's, which is why
//     the program asks package mp and not package os.
//   - The module name is the Go package of the function printing it, as
//     the runtime names it: "main" for the command being run, as Python's
//     __name__ is "__main__" for the program being run. A Python child
//     started with "fork" prints "__main__" too; with "spawn" it imports
//     the program again and prints "__mp_main__". A goroutine imports
//     nothing, so the child prints "main" like the main line. (Under
//     `go test` the package is linked into a test binary and the runtime
//     names it by its import path, github.com/pyconc/pyconc/examples/processinfo,
//     as Python's __name__ is the module's name when a test imports it.)
//
// Process(target=f, args=('bob',)) becomes [mp.NewProcess] with a
// closure calling f; Start and Join are Python's.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/pyconc/pyconc/mp"
	"github.com/pyconc/pyconc/thread"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(w io.Writer, args []string) error {
	defer thread.Shutdown()
	fs := flag.NewFlagSet("processinfo", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("processinfo: unexpected arguments %q", fs.Args())
	}

	info(w, "main line")
	p := mp.NewProcess(func() { f(w, "bob") }) // Process(target=f, args=('bob',))
	p.Start()
	p.Join()
	return nil
}

// info is the Python function info: it prints title and who is printing.
func info(w io.Writer, title string) {
	fmt.Fprintln(w, title)
	fmt.Fprintln(w, "module name:", moduleName())
	fmt.Fprintln(w, "parent process:", parentPid())
	fmt.Fprintln(w, "process id:", mp.CurrentProcess().Pid())
}

// f is the Python function f.
func f(w io.Writer, name string) {
	info(w, "function f")
	fmt.Fprintln(w, "hello", name)
}

// parentPid is what os.getppid() means in a multiprocessing program: the
// pid of the process that started the calling one. In the main process
// that is the operating system's parent; in a child, the Pid of the
// process that created it.
func parentPid() int {
	if parent := mp.ParentProcess(); parent != nil {
		return parent.Pid()
	}
	return os.Getppid()
}

// moduleName returns the package of its caller as the runtime names it,
// as Python's __name__ is the module of the code that reads it: "main"
// in a command, the import path in a test binary.
func moduleName() string {
	pc, _, _, ok := runtime.Caller(1)
	if !ok {
		return "main"
	}
	name := runtime.FuncForPC(pc).Name() // "main.info", "example.com/pkg.F"
	if slash := strings.LastIndexByte(name, '/'); slash >= 0 {
		dot := strings.IndexByte(name[slash:], '.')
		return name[:slash+dot]
	}
	name, _, _ = strings.Cut(name, ".")
	return name
}
