// Command imgur is the Go port of the image downloader of
// shared/seeds/002_7c14b898e9712794.txt ("Python Concurrency"), which
// fetches the images of a random Imgur gallery three ways: with a process
// pool, with a thread pool executor, and with a queue feeding eight
// worker threads. The three programs share the module download.py
// (download.go here):
//
//	types = {'image/jpeg', 'image/png', 'image/gif'}
//
//	def get_links(client_id):
//	    headers = {'Authorization': 'Client-ID {}'.format(client_id)}
//	    req = Request('https://api.imgur.com/3/gallery/random/random/', headers=headers, method='GET')
//	    with urlopen(req) as resp:
//	        data = json.loads(resp.read().decode('utf-8'))
//	    return [item['link'] for item in data['data'] if 'type' in item and item['type'] in types]
//
//	def download_link(directory, link):
//	    download_path = directory / os.path.basename(link)
//	    with urlopen(link) as image, download_path.open('wb') as f:
//	        f.write(image.read())
//
//	def setup_download_dir():
//	    download_dir = Path('images')
//	    if not download_dir.exists():
//	        download_dir.mkdir()
//	    return download_dir
//
// The -mode flag picks the program. -mode=pool ("Python multiprocessing
// module"):
//
//	def main():
//	    ts = time()
//	    download_dir = setup_download_dir()
//	    links = [l for l in get_links(CLIENT_ID)]
//	    download = partial(download_link, download_dir)
//	    with Pool(8) as p:
//	        p.map(download, links)
//	    print('Took {}s'.format(time() - ts))
//
// -mode=executor ("Python threading: ThreadPoolExecutor"):
//
//	def main():
//	    ts = time()
//	    download_dir = setup_download_dir()
//	    links = get_links(CLIENT_ID)
//	    with ThreadPoolExecutor() as executor:
//	        fn = partial(download_link, download_dir)
//	        executor.map(fn, links, timeout=30)
//	    print(len(links), ' images', 'took the average time: {}s'.format((time() - ts) / len(links)))
//
// -mode=queue ("Python threading with Queue"):
//
//	class DownloadWorker(Thread):
//	    def __init__(self, queue):
//	        Thread.__init__(self)
//	        self.queue = queue
//
//	    def run(self):
//	        while True:
//	            # Get the work from the queue and expand the tuple
//	            directory, link = self.queue.get()
//	            download_link(directory, link)
//	            self.queue.task_done()
//
//	def main():
//	    ts = time()
//	    download_dir = setup_download_dir()
//	    links = [l for l in get_links(CLIENT_ID)]
//	    queue = Queue()
//	    for x in range(8):
//	        worker = DownloadWorker(queue)
//	        worker.daemon = True
//	        worker.start()
//	    for link in links:
//	        print('Queueing {}'.format(link))
//	        queue.put((download_dir, link))
//	    queue.join()
//	    print('Took {}'.format(time() - ts))
//
// Run it with the client ID of an application registered with Imgur:
//
//	go run ./examples/imgur -client-id=YOUR_ID
//	go run ./examples/imgur -client-id=YOUR_ID -mode=executor -dir=/tmp/images
//	go run ./examples/imgur -client-id=YOUR_ID -mode=queue
//
// or against another server that answers in the same form, with -api.
// The images go into the directory -dir (default "images", the
// tutorial's), created if need be. The program prints what the chosen
// Python program prints:
//
//	Took 1.0467259883880615s
//	60  images took the average time: 0.0171839714050293s
//	Queueing https://i.imgur.com/0dG4qwE.jpg
//	...
//	Took 1.1377530097961426
//
// (the seconds printed as Python prints a float; print's arguments
// separated by spaces, hence the two spaces before "images").
//
// The translation:
//
//   - partial(download_link, download_dir) is a closure. Pool(8).map
//     becomes [pool.MapErr] on a [pool.New] pool of eight workers, which
//     returns a failed download's error where Python's map raises it
//     (the downloads not started by then are skipped);
//     ThreadPoolExecutor().map becomes [futures.MapErr] with a
//     [futures.Timeout] of 30 seconds. The with blocks become functions
//     that defer [pool.Pool.Terminate] and
//     [futures.ThreadPoolExecutor.Shutdown], what their ends call.
//   - The Queue of (directory, link) tuples is a [queue.Queue] of a
//     struct, and DownloadWorker a struct whose Run method is the
//     thread's target, given to [thread.New] with [thread.Daemon], as the
//     Python program sets worker.daemon. Its loop ranges over
//     [queue.Queue.Items], which ends when the queue is shut down: once
//     Join has returned, main shuts the queue down and joins the workers,
//     so no thread is left blocked in Get when the program ends.
//   - The client ID comes from -client-id (the Python programs hold it in
//     CLIENT_ID, to be replaced); the program refuses to run without one.
//
// Where the behaviour differs from Python's:
//
//   - The executor program never reads the results of executor.map, so
//     its 30-second timeout is never applied (it is checked only by the
//     iterator) and a failed download goes unnoticed. The Go program reads
//     them, so the timeout holds and the first failure is reported; with
//     no image links it reports that, where Python fails dividing by
//     zero.
//   - A download that fails in a DownloadWorker kills the Python thread
//     before its task_done, so queue.join() never returns. The Go worker
//     records the error and goes on; run reports the errors after the
//     queue is done, without the "Took" line.
//   - Imgur's current API documentation no longer lists the random
//     gallery, and the API wants a registered client ID; -api names
//     another gallery URL if Imgur's stops answering.
//   - Under `go test` the gallery and the images come from a local test
//     server, and the clock is fake and does not move during network
//     I/O, so the times read 0.0.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/pyconc/pyconc/futures"
	"github.com/pyconc/pyconc/internal/pyrepr"
	"github.com/pyconc/pyconc/pool"
	"github.com/pyconc/pyconc/queue"
	"github.com/pyconc/pyconc/thread"
)

