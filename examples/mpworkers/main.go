// Command mpworkers is the Go port of simple_queue2.py, from the "Python
// Multiprocess with queue" section of shared/seeds/002_7c14b898e9712794.txt
// ("Python Concurrency"): four processes share a Queue of four words, and
// each takes one and prints it with its own name.
//
//	from multiprocessing import Queue, Process, current_process
//
//	def worker(queue):
//	    name = current_process().name
//	    print(f'{name} data received: {queue.get()}')
//
//	def main():
//	    queue = Queue()
//	    queue.put("wood")
//	    queue.put("sky")
//	    queue.put("cloud")
//	    queue.put("ocean")
//
//	    processes = [Process(target=worker, args=(queue,)) for _ in range(4)]
//
//	    for p in processes:
//	        p.start()
//
//	    for p in processes:
//	        p.join()
//
//	if __name__ == "__main__":
//	    main()
//
// Run it with
//
//	go run ./examples/mpworkers
//
// The document shows
//
//	Process-1 data received: wood
//	Process-2 data received: sky
//	Process-3 data received: cloud
//	Process-4 data received: ocean
//
// and the Go program prints four such lines: each process's name once,
// Process-1 to Process-4 as Python names them, and each word once. Which
// process gets which word, and in which order the lines come, is the
// scheduler's choice, in Python as in Go: the processes start in order,
// but the first to reach get() is not always the first started. The
// document's run happens to show the order of the starts.
//
// Queue() becomes [mp.NewQueue] of strings, unbounded as Python's
// default; current_process().name is [mp.CurrentProcess] and
// [mp.Process.Name], which inside a process's goroutine is that process.
// The list comprehension of processes is a loop filling a slice, and each
// process is given a closure over the queue, Go's args=(queue,). The
// processes are goroutines sharing the queue in memory, not operating-system
// processes reading a pipe.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

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
	fs := flag.NewFlagSet("mpworkers", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("mpworkers: unexpected arguments %q", fs.Args())
	}

	queue := mp.NewQueue[string](0)
	queue.Put("wood")
	queue.Put("sky")
	queue.Put("cloud")
	queue.Put("ocean")

	processes := make([]*mp.Process, 4)
	for i := range processes {
		processes[i] = mp.NewProcess(func() { worker(w, queue) }) // Process(target=worker, args=(queue,))
	}

	for _, p := range processes {
		p.Start()
	}

	for _, p := range processes {
		p.Join()
	}
	return nil
}

// worker is the Python function worker: it takes one item from queue and
// prints it with the name of the process it runs in.
func worker(w io.Writer, queue *mp.Queue[string]) {
	name := mp.CurrentProcess().Name()
	item, _ := queue.Get() // the error of a multiprocessing Queue's Get is always nil
	fmt.Fprintf(w, "%s data received: %s\n", name, item)
}
