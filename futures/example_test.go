package futures_test

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/pyconc/pyconc/futures"
)

// The ThreadPoolExecutor example of the concurrent.futures documentation:
// load five pages at once with Submit, and report each as it completes
// with AsCompleted. The Python version fetches real URLs with
// urllib.request; here loadURL serves made-up pages, one of which fails
// like the documentation's nonexistent host. Pages complete in no fixed
// order, hence the unordered output.
func Example_loadURL() {
	urls := []string{
		"http://www.foxnews.com/",
		"http://www.cnn.com/",
		"http://europe.wsj.com/",
		"http://www.bbc.co.uk/",
		"http://nonexistant-subdomain.python.org/",
	}

	// loadURL stands for Python's
	//	with urllib.request.urlopen(url, timeout=timeout) as conn:
	//	    return conn.read()
	loadURL := func(url string) ([]byte, error) {
		if strings.Contains(url, "nonexistant") {
			return nil, fmt.Errorf("<urlopen error [Errno -2] Name or service not known>")
		}
		return []byte(strings.Repeat("x", 1000*len(url))), nil
	}

	// with ThreadPoolExecutor(max_workers=5) as executor:
	executor := futures.NewThreadPoolExecutor(futures.MaxWorkers(5))
	defer executor.Shutdown()

	// Start the load operations and mark each future with its URL.
	futureToURL := map[*futures.Future[[]byte]]string{}
	var fs []*futures.Future[[]byte]
	for _, url := range urls {
		f, err := futures.SubmitErr(executor, func() ([]byte, error) { return loadURL(url) })
		if err != nil {
			panic(err)
		}
		futureToURL[f] = url
		fs = append(fs, f)
	}
	for future := range futures.AsCompleted(fs) {
		url := futureToURL[future]
		data, err := future.Result()
		if err != nil {
			fmt.Printf("%q generated an exception: %v\n", url, err)
		} else {
			fmt.Printf("%q page is %d bytes\n", url, len(data))
		}
	}
	// Unordered output:
	// "http://www.foxnews.com/" page is 23000 bytes
	// "http://www.cnn.com/" page is 19000 bytes
	// "http://europe.wsj.com/" page is 22000 bytes
	// "http://www.bbc.co.uk/" page is 21000 bytes
	// "http://nonexistant-subdomain.python.org/" generated an exception: <urlopen error [Errno -2] Name or service not known>
}

// isPrime is the is_prime of the concurrent.futures documentation.
func isPrime(n int) bool {
	if n < 2 {
		return false
	}
	if n == 2 {
		return true
	}
	if n%2 == 0 {
		return false
	}
	sqrtN := int(math.Floor(math.Sqrt(float64(n))))
	for i := 3; i <= sqrtN; i += 2 {
		if n%i == 0 {
			return false
		}
	}
	return true
}

// primes are the PRIMES of the concurrent.futures documentation.
var primes = []int{
	112272535095293,
	112582705942171,
	112272535095293,
	115280095190773,
	115797848077099,
	1099726899285419,
}

// The ProcessPoolExecutor example of the concurrent.futures
// documentation: Map runs isPrime on every number at once, and yields
// the answers in the order of the numbers.
func ExampleMap() {
	executor := futures.NewProcessPoolExecutor()
	defer executor.Shutdown()

	i := 0
	for prime, err := range futures.Map(executor, isPrime, primes) {
		if err != nil {
			panic(err)
		}
		fmt.Printf("%d is prime: %v\n", primes[i], prime)
		i++
	}
	// Output:
	// 112272535095293 is prime: true
	// 112582705942171 is prime: true
	// 112272535095293 is prime: true
	// 115280095190773 is prime: true
	// 115797848077099 is prime: true
	// 1099726899285419 is prime: false
}

// Submit one call and wait for its result: the documentation's
//
//	with ThreadPoolExecutor(max_workers=1) as executor:
//	    future = executor.submit(pow, 2, 10)
//	    print(future.result())
func ExampleSubmit() {
	executor := futures.NewThreadPoolExecutor(futures.MaxWorkers(1))
	defer executor.Shutdown()

	future, err := futures.Submit(executor, func() int { return pow(2, 10) })
	if err != nil {
		panic(err)
	}
	fmt.Println(future.Result())
	// Output:
	// 1024 <nil>
}