// defaultAPI is the gallery the tutorial lists.
const defaultAPI = "https://api.imgur.com/3/gallery/random/random/"

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(w io.Writer, args []string) error {
	defer thread.Shutdown()
	fs := flag.NewFlagSet("imgur", flag.ContinueOnError)
	mode := fs.String("mode", "pool", `which program to run: "pool" (Pool(8).map), "executor" (ThreadPoolExecutor().map) or "queue" (eight DownloadWorker threads)`)
	clientID := fs.String("client-id", "", "Imgur API client ID (CLIENT_ID in the Python programs)")
	api := fs.String("api", defaultAPI, "URL of the gallery to download the images of")
	dir := fs.String("dir", "images", "directory to download the images into")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("imgur: unexpected arguments %q", fs.Args())
	}
	if *clientID == "" {
		return errors.New("imgur: -client-id is required: register an application with Imgur to get one")
	}

	client := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	defer client.CloseIdleConnections()
	d := downloader{client: client, api: *api, clientID: *clientID, dir: *dir}
	switch *mode {
	case "pool":
		return d.poolMain(w)
	case "executor":
		return d.executorMain(w)
	case "queue":
		return d.queueMain(w)
	default:
		return fmt.Errorf("imgur: unknown -mode %q", *mode)
	}
}

// A downloader holds what the Python programs take from their module and
// constants: the HTTP client, the gallery's URL, CLIENT_ID, and the
// download directory.
type downloader struct {
	client   *http.Client
	api      string
	clientID string
	dir      string
}

// start does the first three lines the programs share: it creates the
// download directory and lists the image links.
func (d downloader) start() (downloadDir string, links []string, err error) {
	if downloadDir, err = setupDownloadDir(d.dir); err != nil {
		return "", nil, err
	}
	links, err = getLinks(d.client, d.api, d.clientID)
	return downloadDir, links, err
}

