// Command benchtable turns the output of bench/'s Go benchmarks and of its
// Python scripts into docs/BENCHMARKS.md: one row per workload, with the
// median and spread of every column and the ratios of pyconc to the
// limit, to the best peer and to CPython. It needs nothing but the
// standard library, so bench/run.sh needs no benchstat.
//
// Usage:
//
//	benchtable -go go.txt -python python.txt -meta meta.txt -out BENCHMARKS.md
//
// The Go file is `go test -bench` output, run with -count ≥ 5: each
// benchmark line gives one sample of every metric it reports. The Python
// file has lines "name value unit [spread=N%]", each a median already.
// The meta file has "key: value" lines, printed in order as the machine
// section.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// peers are the Go libraries compared, in column order.
var peers = []string{"ants", "pond", "conc", "workerpool"}

// A target is what the issue asks of pyconc's figure: at least Min, at
// most Max (each when not zero), and ahead of every peer when AheadOfPeers.
type target struct {
	Min, Max     float64
	AheadOfPeers bool
}

func (t target) String() string {
	var parts []string
	if t.Min != 0 {
		parts = append(parts, "≥ "+human(t.Min))
	}
	if t.Max != 0 {
		parts = append(parts, "≤ "+human(t.Max))
	}
	if t.AheadOfPeers {
		parts = append(parts, "ahead of every peer")
	}
	return strings.Join(parts, ", ")
}

// A row is one workload: its Go benchmarks, its Python result, its unit.
type row struct {
	Title    string
	Unit     string // the metric read, as the benchmarks report it
	Lower    bool   // a lower figure is better (ns, bytes, goroutines)
	Prefix   string // Go benchmarks are Prefix/pyconc, Prefix/limit, Prefix/<peer>
	Pyconc   string // overrides Prefix/pyconc
	Limit    string // overrides Prefix/limit
	PeerBase string // overrides Prefix for the peers
	Python   string // the Python result's name, "" for none
	Target   target
	Headline bool
	Note     string // what the limit is
}

func (r row) pyconcName() string {
	if r.Pyconc != "" {
		return r.Pyconc
	}
	return r.Prefix + "/pyconc"
}

func (r row) limitName() string {
	if r.Limit != "" {
		return r.Limit
	}
	return r.Prefix + "/limit"
}

func (r row) peerName(p string) string {
	if r.PeerBase != "" {
		return r.PeerBase + "/" + p
	}
	return r.Prefix + "/" + p
}

