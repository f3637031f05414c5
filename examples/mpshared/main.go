// Command mpshared is the Go port of the shared-memory program of two
// seed documents: the "Shared memory" slide of
// shared/seeds/001_3156b2b5eb6b5b98.txt (Reuven Lerner's slides, in
// Python 2) and the Value and Array example of
// shared/seeds/003_b48680637bfb9369.txt ("Concurrency and
// Multithreading", section "Shared memory"), the same program in
// Python 3:
//
//	from multiprocessing import Process, Value, Array
//
//	def f(n, a):
//	    n.value = 3.1415927
//	    for i in range(len(a)):
//	        a[i] = -a[i]
//
//	if __name__ == '__main__':
//	    num = Value('d', 0.0)
//	    arr = Array('i', range(10))
//
//	    p = Process(target=f, args=(num, arr))
//	    p.start()
//	    p.join()
//
//	    print(num.value)
//	    print(arr[:])
//
// Run it with
//
//	go run ./examples/mpshared
//
// It prints, as the notebook does,
//
//	3.1415927
//	[0, -1, -2, -3, -4, -5, -6, -7, -8, -9]
//
// Python's typecodes become Go types: Value('d', 0.0) is
// [mp.NewValue] of a float64 (a C double), Array('i', range(10)) is
// [mp.NewArray] of int32s (a C int) 0 to 9. n.value is [mp.Value.Value]
// and [mp.Value.SetValue]; len(a), a[i] and a[i] = x are
// [mp.Array.Len], [mp.Array.Get] and [mp.Array.Set]; arr[:] is a copy of
// the elements, [mp.Array.Values]. The values are printed as Python prints
// a float and a list.
//
// Where it differs from Python: the process is a goroutine, so the value
// and the array are ordinary Go memory that both processes see, not a
// shared-memory map; what makes them safe is the same as in Python, the
// lock each synchronized wrapper takes around every read and write. As in
// Python, the loop's `a[i] = -a[i]` is two locked steps, not one: no other
// process touches the array here, and Join makes the child's writes
// visible to the parent.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

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
	fs := flag.NewFlagSet("mpshared", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("mpshared: unexpected arguments %q", fs.Args())
	}

	num := mp.NewValue(0.0)         // Value('d', 0.0)
	arr := mp.NewArray(pyRange(10)) // Array('i', range(10))

	p := mp.NewProcess(func() { f(num, arr) }) // Process(target=f, args=(num, arr))
	p.Start()
	p.Join()

	fmt.Fprintln(w, pyrepr.Float(num.Value()))
	fmt.Fprintln(w, pyList(arr.Values())) // arr[:]
	return nil
}

// f is the Python function f: it sets n and negates every element of a.
func f(n *mp.Value[float64], a *mp.Array[int32]) {
	n.SetValue(3.1415927)
	for i := range a.Len() {
		a.Set(i, -a.Get(i))
	}
}

// pyRange returns the C ints 0 to n-1, what Array('i', range(n)) holds.
func pyRange(n int) []int32 {
	xs := make([]int32, n)
	for i := range xs {
		xs[i] = int32(i)
	}
	return xs
}

// pyList formats xs as Python prints a list of ints: "[0, -1, -2]".
func pyList(xs []int32) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.Itoa(int(x))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
