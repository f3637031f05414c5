// Command queues is the Go port of the "Queues to share data", "Get from
// queue", "Exceptions" and "Wait for threads" slides of
// shared/seeds/001_3156b2b5eb6b5b98.txt, which show Python's Queue.Queue
// (queue.Queue in Python 3) through one-line calls: a queue with at most
// five items and one without a limit, blocking, non-blocking and timed put
// and get, the Full and Empty exceptions, and task_done with join.
//
// The slides have no program and no output. This one runs each call on a
// [queue.Queue] and prints its outcome: the thread that acts, the Go call
// and its result, and after "#" the Python it stands for. A blocking call
// is shown blocking in another thread, which the main thread unblocks a
// second later; Python's exceptions queue.Full and queue.Empty are the
// errors [queue.ErrFull] and [queue.ErrEmpty], matched with [errors.Is].
//
//	go run ./examples/queues
//
// The slides' timed calls read put(ITEM, block=False, timeout=10) and
// get(block=False, timeout=10), but Python ignores the timeout when block is
// False: those calls are put_nowait and get_nowait. The program shows what
// the slides mean, the timed forms put(ITEM, timeout=10) and get(timeout=10):
// [queue.Queue.PutTimeout] and [queue.Queue.GetTimeout] with a
// [time.Duration] of ten seconds, which give up after exactly 10s under
// `go test`'s fake clock. Outside it the waits print their real duration
// rounded to a tenth of a second, so a very slow machine could print 10.1s.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/pyconc/pyconc/queue"
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
	fs := flag.NewFlagSet("queues", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("queues: unexpected arguments %q", fs.Args())
	}

	out := printer{w}
	jobs, err := queuesToShareData(out)
	if err != nil {
		return err
	}
	getFromQueue(out, jobs)
	return waitForThreads(out)
}

// A printer prints the program's steps.
type printer struct{ w io.Writer }

// title prints the title of a slide.
func (p printer) title(title string) { fmt.Fprintln(p.w, title) }

// section prints the slide's line of Python that the next steps show.
func (p printer) section(python string) { fmt.Fprintf(p.w, "\n%s\n", python) }

// step prints what the calling thread did, and the Python it stands for.
func (p printer) step(goCall, python string) {
	fmt.Fprintf(p.w, "%-10s %-53s # %s\n", thread.CurrentThread().Name(), goCall, python)
}

// queuesToShareData shows the slide "Queues to share data": it fills a
// queue of five items, shows that a sixth Put blocks and that the
// non-blocking and timed forms fail, and returns the full queue.
func queuesToShareData(out printer) (*queue.Queue[string], error) {
	out.title("Queues to share data")
	out.section("jobs = Queue.Queue(5) # max")
	jobs := queue.New[string](5)
	out.step("jobs := queue.New[string](5)", fmt.Sprintf("maxsize = %d", jobs.Maxsize()))
	for i := 1; i <= 5; i++ {
		item := fmt.Sprintf("job %d", i)
		err := jobs.Put(item)
		out.step(fmt.Sprintf("jobs.Put(%q) = %v", item, err), fmt.Sprintf("jobs.put(ITEM): qsize() = %d, full() = %t", jobs.Qsize(), jobs.Full()))
	}

	out.section("jobs = Queue.Queue(-1)")
	unbounded := queue.New[string](-1)
	out.step("unbounded := queue.New[string](-1)", fmt.Sprintf("maxsize = %d: no limit", unbounded.Maxsize()))
	for i := range 1000 {
		if err := unbounded.PutNowait(fmt.Sprintf("job %d", i)); err != nil {
			return nil, err
		}
	}
	out.step("1000 × unbounded.PutNowait(item) = <nil>", fmt.Sprintf("qsize() = %d, full() = %t", unbounded.Qsize(), unbounded.Full()))

	out.section("jobs.put(ITEM) # Blocks!")
	var (
		putErr  error
		elapsed time.Duration
	)
	putter := thread.New(func() {
		out.step(`jobs.Put("job 6") ...`, "blocks while the queue is full")
		start := time.Now()
		putErr = jobs.Put("job 6")
		elapsed = since(start)
	})
	putter.Start()
	out.step(fmt.Sprintf("putter.JoinTimeout(1s) = %t", putter.JoinTimeout(time.Second)), putter.Name()+" is still blocked")
	item, err := jobs.Get()
	out.step(fmt.Sprintf("jobs.Get() = %q, %v", item, err), "makes room for one item")
	putter.Join()
	out.step(fmt.Sprintf("putter.Join(): Put returned %v after %v", putErr, elapsed), fmt.Sprintf("qsize() = %d", jobs.Qsize()))

	out.section("jobs.put(ITEM, block=False)")
	err = jobs.PutNowait("job 7")
	out.step(fmt.Sprintf(`jobs.PutNowait("job 7") = %v`, err), fmt.Sprintf("raises queue.Full: errors.Is(err, queue.ErrFull) = %t", errors.Is(err, queue.ErrFull)))

	out.section("jobs.put(ITEM, timeout=10)")
	start := time.Now()
	err = jobs.PutTimeout("job 7", 10*time.Second)
	out.step(fmt.Sprintf(`jobs.PutTimeout("job 7", 10s) = %v after %v`, err, since(start)), fmt.Sprintf("raises queue.Full: errors.Is(err, queue.ErrFull) = %t", errors.Is(err, queue.ErrFull)))
	return jobs, nil
}

