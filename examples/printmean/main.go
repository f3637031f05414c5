// Command printmean is the Go port of the print_mean program of
// shared/seeds/003_b48680637bfb9369.txt ("Concurrency and
// Multithreading", section "Threading"), in both of the runs the notebook
// shows:
//
//	def print_mean(n):
//	    logging.info("(Thread) We've already begun. Where are you?")
//	    print("(Thread) Trying to calculate the mean now...\n")
//	    time.sleep(2)
//	    print(np.mean(np.random.randn(n)))
//	    print(f"(Thread) I am thread number {threading.get_ident()}")
//
// In cell In [4] the main thread prints its number, starts
// threading.Thread(target=print_mean, args=[10]) without joining it, and
// prints its number again; the thread fails with "NameError: name 'time'
// is not defined", because the notebook had not imported time yet, and
// nothing is logged, because logging had not been configured yet (info
// messages are below the default WARNING level). In cell In [47], both
// fixed, the thread is a daemon and main joins it, logging with
// format "%(asctime)s: %(message)s" and datefmt "%H:%M:%S".
//
// Run them with
//
//	go run ./examples/printmean -mode=missing-import
//	go run ./examples/printmean -mode=daemon
//	go run ./examples/printmean -mode=daemon -seed=2
//
// The notebook's state becomes a struct, notebook, whose fields say what
// print_mean finds when it runs: the time module's sleep function, or nil
// before "import time"; whether logging was configured; where output goes.
// Go checks imports when it compiles, so the missing module is a nil
// function value, and calling it panics with Go's nil-dereference error
// where Python raises NameError. The panic ends the thread and goes to
// [thread.ExceptHook], as Python's exception goes to threading.excepthook;
// the program goes on.
//
// The output differs from the notebook's in these ways:
//
//   - The program installs its own hook ([thread.SetExceptHook]) that
//     prints Python's header, "Exception in thread Thread-1:", and the
//     panic's message, "panic: runtime error: invalid memory address or nil
//     pointer dereference", to standard output, in place of Python's
//     traceback ending "NameError: name 'time' is not defined". The default
//     hook would print the goroutine's whole stack trace to standard error;
//     its file paths and goroutine numbers differ from machine to machine,
//     and the notebook shows the report among the printed lines anyway.
//   - The thread is "Thread-1"; the notebook's was "Thread-7" because it
//     had started six threads before.
//   - The log lines go to standard output, in the order they happen; Python's
//     logging writes to standard error, which is why the notebook shows
//     "I'm done" before the thread's last two lines.
//   - The numbers are seeded (-seed): the mean is the same on every run, but
//     not numpy's for any seed. It is printed as Python prints a float.
//   - Thread numbers are goroutine IDs ([thread.GetIdent]), small numbers
//     where Python's are addresses like 140689096308480.
//
// In the first mode the thread's lines and main's second line come out in
// either order, as in Python: both run at once. The thread is not a daemon
// and nobody joins it, so the deferred [thread.Shutdown] waits for it and
// its report is printed before the program ends, as in Python.
package main

import (
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"time"

	"github.com/pyconc/pyconc/internal/pyrepr"
	"github.com/pyconc/pyconc/thread"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("printmean", flag.ContinueOnError)
	mode := fs.String("mode", "daemon", `which run of the notebook to show: "missing-import" (cell In [4]) or "daemon" (cell In [47])`)
	seed := fs.Uint64("seed", 1, "seed for the random numbers")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("printmean: unexpected arguments %q", fs.Args())
	}

	// A thread's panic is reported on w, briefly (see the package doc).
	// The hook is installed before Shutdown is deferred, so that it is
	// restored only after Shutdown has waited for the thread.
	restore := thread.SetExceptHook(func(a thread.ExceptHookArgs) {
		fmt.Fprintf(w, "Exception in thread %s:\npanic: %v\n", a.Thread.Name(), a.Value)
	})
	defer restore()
	defer thread.Shutdown()

	nb := &notebook{w: w, random: rand.New(rand.NewPCG(*seed, 0))}
	switch *mode {
	case "missing-import":
		nb.cell4()
	case "daemon":
		nb.sleep, nb.logging = time.Sleep, true // import time; logging.basicConfig(...)
		nb.cell47()
	default:
		return fmt.Errorf("printmean: unknown -mode %q", *mode)
	}
	return nil
}

// A notebook is the state of the notebook's namespace when a cell runs.
type notebook struct {
	w       io.Writer
	sleep   func(time.Duration) // time.sleep; nil until time is imported
	logging bool                // whether logging.info prints: false until logging is configured
	random  *rand.Rand          // np.random
}

// cell4 is the notebook's cell In [4]: start the thread, never join it.
func (nb *notebook) cell4() {
	fmt.Fprintf(nb.w, "(Main) I am thread number %d\n", thread.GetIdent())
	nb.info("(Main) Before secondary thread creation")
	myThread := thread.New(func() { nb.printMean(10) })
	nb.info("(Main) Before running secondary thread")
	myThread.Start()
	nb.info("(Main) Waiting for this thing to finish(?)")
	nb.info("(Main) Done. What about you?")
	fmt.Fprintf(nb.w, "(Main) I am thread number %d\n", thread.GetIdent())
}

// cell47 is the notebook's cell In [47]: a daemon thread, joined.
func (nb *notebook) cell47() {
	nb.info("(Main) Before thread creation")
	myThread := thread.New(func() { nb.printMean(10) }, thread.Daemon(true))
	nb.info("(Main) Before running thread")
	myThread.Start()
	nb.info("(Main) Waiting for it to finish(?)")
	myThread.Join()
	nb.info("(Main) I'm done. What about you?")
}

// printMean is the Python function print_mean.
func (nb *notebook) printMean(n int) {
	nb.info("(Thread) We've already begun. Where are you?")
	fmt.Fprint(nb.w, "(Thread) Trying to calculate the mean now...\n\n") // print adds the second newline
	nb.sleep(2 * time.Second)                                            // panics while time is not imported
	fmt.Fprintln(nb.w, pyrepr.Float(mean(nb.random, n)))
	fmt.Fprintf(nb.w, "(Thread) I am thread number %d\n", thread.GetIdent())
}

// info is logging.info: once logging is configured, it writes the time and
// msg, as the format "%(asctime)s: %(message)s" with datefmt "%H:%M:%S"
// does; before, it writes nothing.
func (nb *notebook) info(msg string) {
	if nb.logging {
		fmt.Fprintf(nb.w, "%s: %s\n", time.Now().Format("15:04:05"), msg)
	}
}

// mean returns the mean of n standard normal random numbers:
// np.mean(np.random.randn(n)).
func mean(random *rand.Rand, n int) float64 {
	var sum float64
	for range n {
		sum += random.NormFloat64()
	}
	return sum / float64(n)
}