var rows = []row{
	{Title: "1. Executor, 4 workers: Submit + Result of 100 000 x*x tasks, in order", Unit: "tasks/s",
		Prefix: "BenchmarkSubmitResult", Python: "submit_result",
		Target: target{Min: 4e6, AheadOfPeers: true}, Headline: true,
		Note: "channel of futures, each with a done channel"},
	{Title: "1. Executor: AsCompleted over the same tasks", Unit: "futures/s",
		Prefix: "BenchmarkAsCompleted", Python: "as_completed",
		Target: target{Min: 3e6}, Headline: true,
		Note: "every task sends to one results channel"},
	{Title: "1. Executor.Map over 100 000 ints, chunksize 1", Unit: "items/s",
		Prefix: "BenchmarkExecutorMap", Python: "executor_map",
		Note: "channel of indices, WaitGroup"},
	{Title: "2. Pool.Map over 1 000 000 ints (x*x)", Unit: "items/s",
		Prefix: "BenchmarkPoolMap", Python: "pool_map",
		Target: target{Min: 400e6}, Headline: true,
		Note: "one chunk per goroutine"},
	{Title: "2. Pool.IMapUnordered over 1 000 000 ints, chunksize 1", Unit: "items/s",
		Prefix: "BenchmarkIMapUnordered/chunk1",
		Note:   "chunks on a channel, sent back when done"},
	{Title: "2. Pool.IMapUnordered over 1 000 000 ints, chunksize 1000", Unit: "items/s",
		Prefix: "BenchmarkIMapUnordered/chunk1000", Python: "imap_unordered_chunk1000",
		Note: "chunks on a channel, sent back when done"},
	{Title: "3. is_prime of the six PRIMES, 2 workers: speed-up over serial", Unit: "x",
		Prefix: "BenchmarkIsPrimeSpeedup", Python: "is_prime_speedup",
		Target: target{Min: 1.72}, Headline: true,
		Note: "2 goroutines on a channel of indices"},
	{Title: "3. Factorisation of 64 ints in [4e7, 8e7], Pool.Map: speed-up over serial", Unit: "x",
		Prefix: "BenchmarkFactorizeSpeedup", Python: "factorize_speedup",
		Note: "one chunk per goroutine"},
	{Title: "4. Queue, 1 producer / 1 consumer, 200 000 ints, unbounded", Unit: "items/s",
		Prefix: "BenchmarkQueue1P1C/unbounded", Python: "queue_1p1c_unbounded",
		Target: target{Min: 10e6}, Headline: true,
		Note: "buffered channel, capacity 100"},
	{Title: "4. Queue, 1 producer / 1 consumer, 200 000 ints, maxsize 100", Unit: "items/s",
		Prefix: "BenchmarkQueue1P1C/maxsize100", Python: "queue_1p1c_maxsize100",
		Target: target{Min: 10e6},
		Note:   "buffered channel, capacity 100"},
	{Title: "4. Queue, 4 workers Get + TaskDone of 200 000 items, Join", Unit: "items/s",
		Prefix: "BenchmarkQueueTaskDone", Python: "queue_task_done",
		Target: target{Min: 5e6}, Headline: true,
		Note: "channel and sync.WaitGroup"},
	{Title: "5. Lock, uncontended acquire + release (1 000 000)", Unit: "ns/acquire", Lower: true,
		Prefix: "BenchmarkLockUncontended", Python: "lock_uncontended",
		Target: target{Max: 20}, Headline: true,
		Note: "sync.Mutex"},
	{Title: "5. Lock, 2 goroutines × 200 000 locked increments", Unit: "ns/inc", Lower: true,
		Prefix: "BenchmarkLockContended", Python: "lock_contended",
		Target: target{Max: 30},
		Note:   "sync.Mutex"},
	{Title: "6. Thread start + join, 10 000", Unit: "threads/s",
		Prefix: "BenchmarkThreadStartJoin", Python: "thread_start_join",
		Target: target{Min: 1e6}, Headline: true,
		Note: "go statements and a sync.WaitGroup"},
	{Title: "7. mp Pipe round trips, 50 000", Unit: "trips/s",
		Prefix: "BenchmarkPipeRoundTrip", Python: "mp_pipe_round_trip",
		Note: "two unbuffered channels"},
	{Title: "7. mp Queue between two processes, 100 000 items", Unit: "items/s",
		Prefix: "BenchmarkMPQueueStream", Python: "mp_queue_stream",
		Note: "buffered channel between two goroutines"},
	{Title: "7. mp Process start + join, 50", Unit: "processes/s",
		Prefix: "BenchmarkProcessStartJoin", Python: "mp_process_start_join",
		Note: "go statements and a sync.WaitGroup"},
	{Title: "8. 1 000 000 queued tasks, Executor (4 workers): live heap per task", Unit: "heapB/task", Lower: true,
		Pyconc: "BenchmarkQueuedTasks/executor/pyconc", Limit: "BenchmarkQueuedTasks/limit",
		PeerBase: "BenchmarkQueuedTasks", Python: "queued_executor_heap",
		Note: "channel of futures holding every task"},
	{Title: "8. 1 000 000 queued tasks, Executor: goroutines (CPython: threads)", Unit: "goroutines", Lower: true,
		Pyconc: "BenchmarkQueuedTasks/executor/pyconc", Limit: "BenchmarkQueuedTasks/limit",
		PeerBase: "BenchmarkQueuedTasks", Python: "queued_executor_goroutines",
		Note: "channel of futures holding every task"},
	{Title: "8. 1 000 000 queued tasks, Pool (4 workers): live heap per task", Unit: "heapB/task", Lower: true,
		Pyconc: "BenchmarkQueuedTasks/pool/pyconc", Limit: "BenchmarkQueuedTasks/limit",
		PeerBase: "BenchmarkQueuedTasks", Python: "queued_pool_heap",
		Note: "channel of futures holding every task"},
	{Title: "8. 1 000 000 queued tasks, Pool: goroutines (CPython: threads)", Unit: "goroutines", Lower: true,
		Pyconc: "BenchmarkQueuedTasks/pool/pyconc", Limit: "BenchmarkQueuedTasks/limit",
		PeerBase: "BenchmarkQueuedTasks", Python: "queued_pool_goroutines",
		Note: "channel of futures holding every task"},
}

