// Command runner is the Go port of the whole tutorial of
// shared/seeds/004_1b98a0c65210e32a.txt ("Multiprocessing and
// multithreading in Python"), which times a task that sleeps for a
// second: run in a row, in processes, and in process and thread pools.
// Its programs share this start,
//
//	from time import perf_counter as pc
//	from time import sleep as pause
//	import multiprocessing as mp
//	import concurrent.futures as future
//
//	def runner():
//	    print("Performing a costly function")
//	    pause(1)
//	    print("Function complete")
//
// and each ends by printing its time:
//
//	print(f"Process took {round(end-start, 2)} seconds")
//
// One flag per step of the tutorial picks its program; without any, all
// of them run, in the tutorial's order, with a blank line between them:
//
//   - -once: runner() timed once ("Process took 1.0 seconds"; the
//     tutorial shows the output, not the code).
//   - -sequential: runner() ten times in a row, `for _ in range(10):`
//     (10.0 seconds; the tutorial's machine took 10.02).
//   - -start: two processes, mp.Process(target=runner), started and not
//     joined. The time is taken at once ("0.0 seconds"; the tutorial's
//     0.02), and the processes print after it.
//   - -join: the same two processes, then p1.join() and p2.join() before
//     the time is taken (1.0 seconds; the tutorial's 1.1).
//   - -loop: ten processes started in a loop, kept in a list and joined
//     after it (1.0 seconds).
//   - -map: runner becomes runner(n), which sleeps n seconds and returns
//     a string, and a ProcessPoolExecutor maps it over [5, 4, 3, 2, 1].
//     The results come in the order of the list, the last after five
//     seconds with five workers (5.0 seconds; the tutorial's 5.21).
//   - -ascompleted: the same with submit and as_completed. The results
//     come one a second, Function 1 first (5.0 seconds).
//   - -threads: -map with a ThreadPoolExecutor (5.0 seconds; the
//     tutorial's 5.01).
//
// The -join program is the tutorial's
//
//	if __name__ == "__main__":
//	    start = pc()
//	    p1 = mp.Process(target=runner)
//	    p2 = mp.Process(target=runner)
//	    p1.start()
//	    p2.start()
//	    p1.join()
//	    p2.join()
//	    end = pc()
//	    print(f"Process took {round(end-start, 2)} seconds")
//
// (-start is the same without the joins), and the -map program
//
//	def runner(n):
//	    print(f"Performing costly function {n}")
//	    pause(n)
//	    return f"Function {n} has completed"
//
//	if __name__ == "__main__":
//	    start = pc()
//	    with future.ProcessPoolExecutor() as ex:
//	        p = [5, 4, 3, 2, 1]
//	        results = ex.map(runner, p)
//	        for r in results:
//	            print(r)
//	    end = pc()
//	    print(f"Process took {round(end-start, 2)} seconds")
//
// and -threads the same with future.ThreadPoolExecutor(). Two programs
// are described but not shown. For -loop the tutorial announces "generic
// code to run 10 parallel instances", and the code is missing; this is
// the loop its text describes (start in the loop, keep the processes in
// a list, join them after it):
//
//	processes = []
//	for _ in range(10):
//	    p = mp.Process(target=runner)
//	    p.start()
//	    processes.append(p)
//	for p in processes:
//	    p.join()
//
// For -ascompleted it says that as_completed "will return the results in
// the order they are finished (cannot be used with map but with the
// submit method above using a loop)":
//
//	with future.ProcessPoolExecutor() as ex:
//	    p = [5, 4, 3, 2, 1]
//	    fs = [ex.submit(runner, n) for n in p]
//	    for f in future.as_completed(fs):
//	        print(f.result())
//
// Run it with
//
//	go run ./examples/runner
//	go run ./examples/runner -join
//	go run ./examples/runner -map -ascompleted -max-workers=5
//
// The lines within a step that start at the same moment ("Performing a
// costly function" of two processes) come out in any order, in Go as in
// Python; the times are as computed, rounded as Python's round(x, 2) and
// printed as Python prints a float.
//
// The translation:
//
//   - perf_counter() is time.Now, end-start time.Since; pause(n) is
//     time.Sleep.
//   - mp.Process(target=runner) is [mp.NewProcess] with a closure calling
//     runner; start and join are [mp.Process.Start] and [mp.Process.Join].
//   - The with blocks become functions that defer
//     [futures.ProcessPoolExecutor.Shutdown] and
//     [futures.ThreadPoolExecutor.Shutdown], which wait, as leaving the
//     block does; the time is taken after them, as in the tutorial.
//     ex.map is [futures.Map], submit [futures.Submit], as_completed
//     [futures.AsCompleted], and f.result() [futures.Future.Result]; each
//     returns an error where Python's would raise, which runner never
//     does.
//
// Where it differs from Python:
//
//   - The processes are goroutines, and so are the process pool's
//     workers: nothing is pickled and no interpreter is started, so a
//     real run's times are the sleeps' give or take milliseconds, where
//     the tutorial's have up to a few tenths of a second more.
//   - A ProcessPoolExecutor has as many workers as Python's by default,
//     one per core (GOMAXPROCS, Python's os.cpu_count()): on a machine
//     with fewer than five cores the map takes longer than five seconds
//     (eight with two workers). -max-workers sets max_workers for both
//     executors, as ProcessPoolExecutor(max_workers=5) would; the
//     tutorial's figures are those of five workers or more.
//   - The program with -start never joins its processes; Python's
//     interpreter waits for them at exit. Here they are joined after the
//     time is printed, so that the next step starts after them, and the
//     deferred [thread.Shutdown] would wait for them anyway.
//   - The tutorial's "Punction 1 has completed" line, a typo in its
//     output, is not reproduced.
//   - Under `go test` the clock is fake (testing/synctest): a one-second
//     sleep takes no real time and every time is exact, "Process took
//     10.0 seconds".
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/pyconc/pyconc/futures"
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