// poolMain is the main of the multiprocessing program.
func (d downloader) poolMain(w io.Writer) error {
	ts := time.Now()
	downloadDir, links, err := d.start()
	if err != nil {
		return err
	}
	download := func(link string) (struct{}, error) { // partial(download_link, download_dir)
		return struct{}{}, downloadLink(d.client, downloadDir, link)
	}
	err = func() error {
		p := pool.New(pool.Processes(8))
		defer p.Terminate() // the end of `with Pool(8) as p:`
		_, err := pool.MapErr(p, download, links)
		return err
	}()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Took %ss\n", pyrepr.Float(time.Since(ts).Seconds()))
	return nil
}

// executorMain is the main of the ThreadPoolExecutor program.
func (d downloader) executorMain(w io.Writer) error {
	ts := time.Now()
	downloadDir, links, err := d.start()
	if err != nil {
		return err
	}
	err = func() error {
		executor := futures.NewThreadPoolExecutor()
		defer executor.Shutdown()                   // the end of the with block
		fn := func(link string) (struct{}, error) { // partial(download_link, download_dir)
			return struct{}{}, downloadLink(d.client, downloadDir, link)
		}
		// The timeout is for the entire process, not a single call,
		// so downloading all images must complete within 30 seconds.
		for _, err := range futures.MapErr(executor, fn, links, futures.Timeout(30*time.Second)) {
			if err != nil {
				return err
			}
		}
		return nil
	}()
	if err != nil {
		return err
	}
	if len(links) == 0 {
		return errors.New("imgur: no image links, no average time (Python: ZeroDivisionError)")
	}
	fmt.Fprintln(w, len(links), " images", "took the average time: "+pyrepr.Float(time.Since(ts).Seconds()/float64(len(links)))+"s")
	return nil
}

// A task is what the queue program puts into its queue, the Python tuple
// (directory, link).
type task struct {
	directory, link string
}

// A DownloadWorker is the Python class DownloadWorker: its Run method
// downloads the links it gets from the queue until the queue is shut
// down, marking each done.
type DownloadWorker struct {
	queue  *queue.Queue[task]
	client *http.Client
	errs   []error // the downloads that failed, where the Python thread would die
}

// Run is the worker thread's target.
func (dw *DownloadWorker) Run() {
	for t := range dw.queue.Items() {
		// Get the work from the queue and expand the tuple.
		if err := downloadLink(dw.client, t.directory, t.link); err != nil {
			dw.errs = append(dw.errs, err)
		}
		dw.queue.TaskDone()
	}
}

// queueMain is the main of the queue program.
func (d downloader) queueMain(w io.Writer) error {
	ts := time.Now()
	downloadDir, links, err := d.start()
	if err != nil {
		return err
	}
	// Create a queue to communicate with the worker threads.
	q := queue.New[task](0)
	// Create 8 worker threads.
	workers := make([]*DownloadWorker, 8)
	threads := make([]*thread.Thread, len(workers))
	for x := range workers {
		workers[x] = &DownloadWorker{queue: q, client: d.client}
		threads[x] = thread.New(workers[x].Run, thread.Daemon(true))
		threads[x].Start()
	}
	// Put the tasks into the queue as a tuple.
	for _, link := range links {
		fmt.Fprintf(w, "Queueing %s\n", link)
		if err := q.Put(task{downloadDir, link}); err != nil {
			return err
		}
	}
	// Causes the main thread to wait for the queue to finish processing
	// all the tasks.
	q.Join()
	took := time.Since(ts)

	// Let the workers' loops end, and wait for them.
	q.Shutdown()
	var errs []error
	for x, t := range threads {
		t.Join()
		errs = append(errs, workers[x].errs...)
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	fmt.Fprintf(w, "Took %s\n", pyrepr.Float(took.Seconds()))
	return nil
}