// A stat is the median of a column's samples and their spread: the
// largest distance of a sample from the median, as a fraction of it.
type stat struct {
	Median, Spread float64
	N              int
	ok             bool
}

func newStat(xs []float64) stat {
	if len(xs) == 0 {
		return stat{}
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	var med float64
	if n := len(s); n%2 == 1 {
		med = s[n/2]
	} else {
		med = (s[n/2-1] + s[n/2]) / 2
	}
	var spread float64
	if med != 0 {
		for _, x := range s {
			spread = max(spread, math.Abs(x-med)/math.Abs(med))
		}
	}
	return stat{Median: med, Spread: spread, N: len(s), ok: true}
}

func (s stat) String() string {
	if !s.ok {
		return "—"
	}
	return fmt.Sprintf("%s ±%.0f%%", human(s.Median), s.Spread*100)
}

// human prints x with three significant digits and an SI suffix.
func human(x float64) string {
	ax := math.Abs(x)
	suffix := ""
	switch {
	case ax >= 1e9:
		x, suffix = x/1e9, "G"
	case ax >= 1e6:
		x, suffix = x/1e6, "M"
	case ax >= 1e4:
		x, suffix = x/1e3, "k"
	}
	ax = math.Abs(x)
	switch {
	case ax == math.Trunc(ax) && ax < 1e4:
		return strconv.FormatFloat(x, 'f', 0, 64) + suffix
	case ax >= 100:
		return strconv.FormatFloat(x, 'f', 0, 64) + suffix
	case ax >= 10:
		return strconv.FormatFloat(x, 'f', 1, 64) + suffix
	default:
		return strconv.FormatFloat(x, 'f', 2, 64) + suffix
	}
}

// benchLine matches a result line of go test -bench: the name without
// its -GOMAXPROCS suffix, the iterations, then value-unit pairs.
var benchLine = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+(\d+)\s+(.*)$`)

// parseGo returns, for every benchmark and unit, the samples.
func parseGo(r io.Reader) (map[string]map[string][]float64, error) {
	out := map[string]map[string][]float64{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		m := benchLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		f := strings.Fields(m[3])
		for i := 0; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			if out[m[1]] == nil {
				out[m[1]] = map[string][]float64{}
			}
			out[m[1]][f[i+1]] = append(out[m[1]][f[i+1]], v)
		}
	}
	return out, sc.Err()
}

// A pyResult is one line of a Python script.
type pyResult struct {
	Value, Spread float64
	Unit          string
}

func parsePython(r io.Reader) (map[string]pyResult, error) {
	out := map[string]pyResult{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 3 {
			continue
		}
		v, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			continue
		}
		res := pyResult{Value: v, Unit: f[2]}
		if len(f) > 3 && strings.HasPrefix(f[3], "spread=") {
			s, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimPrefix(f[3], "spread="), "%"), 64)
			if err == nil {
				res.Spread = s / 100
			}
		}
		out[f[0]] = res
	}
	return out, sc.Err()
}

// ratio prints a/b as "1.23×", or "—".
func ratio(a, b stat) string {
	if !a.ok || !b.ok || b.Median == 0 {
		return "—"
	}
	r := a.Median / b.Median
	switch {
	case r >= 100:
		return fmt.Sprintf("%.0f×", r)
	case r >= 10:
		return fmt.Sprintf("%.1f×", r)
	default:
		return fmt.Sprintf("%.2f×", r)
	}
}

// A result is one row filled in.
type result struct {
	row
	Pyconc, Limit, Python stat
	Peers                 map[string]stat
	BestPeer              string
}

func (r result) better(a, b float64) bool {
	if r.Lower {
		return a < b
	}
	return a > b
}

func (r result) verdict() string {
	t := r.Target
	if t == (target{}) {
		return ""
	}
	if !r.Pyconc.ok {
		return "not run"
	}
	ok := true
	var why []string
	if t.Min != 0 && r.Pyconc.Median < t.Min {
		ok = false
		why = append(why, fmt.Sprintf("%.0f%% short", (1-r.Pyconc.Median/t.Min)*100))
	}
	if t.Max != 0 && r.Pyconc.Median > t.Max {
		ok = false
		why = append(why, fmt.Sprintf("%.0f%% over", (r.Pyconc.Median/t.Max-1)*100))
	}
	if t.AheadOfPeers && r.BestPeer != "" && !r.better(r.Pyconc.Median, r.Peers[r.BestPeer].Median) {
		ok = false
		why = append(why, "behind "+r.BestPeer)
	}
	if ok {
		return "met (" + t.String() + ")"
	}
	return "**missed** (" + t.String() + ": " + strings.Join(why, ", ") + ")"
}

func fill(rw row, goRes map[string]map[string][]float64, py map[string]pyResult) result {
	get := func(name string) stat { return newStat(goRes[name][rw.Unit]) }
	r := result{row: rw, Pyconc: get(rw.pyconcName()), Limit: get(rw.limitName()), Peers: map[string]stat{}}
	for _, p := range peers {
		if s := get(rw.peerName(p)); s.ok {
			r.Peers[p] = s
			if r.BestPeer == "" || r.better(s.Median, r.Peers[r.BestPeer].Median) {
				r.BestPeer = p
			}
		}
	}
	if p, ok := py[rw.Python]; ok && rw.Python != "" {
		r.Python = stat{Median: p.Value, Spread: p.Spread, N: 5, ok: true}
	}
	return r
}

func (r result) unit() string {
	arrow := "↑"
	if r.Lower {
		arrow = "↓"
	}
	return r.Unit + " " + arrow
}

func (r result) bestPeer() stat {
	if r.BestPeer == "" {
		return stat{}
	}
	return r.Peers[r.BestPeer]
}

func (r result) bestPeerCell() string {
	if r.BestPeer == "" {
		return "—"
	}
	return r.BestPeer + " " + r.bestPeer().String()
}

// escape makes s safe in a table cell.
func escape(s string) string {
	return strings.NewReplacer("|", `\|`, "*", `\*`).Replace(s)
}

func write(w io.Writer, meta [][2]string, results []result) {
	fmt.Fprintln(w, "# Benchmarks")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Written by `bench/run.sh` (do not edit by hand): pyconc beside the hand-written standard-library version of the same work (the *limit*), the Go peers that have the workload, and CPython, all measured in this one run on this machine.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "## Machine")
	fmt.Fprintln(w)
	for _, kv := range meta {
		fmt.Fprintf(w, "- %s: %s\n", kv[0], kv[1])
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "## How to read it")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Each Go figure is the median of the `-count` runs of its benchmark, ± the largest distance of a run from that median; each CPython figure is the median of 5 timed runs after a warm-up (`time.perf_counter`), with its spread the same way. ↑ means higher is better, ↓ lower. A ratio is pyconc's figure divided by the other's, so above 1 is better for ↑ rows and below 1 is better for ↓ rows. *Best peer* is the best of the peer columns. A speed-up (x) is serial time over parallel time, both timed in every run. Heap figures are the live Go heap after a collection with every task queued, per task, including the caller's futures or result slice; CPython's are the growth of the resident set, per task, after `gc.collect()`, the nearest it has. The workloads are in `bench/*_test.go` and `bench/python/`; the sizes are fixed, so figures compare across runs. The load averages above say whether other work shared the machine: when it did, the speed-ups (which need both cores free) and the spreads suffer first.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "## Headline")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| Workload | unit | pyconc | limit | best peer | CPython | target |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|")
	for _, r := range results {
		if r.Headline {
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s |\n", escape(r.Title), r.unit(),
				r.Pyconc, r.Limit, r.bestPeerCell(), r.Python, r.verdict())
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "## Every workload")
	fmt.Fprintln(w)
	fmt.Fprint(w, "| Workload | unit | pyconc | limit |")
	for _, p := range peers {
		fmt.Fprintf(w, " %s |", p)
	}
	fmt.Fprintln(w, " CPython | pyconc ÷ limit | pyconc ÷ best peer | pyconc ÷ CPython | target |")
	fmt.Fprintln(w, "|---|---|---|---|"+strings.Repeat("---|", len(peers))+"---|---|---|---|---|")
	for _, r := range results {
		fmt.Fprintf(w, "| %s | %s | %s | %s |", escape(r.Title), r.unit(), r.Pyconc, r.Limit)
		for _, p := range peers {
			fmt.Fprintf(w, " %s |", r.Peers[p])
		}
		best := "—"
		if r.BestPeer != "" {
			best = ratio(r.Pyconc, r.bestPeer()) + " (" + r.BestPeer + ")"
		}
		fmt.Fprintf(w, " %s | %s | %s | %s | %s |\n", r.Python, ratio(r.Pyconc, r.Limit), best,
			ratio(r.Pyconc, r.Python), r.verdict())
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "## What each limit is")
	fmt.Fprintln(w)
	for _, r := range results {
		fmt.Fprintf(w, "- %s: %s.\n", r.Title, r.Note)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "A dash is a column that has no such workload (the peer has no such API: ants and conc cannot queue a million tasks, their submit blocks while every worker is busy; no peer has a queue, a lock or as_completed), or a figure that was not measured in this run. CPython's imap_unordered with chunksize 1 over a million items takes minutes and is left out.")
}

func readMeta(path string) ([][2]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out [][2]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ": ")
		if ok {
			out = append(out, [2]string{k, v})
		}
	}
	return out, sc.Err()
}

func main() {
	goPath := flag.String("go", "", "go test -bench output")
	pyPath := flag.String("python", "", "output of the Python scripts")
	metaPath := flag.String("meta", "", "key: value lines about the machine")
	outPath := flag.String("out", "", "the Markdown file to write (default standard output)")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("benchtable: ")

	goRes := map[string]map[string][]float64{}
	if *goPath != "" {
		f, err := os.Open(*goPath)
		if err != nil {
			log.Fatal(err)
		}
		goRes, err = parseGo(f)
		f.Close()
		if err != nil {
			log.Fatal(err)
		}
	}
	py := map[string]pyResult{}
	if *pyPath != "" {
		f, err := os.Open(*pyPath)
		if err != nil {
			log.Fatal(err)
		}
		py, err = parsePython(f)
		f.Close()
		if err != nil {
			log.Fatal(err)
		}
	}
	var meta [][2]string
	if *metaPath != "" {
		var err error
		if meta, err = readMeta(*metaPath); err != nil {
			log.Fatal(err)
		}
	}
	var results []result
	for _, rw := range rows {
		r := fill(rw, goRes, py)
		if !r.Pyconc.ok && !r.Limit.ok && !r.Python.ok {
			continue // a workload this run did not have (mp before it lands)
		}
		results = append(results, r)
	}
	w := io.Writer(os.Stdout)
	if *outPath != "" {
		f, err := os.Create(*outPath)
		if err != nil {
			log.Fatal(err)
		}
		defer func() {
			if err := f.Close(); err != nil {
				log.Fatal(err)
			}
		}()
		w = f
	}
	bw := bufio.NewWriter(w)
	write(bw, meta, results)
	if err := bw.Flush(); err != nil {
		log.Fatal(err)
	}
}
