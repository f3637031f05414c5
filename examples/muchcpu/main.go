// Command muchcpu is the Go port of "A Simple Multiprocessing Example" of
// shared/seeds/000_9db71707a25980b8.txt ("Multithreading and
// Multiprocessing", section "Multiprocessing"): a Process subclass whose
// run method prints its pid and spins through 80 000 000 multiplications,
// run by two processes and timed.
//
//	from multiprocessing import Process, cpu_count
//	import time
//	import os
//
//	class MuchCPU(Process):
//	    def run(self):
//	        print(os.getpid()) # get process ID
//	        for i in range(80_000_000):
//	            result = i * i
//
//	if __name__ == '__main__':
//	    print('Running...')
//	    procs = [MuchCPU() for f in range(2)]
//	    t = time.time()
//	    for p in procs:
//	        p.run()
//	    #for p in procs:
//	        #p.join()
//	    print('work took {} seconds'.format(time.time() - t))
//
// (the notebook's text lost some underscores: "cpu count", "if name ==
// ' main '"). The program calls p.run(), which runs the method in the
// calling process, one after the other: no process is started, both
// lines print the main process's pid, and the work takes twice as long
// as one loop. The commented-out join belongs to the version that calls
// p.start(), which runs each loop in a process of its own, at the same
// time on two cores. This port runs both, the notebook's first:
//
//	Running...
//	26794
//	26794
//	work took 0.123977803 seconds
//
//	Running...
//	21
//	22
//	work took 0.146389965 seconds
//
// The first part is the Python program; the second is the same with
//
//	for p in procs:
//	    p.start()
//	for p in procs:
//	    p.join()
//
// in place of the run loop. Run it with
//
//	go run ./examples/muchcpu
//	go run ./examples/muchcpu -mode=run
//	go run ./examples/muchcpu -mode=start -n=800000000
//
// -mode is "both" (the default), "run" (the notebook's program alone) or
// "start"; -n is the loop count, 80 000 000 as in the notebook unless
// told. The times vary from run to run and with what else the machine is
// doing: with start() the two loops can run on two cores at once, so
// with two free cores they take about half as long as with run(), one
// after the other; with no free core for the second loop the difference
// disappears. The run shown above was on a two-core machine busy with
// other work (a load average of 5 to 6), and so was every run made while
// this port was written (with -n=800000000: 1.20 s by run(), 1.11 s by
// start()), so the halving is what the design allows, not a figure
// measured here.
//
// The subclass becomes a struct, MuchCPU, with a Run method; its method
// value is the process's target, [mp.NewProcess](m.Run), and the default
// name is "MuchCPU-1", as Python names a subclass's process after its
// type. p.run() is [mp.Process.Run], which calls the target in the
// caller, exactly as Python's does, and p.start() and p.join() are
// [mp.Process.Start] and [mp.Process.Join].
//
// Where it differs from Python:
//
//   - os.getpid() becomes [mp.CurrentProcess]().Pid(): with run() that is
//     MainProcess, whose Pid is the program's operating-system pid, so
//     both lines show it, as in Python. With start() each line is a
//     goroutine process's Pid, the ID the Go runtime gave the goroutine:
//     the two differ from each other and from the program's pid, as
//     Python's children's pids do, but they are not operating-system
//     pids, since the program is one process.
//   - The time is printed as Python prints a float (Go's time.Since, in
//     seconds, at Python's precision).
//   - Under `go test` the program runs with a small -n under a fake clock
//     (testing/synctest) that does not move while goroutines compute, so
//     both times are "0.0 seconds". The test shows the difference between
//     run() and start() with a loop that sleeps instead: two seconds one
//     after the other, one second side by side.
//   - The loop keeps its last product in the struct, so that the
//     compiler cannot drop a loop whose result nobody uses; Python's
//     interpreter never drops it.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/pyconc/pyconc/internal/pyrepr"
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
	fs := flag.NewFlagSet("muchcpu", flag.ContinueOnError)
	mode := fs.String("mode", "both", `"run" (the notebook's p.run()), "start" (p.start() and p.join()) or "both"`)
	loops := fs.Int("n", 80_000_000, "how many multiplications each process does")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("muchcpu: unexpected arguments %q", fs.Args())
	}
	if *loops < 0 {
		return fmt.Errorf("muchcpu: -n must not be negative")
	}
	switch *mode {
	case "run":
		byRun(w, *loops)
	case "start":
		byStart(w, *loops)
	case "both":
		byRun(w, *loops)
		fmt.Fprintln(w)
		byStart(w, *loops)
	default:
		return fmt.Errorf("muchcpu: -mode must be run, start or both, not %q", *mode)
	}
	return nil
}

// MuchCPU is the Python class MuchCPU, a Process subclass overriding
// run: its Run method is the process's target.
type MuchCPU struct {
	w      io.Writer
	loops  int
	result int // the last i * i
}

// Run prints the pid of the process it runs in, then multiplies.
func (m *MuchCPU) Run() {
	fmt.Fprintln(m.w, mp.CurrentProcess().Pid()) // get process ID
	m.result = spin(m.loops)
}

// spin is the loop of MuchCPU.Run: it returns the last of loops products
// i * i. The test replaces it with a loop that takes fake time.
var spin = func(loops int) int {
	result := 0
	for i := range loops {
		result = i * i
	}
	return result
}

// newProcs is the list comprehension [MuchCPU() for f in range(2)].
func newProcs(w io.Writer, loops int) []*mp.Process {
	procs := make([]*mp.Process, 2)
	for i := range procs {
		m := &MuchCPU{w: w, loops: loops}
		procs[i] = mp.NewProcess(m.Run)
	}
	return procs
}

// byRun is the notebook's program: each process's run method called by
// the main process, one after the other.
func byRun(w io.Writer, loops int) {
	fmt.Fprintln(w, "Running...")
	procs := newProcs(w, loops)
	t := time.Now()
	for _, p := range procs {
		p.Run()
	}
	fmt.Fprintf(w, "work took %s seconds\n", pyrepr.Float(time.Since(t).Seconds()))
}

// byStart is the program with start and join: the processes run at the
// same time.
func byStart(w io.Writer, loops int) {
	fmt.Fprintln(w, "Running...")
	procs := newProcs(w, loops)
	t := time.Now()
	for _, p := range procs {
		p.Start()
	}
	for _, p := range procs {
		p.Join()
	}
	fmt.Fprintf(w, "work took %s seconds\n", pyrepr.Float(time.Since(t).Seconds()))
}