// A step is one program of the tutorial, chosen by its flag.
type step struct {
	flag  string
	usage string
	run   func(w io.Writer, opts []futures.Option) error
}

// steps are the programs of the tutorial, in its order.
var steps = []step{
	{"once", "runner() once", func(w io.Writer, _ []futures.Option) error { once(w); return nil }},
	{"sequential", "runner() ten times in a row", func(w io.Writer, _ []futures.Option) error { sequential(w); return nil }},
	{"start", "two processes started, not joined", func(w io.Writer, _ []futures.Option) error { startNoJoin(w); return nil }},
	{"join", "two processes started and joined", func(w io.Writer, _ []futures.Option) error { startJoin(w); return nil }},
	{"loop", "ten processes started in a loop and joined after it", func(w io.Writer, _ []futures.Option) error { loop(w); return nil }},
	{"map", "ProcessPoolExecutor().map(runner, [5, 4, 3, 2, 1])", processMap},
	{"ascompleted", "ProcessPoolExecutor: submit and as_completed", asCompleted},
	{"threads", "ThreadPoolExecutor().map(runner, [5, 4, 3, 2, 1])", threadMap},
}

func run(w io.Writer, args []string) error {
	defer thread.Shutdown()
	fs := flag.NewFlagSet("runner", flag.ContinueOnError)
	chosen := make([]*bool, len(steps))
	for i, s := range steps {
		chosen[i] = fs.Bool(s.flag, false, "run the step: "+s.usage)
	}
	maxWorkers := fs.Int("max-workers", 0, "max_workers of both executors (default: Python's, GOMAXPROCS for processes)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("runner: unexpected arguments %q", fs.Args())
	}
	if *maxWorkers < 0 {
		return fmt.Errorf("runner: -max-workers must not be negative")
	}
	var opts []futures.Option
	if *maxWorkers > 0 {
		opts = append(opts, futures.MaxWorkers(*maxWorkers))
	}

	some := false // whether any step was chosen
	for _, c := range chosen {
		some = some || *c
	}
	first := true
	for i, s := range steps {
		if some && !*chosen[i] {
			continue
		}
		if !first {
			fmt.Fprintln(w)
		}
		first = false
		if err := s.run(w, opts); err != nil {
			return err
		}
	}
	return nil
}

// runner is the tutorial's first runner: a costly function that takes a
// second.
func runner(w io.Writer) {
	fmt.Fprintln(w, "Performing a costly function")
	time.Sleep(time.Second) // pause(1)
	fmt.Fprintln(w, "Function complete")
}

