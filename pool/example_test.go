package pool_test

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/pyconc/pyconc/pool"
)

func f(x int) int { return x * x }

// Map over a pool of five workers; Python's "with Pool(5) as p:" is a
// deferred Terminate. Ported from the basic data-parallelism example of
// shared/seeds/003_b48680637bfb9369.txt (the multiprocessing docs):
//
//	with Pool(5) as p:
//	    print(p.map(f, [1, 2, 3]))
func Example() {
	p := pool.New(pool.Processes(5))
	defer p.Terminate()

	fmt.Println(pool.Map(p, f, []int{1, 2, 3}))
	// Output:
	// [1 4 9] <nil>
}

// ApplyAsync and a Get with a timeout, then Map. Ported from "Process
// pooling" in shared/seeds/001_3156b2b5eb6b5b98.txt:
//
//	pool = Pool(processes=4)           # start 4 workers
//	result = pool.apply_async(f, [10]) # run "f(10)"
//	print result.get(timeout=1)        # print "100"
//	print pool.map(f, range(10))       # prints numbers
func ExampleApplyAsync() {
	p := pool.New(pool.Processes(4)) // start 4 workers
	defer p.Terminate()

	result := pool.ApplyAsync(p, func() int { return f(10) }) // run "f(10)"
	fmt.Println(result.GetTimeout(time.Second))               // print "100"

	xs := make([]int, 10) // range(10)
	for i := range xs {
		xs[i] = i
	}
	fmt.Println(pool.Map(p, f, xs)) // prints numbers
	// Output:
	// 100 <nil>
	// [0 1 4 9 16 25 36 49 64 81] <nil>
}

// A Get that gives up: the multiprocessing docs' "We lacked patience".
// The task waits on a channel rather than sleeping ten seconds, so the
// example is quick and its output fixed.
func ExampleAsyncResult_GetTimeout() {
	p := pool.New(pool.Processes(4))
	defer p.Terminate()

	wake := make(chan struct{})
	res := pool.ApplyAsync(p, func() int { <-wake; return 0 }) // a long task
	if _, err := res.GetTimeout(10 * time.Millisecond); errors.Is(err, pool.ErrTimeout) {
		fmt.Println("We lacked patience and got a multiprocessing.TimeoutError")
	}
	close(wake)
	fmt.Println(res.Get())
	// Output:
	// We lacked patience and got a multiprocessing.TimeoutError
	// 0 <nil>
}

// IMapUnordered yields the results as they are done, so their order
// varies from run to run; sorting them gives a fixed output. From the
// multiprocessing docs' pool example, for i in pool.imap_unordered(f,
// range(10)).
func ExampleIMapUnordered() {
	p := pool.New(pool.Processes(4))
	defer p.Terminate()

	var got []int
	for r, err := range pool.IMapUnordered(p, f, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}) {
		if err != nil {
			fmt.Println(err)
			continue
		}
		got = append(got, r)
	}
	slices.Sort(got)
	fmt.Println(got)
	// Output:
	// [0 1 4 9 16 25 36 49 64 81]
}

// IMap yields the results in input order, each with its own error: a
// failing item does not end the loop.
func ExampleIMapErr() {
	p := pool.New(pool.Processes(2))
	defer p.Terminate()

	inverse := func(x float64) (float64, error) {
		if x == 0 {
			return 0, errors.New("division by zero")
		}
		return 1 / x, nil
	}
	for r, err := range pool.IMapErr(p, inverse, []float64{4, 0, 2}) {
		fmt.Println(r, err)
	}
	// Output:
	// 0.25 <nil>
	// 0 division by zero
	// 0.5 <nil>
}

// StarMap passes the two halves of each Pair to a function of two
// arguments, as Python's starmap unpacks tuples.
func ExampleStarMap() {
	p := pool.New(pool.Processes(2))
	defer p.Terminate()

	mul := func(x, y int) int { return x * y }
	pairs := []pool.Pair[int, int]{{First: 1, Second: 2}, {First: 3, Second: 4}, {First: 5, Second: 6}}
	fmt.Println(pool.StarMap(p, mul, pairs))
	// Output:
	// [2 12 30] <nil>
}

// MapAsync with a callback, which runs before Get returns.
func ExampleMapAsync() {
	p := pool.New(pool.Processes(2))
	defer p.Terminate()

	r := pool.MapAsync(p, f, []int{1, 2, 3},
		pool.Callback(func(squares []int) { fmt.Println("callback:", squares) }),
		pool.ErrorCallback(func(err error) { fmt.Println("error callback:", err) }))
	fmt.Println(r.Get())
	// Output:
	// callback: [1 4 9]
	// [1 4 9] <nil>
}

// Terminate fails every result that is not ready, the queued ones and the
// running one alike, at once; then it waits for the running task to
// return, since a goroutine cannot be killed. Python's "with Pool() as p:"
// ends with terminate(), so defer p.Terminate() is its Go form.
func ExamplePool_Terminate() {
	p := pool.New(pool.Processes(1))

	started, release := make(chan struct{}), make(chan struct{})
	running := pool.ApplyAsync(p, func() int { close(started); <-release; return 1 })
	queued := pool.ApplyAsync(p, func() int { return 2 })
	<-started

	done := make(chan struct{})
	go func() { p.Terminate(); close(done) }()
	_, err := queued.Get()
	fmt.Println("queued:", err)
	_, err = running.Get()
	fmt.Println("running:", err)
	close(release) // the running task returns; Terminate can end
	<-done

	_, err = pool.Apply(p, func() int { return 3 })
	fmt.Println("after:", err)
	fmt.Println(p)
	// Output:
	// queued: pool: terminated before the result was ready
	// running: pool: terminated before the result was ready
	// after: pool: Pool not running
	// <multiprocessing.pool.Pool state=TERMINATE pool_size=1>
}

// Close lets the queued work finish; Join waits for it.
func ExamplePool_Close() {
	p := pool.New(pool.Processes(2))
	results := make([]*pool.AsyncResult[int], 5)
	for i := range results {
		results[i] = pool.ApplyAsync(p, func() int { return f(i) })
	}
	p.Close()
	p.Join()
	for _, r := range results {
		v, _ := r.Get()
		fmt.Print(v, " ")
	}
	fmt.Println()
	// Output:
	// 0 1 4 9 16
}