// Wait with FirstCompleted returns as soon as one future is done, with
// the done futures and the others.
func ExampleWait() {
	executor := futures.NewThreadPoolExecutor()
	defer executor.Shutdown()

	release := make(chan struct{})
	fast, _ := futures.Submit(executor, func() string { return "fast" })
	slow, _ := futures.Submit(executor, func() string { <-release; return "slow" })

	done, notDone := futures.Wait([]*futures.Future[string]{slow, fast}, futures.FirstCompleted)
	for _, f := range done {
		v, _ := f.Result()
		fmt.Println("done:", v)
	}
	fmt.Println("not done:", len(notDone))

	close(release)
	done, notDone = futures.Wait([]*futures.Future[string]{slow, fast}) // AllCompleted
	fmt.Println("then done:", len(done), "not done:", len(notDone))
	// Output:
	// done: fast
	// not done: 1
	// then done: 2 not done: 0
}

// Shutdown with CancelFutures cancels the calls that have not started;
// the running one finishes.
func ExampleCancelFutures() {
	executor := futures.NewThreadPoolExecutor(futures.MaxWorkers(1))

	started, release := make(chan struct{}), make(chan struct{})
	running, _ := futures.Submit(executor, func() string {
		close(started)
		<-release
		return "finished"
	})
	var queued []*futures.Future[string]
	for i := range 3 {
		f, _ := futures.Submit(executor, func() string { return fmt.Sprint("queued ", i) })
		queued = append(queued, f)
	}
	<-started

	// Cancel the queued calls and return at once; then let the running
	// call finish, and wait for it, as a plain Shutdown does.
	executor.Shutdown(futures.CancelFutures(true), futures.ShutdownWait(false))
	close(release)
	executor.Shutdown()

	fmt.Println(running.Result())
	for _, f := range queued {
		_, err := f.Result()
		fmt.Println(f.Cancelled(), errors.Is(err, futures.ErrCancelled))
	}
	// Output:
	// finished <nil>
	// true true
	// true true
	// true true
}

// A Future made by NewFuture is completed by the code that made it;
// callbacks run when it is.
func ExampleFuture_AddDoneCallback() {
	f := futures.NewFuture[string]()
	f.AddDoneCallback(func(f *futures.Future[string]) {
		v, _ := f.Result()
		fmt.Println("callback saw", v)
	})
	fmt.Println("done:", f.Done())
	f.SetResult("hello")
	fmt.Println("done:", f.Done())
	// Output:
	// done: false
	// callback saw hello
	// done: true
}

// A panic in a call is its future's error, a *PanicError holding the
// panic's value and stack; the executor goes on.
func ExamplePanicError() {
	executor := futures.NewThreadPoolExecutor()
	defer executor.Shutdown()

	words := []string{"spam", "eggs"}
	f, _ := futures.Submit(executor, func() string {
		i := len(words)
		return words[i] // index out of range
	})
	_, err := f.Result()
	var pe *futures.PanicError
	if errors.As(err, &pe) {
		fmt.Println("panic:", pe.Value)
	}
	// Output:
	// panic: runtime error: index out of range [2] with length 2
}

// MapErr yields the results in order up to the first failing call, then
// its error, and cancels the calls that have not started yet.
func ExampleMapErr() {
	executor := futures.NewThreadPoolExecutor(futures.MaxWorkers(1))
	defer executor.Shutdown()

	times10 := func(i int) (int, error) {
		if i == 2 {
			return 0, errors.New("two is not allowed")
		}
		return i * 10, nil
	}
	for v, err := range futures.MapErr(executor, times10, []int{0, 1, 2, 3}) {
		if err != nil {
			fmt.Println("error:", err)
			continue // the error is the last thing yielded
		}
		fmt.Println(v)
	}
	// Output:
	// 0
	// 10
	// error: two is not allowed
}