// runnerN is the tutorial's second runner, runner(n): it takes n seconds
// and returns a string.
func runnerN(w io.Writer, n int) string {
	fmt.Fprintf(w, "Performing costly function %d\n", n)
	time.Sleep(time.Duration(n) * time.Second) // pause(n)
	return fmt.Sprintf("Function %d has completed", n)
}

// took prints the time since start as every program of the tutorial does.
func took(w io.Writer, start time.Time) {
	fmt.Fprintf(w, "Process took %s seconds\n", pyrepr.Float(pyRound(time.Since(start).Seconds(), 2)))
}

// once is runner() timed once.
func once(w io.Writer) {
	start := time.Now()
	runner(w)
	took(w, start)
}

// sequential is runner() ten times in a row.
func sequential(w io.Writer) {
	start := time.Now()
	for range 10 {
		runner(w)
	}
	took(w, start)
}

// startNoJoin is two processes, started and not joined.
func startNoJoin(w io.Writer) {
	start := time.Now()
	p1 := mp.NewProcess(func() { runner(w) })
	p2 := mp.NewProcess(func() { runner(w) })
	p1.Start()
	p2.Start()
	took(w, start)
	// Python's interpreter waits for the processes at exit; the next
	// step must not start before they end.
	p1.Join()
	p2.Join()
}

// startJoin is two processes, started and joined.
func startJoin(w io.Writer) {
	start := time.Now()
	p1 := mp.NewProcess(func() { runner(w) })
	p2 := mp.NewProcess(func() { runner(w) })
	p1.Start()
	p2.Start()
	p1.Join()
	p2.Join()
	took(w, start)
}

// loop is ten processes started in a loop and joined after it.
func loop(w io.Writer) {
	start := time.Now()
	var processes []*mp.Process
	for range 10 {
		p := mp.NewProcess(func() { runner(w) })
		p.Start()
		processes = append(processes, p)
	}
	for _, p := range processes {
		p.Join()
	}
	took(w, start)
}

// p is the tutorial's list of arguments for runner(n).
var p = []int{5, 4, 3, 2, 1}

// processMap is ProcessPoolExecutor().map(runner, p).
func processMap(w io.Writer, opts []futures.Option) error {
	start := time.Now()
	err := func() error {
		ex := futures.NewProcessPoolExecutor(opts...)
		defer ex.Shutdown() // the end of the with block
		return printMap(w, ex)
	}()
	if err != nil {
		return err
	}
	took(w, start)
	return nil
}

// threadMap is ThreadPoolExecutor().map(runner, p).
func threadMap(w io.Writer, opts []futures.Option) error {
	start := time.Now()
	err := func() error {
		ex := futures.NewThreadPoolExecutor(opts...)
		defer ex.Shutdown() // the end of the with block
		return printMap(w, ex)
	}()
	if err != nil {
		return err
	}
	took(w, start)
	return nil
}

// printMap maps runnerN over p on ex and prints the results in order.
func printMap(w io.Writer, ex futures.Executor) error {
	results := futures.Map(ex, func(n int) string { return runnerN(w, n) }, p)
	for r, err := range results {
		if err != nil {
			return err
		}
		fmt.Fprintln(w, r)
	}
	return nil
}

// asCompleted is ProcessPoolExecutor with submit and as_completed.
func asCompleted(w io.Writer, opts []futures.Option) error {
	start := time.Now()
	err := func() error {
		ex := futures.NewProcessPoolExecutor(opts...)
		defer ex.Shutdown() // the end of the with block
		var fs []*futures.Future[string]
		for _, n := range p {
			f, err := futures.Submit(ex, func() string { return runnerN(w, n) })
			if err != nil {
				return err
			}
			fs = append(fs, f)
		}
		for f := range futures.AsCompleted(fs) {
			r, err := f.Result()
			if err != nil {
				return err
			}
			fmt.Fprintln(w, r)
		}
		return nil
	}()
	if err != nil {
		return err
	}
	took(w, start)
	return nil
}

// pyRound rounds x to ndigits decimals as Python's round does: to the
// nearest decimal, ties to even, of x's exact binary value.
func pyRound(x float64, ndigits int) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', ndigits, 64), 64)
	return r
}