// getFromQueue shows the slide "Get from queue": it empties jobs without
// blocking, shows that the non-blocking and timed forms of Get then fail,
// and that Get blocks until an item is put.
func getFromQueue(out printer, jobs *queue.Queue[string]) {
	out.title("\nGet from queue")
	out.section("jobs.get(block=False)")
	for !jobs.Empty() {
		item, err := jobs.GetNowait()
		out.step(fmt.Sprintf("jobs.GetNowait() = %q, %v", item, err), fmt.Sprintf("qsize() = %d", jobs.Qsize()))
	}
	item, err := jobs.GetNowait()
	out.step(fmt.Sprintf("jobs.GetNowait() = %q, %v", item, err), fmt.Sprintf("raises queue.Empty: errors.Is(err, queue.ErrEmpty) = %t", errors.Is(err, queue.ErrEmpty)))

	out.section("jobs.get(timeout=10)")
	start := time.Now()
	item, err = jobs.GetTimeout(10 * time.Second)
	out.step(fmt.Sprintf("jobs.GetTimeout(10s) = %q, %v after %v", item, err, since(start)), fmt.Sprintf("raises queue.Empty: errors.Is(err, queue.ErrEmpty) = %t", errors.Is(err, queue.ErrEmpty)))

	out.section("jobs.get() # Blocks!")
	var (
		got     string
		getErr  error
		elapsed time.Duration
	)
	getter := thread.New(func() {
		out.step("jobs.Get() ...", "blocks while the queue is empty")
		start := time.Now()
		got, getErr = jobs.Get()
		elapsed = since(start)
	})
	getter.Start()
	out.step(fmt.Sprintf("getter.JoinTimeout(1s) = %t", getter.JoinTimeout(time.Second)), getter.Name()+" is still blocked")
	err = jobs.Put("job 8")
	out.step(fmt.Sprintf(`jobs.Put("job 8") = %v`, err), "gives it an item")
	getter.Join()
	out.step(fmt.Sprintf("getter.Join(): Get returned %q, %v after %v", got, getErr, elapsed), fmt.Sprintf("qsize() = %d", jobs.Qsize()))
}

// waitForThreads shows the slide "Wait for threads": a worker thread marks
// each item done with TaskDone, and the main thread's Join returns when
// all of them are.
func waitForThreads(out printer) error {
	out.title("\nWait for threads")
	out.section("jobs.task_done(); jobs.join()")
	jobs := queue.New[string](5)
	for i := 1; i <= 3; i++ {
		if err := jobs.Put(fmt.Sprintf("job %d", i)); err != nil {
			return err
		}
	}
	out.step("jobs := queue.New[string](5); 3 × jobs.Put(item)", fmt.Sprintf("unfinished_tasks = %d", jobs.UnfinishedTasks()))
	worker := thread.New(func() {
		for item := range jobs.Items() {
			time.Sleep(time.Second) // processing takes a second
			// Each thread can indicate it's done processing.
			out.step(fmt.Sprintf("jobs.TaskDone() for %q", item), "jobs.task_done()")
			jobs.TaskDone()
		}
	})
	worker.Start()

	// The main thread waits for all to signal that they're done processing.
	out.step("jobs.Join() ...", "jobs.join(): blocks until every item is done")
	start := time.Now()
	jobs.Join()
	out.step(fmt.Sprintf("jobs.Join() returned after %v", since(start)), fmt.Sprintf("unfinished_tasks = %d", jobs.UnfinishedTasks()))
	jobs.Shutdown() // ends the worker's loop
	worker.Join()
	out.step("jobs.Shutdown(); worker.Join()", "jobs.shutdown() (Python 3.13); the worker has ended")
	return nil
}

// since returns the time elapsed since start, to a tenth of a second:
// the waits take whole seconds, and a real clock overshoots by a few
// milliseconds.
func since(start time.Time) time.Duration {
	return time.Since(start).Round(100 * time.Millisecond)
}
