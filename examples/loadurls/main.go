// Command loadurls is the Go port of the load_url cells of
// shared/seeds/000_9db71707a25980b8.txt ("Multithreading and
// Multiprocessing", section "Multithreading/Multiprocessing for Python
// 3"), the ThreadPoolExecutor example of the concurrent.futures
// documentation followed by its serial version:
//
//	import concurrent.futures
//	import urllib.request
//	import time
//
//	URLS = ['https://www.japan.go.jp/',
//	        'http://www.foxnews.com/',
//	        'http://www.cnn.com/',
//	        'http://www.python.org',
//	        'http://www.wikipedia.org',
//	        'http://europe.wsj.com/',
//	        'http://www.bbc.co.uk/',
//	        'http://www.apple.com',
//	        'http://blahblahblah.org']
//
//	# Retrieve a single page and report the URL and contents
//	def load_url(url, timeout):
//	    with urllib.request.urlopen(url, timeout=timeout) as conn:
//	        return conn.read()
//
//	start = time.time()
//	# We use a with statement to ensure threads are cleaned up promptly
//	with concurrent.futures.ThreadPoolExecutor(max_workers=5) as executor:
//	    # start the load operations and mark each future with its URL
//	    future_to_url = {executor.submit(load_url, url, 60): url for url in URLS}
//	    # asynchronously wait for threads to complete...
//	    for future in concurrent.futures.as_completed(future_to_url):
//	        url = future_to_url[future]
//	        try:
//	            data = future.result()
//	        except Exception as exc:
//	            print(f'{url} generated an exception: {exc}')
//	        else:
//	            print(f'{url} is {len(data)} bytes')
//	print(f'Completed in {time.time() - start:.2f} seconds')
//
//	def serial():
//	    start = time.time()
//	    for url in URLS:
//	        try:
//	            data = load_url(url, 60)
//	        except Exception as exc:
//	            print(f'{url} generated an exception: {exc}')
//	        else:
//	            print(f'{url} is {len(data)} bytes')
//	    print(f'Completed in {time.time() - start:.2f} seconds')
//
//	serial()
//
// Run it with
//
//	go run ./examples/loadurls
//	go run ./examples/loadurls -urls=https://go.dev/,https://example.com/
//
// It fetches every URL twice, five at a time and then one after the
// other, and prints a line for each fetch and how long each round took:
//
//	http://www.python.org is 50770 bytes
//	https://www.japan.go.jp/ is 21473 bytes
//	http://blahblahblah.org generated an exception: <urlopen error [Errno -2] Name or service not known>
//	...
//	Completed in 0.83 seconds
//	https://www.japan.go.jp/ is 21473 bytes
//	...
//	Completed in 2.91 seconds
//
// The first round's lines come in the order the fetches finish, which
// varies from run to run; the second round's in the list's order. The
// -urls flag, a comma-separated list, replaces the tutorial's list.
//
// executor.submit(load_url, url, 60) becomes [futures.SubmitErr] with a
// closure, and as_completed over the dictionary's keys becomes
// [futures.AsCompleted] over a slice of the futures, with a map from
// future to URL beside it. AsCompleted yields (future, error) pairs; the
// error is there for a timeout, which this program does not set. The with
// block becomes a function that defers
// [futures.ThreadPoolExecutor.Shutdown], so the first "Completed" line,
// printed after it returns, counts the shutdown too, as Python's does.
// The fetches share one http.Client, whose idle connections are closed
// when the program ends.
//
// urlopen raises HTTPError for a status other than 2xx and URLError when
// it cannot connect. The Go load_url returns an error in the same cases,
// and its text is Python's: "HTTP Error 404: Not Found", "<urlopen error
// [Errno 111] Connection refused>" (the errno is the system's), "<urlopen
// error [Errno -2] Name or service not known>" for a host that does not
// resolve, and "<urlopen error timed out>" after the 60 seconds. Other
// failures print Go's own description inside "<urlopen error …>".
//
// Where the output differs from Python's:
//
//   - The sizes are those of the pages on the day it runs, and may differ
//     from Python's on the same day: Go's HTTP client sends its own
//     User-Agent where urllib sends "Python-urllib/3.x", and a site may
//     answer each with another page. blahblahblah.org may by now resolve.
//   - Under `go test` the URLs point at a local test server, the failing
//     one answering 404, and the clock is fake and does not move during
//     network I/O, so both rounds take "0.00 seconds".
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/pyconc/pyconc/futures"
	"github.com/pyconc/pyconc/thread"
)

// tutorialURLs are the tutorial's URLS.
var tutorialURLs = []string{
	"https://www.japan.go.jp/",
	"http://www.foxnews.com/",
	"http://www.cnn.com/",
	"http://www.python.org",
	"http://www.wikipedia.org",
	"http://europe.wsj.com/",
	"http://www.bbc.co.uk/",
	"http://www.apple.com",
	"http://blahblahblah.org",
}

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(w io.Writer, args []string) error {
	defer thread.Shutdown()
	fs := flag.NewFlagSet("loadurls", flag.ContinueOnError)
	urlList := fs.String("urls", strings.Join(tutorialURLs, ","), "comma-separated URLs to load")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("loadurls: unexpected arguments %q", fs.Args())
	}
	urls := strings.Split(*urlList, ",")

	client := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	defer client.CloseIdleConnections()

	start := time.Now()
	if err := loadConcurrently(w, client, urls); err != nil {
		return err
	}
	fmt.Fprintf(w, "Completed in %.2f seconds\n", time.Since(start).Seconds())

	serial(w, client, urls)
	return nil
}

// loadConcurrently is the with block: it loads urls on five threads and
// prints a line for each as it completes.
func loadConcurrently(w io.Writer, client *http.Client, urls []string) error {
	executor := futures.NewThreadPoolExecutor(futures.MaxWorkers(5))
	defer executor.Shutdown() // the end of the with block

	// Start the load operations and mark each future with its URL.
	fs := make([]*futures.Future[[]byte], 0, len(urls))
	futureToURL := make(map[*futures.Future[[]byte]]string, len(urls))
	for _, url := range urls {
		future, err := futures.SubmitErr(executor, func() ([]byte, error) { return loadURL(client, url, 60*time.Second) })
		if err != nil {
			return err
		}
		fs = append(fs, future)
		futureToURL[future] = url
	}
	// Wait for the threads to complete, each in turn.
	for future, err := range futures.AsCompleted(fs) {
		if err != nil {
			return err // a timeout, which this program does not set
		}
		url := futureToURL[future]
		if data, err := future.Result(); err != nil {
			fmt.Fprintf(w, "%s generated an exception: %v\n", url, err)
		} else {
			fmt.Fprintf(w, "%s is %d bytes\n", url, len(data))
		}
	}
	return nil
}

// serial is the Python function serial: it loads urls one after the other.
func serial(w io.Writer, client *http.Client, urls []string) {
	start := time.Now()
	for _, url := range urls {
		if data, err := loadURL(client, url, 60*time.Second); err != nil {
			fmt.Fprintf(w, "%s generated an exception: %v\n", url, err)
		} else {
			fmt.Fprintf(w, "%s is %d bytes\n", url, len(data))
		}
	}
	fmt.Fprintf(w, "Completed in %.2f seconds\n", time.Since(start).Seconds())
}

// loadURL is the Python function load_url: it retrieves a single page
// and returns its contents, giving up after timeout. As urlopen does, it
// fails for a status other than 2xx, after following redirects.
func loadURL(client *http.Client, url string, timeout time.Duration) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, urlopenError(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// HTTPError: the code and the server's reason phrase.
		reason := strings.TrimPrefix(resp.Status, strconv.Itoa(resp.StatusCode)+" ")
		return nil, fmt.Errorf("HTTP Error %d: %s", resp.StatusCode, reason)
	}
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, urlopenError(err)
	}
	return data, nil
}

// urlopenError returns err, an error from connecting or reading, with the
// text of the URLError urlopen would raise: "<urlopen error REASON>".
func urlopenError(err error) error {
	var reason string
	var dnsErr *net.DNSError
	var errno syscall.Errno
	var timeout interface{ Timeout() bool }
	switch {
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		reason = "[Errno -2] Name or service not known" // socket.gaierror
	case errors.As(err, &timeout) && timeout.Timeout(), errors.Is(err, context.DeadlineExceeded):
		reason = "timed out"
	case errors.As(err, &errno):
		// An OSError: the errno and the C library's message, which
		// is Go's with a capital letter.
		msg := errno.Error()
		reason = fmt.Sprintf("[Errno %d] %s", int(errno), strings.ToUpper(msg[:1])+msg[1:])
	default:
		reason = innermost(err).Error()
	}
	return fmt.Errorf("<urlopen error %s>", reason)
}

// innermost returns the last error in err's chain of Unwrap.
func innermost(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}
