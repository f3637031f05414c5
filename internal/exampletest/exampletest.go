// Package exampletest runs an example program the way its main would, and
// checks what it printed against testdata/output.golden.
//
// Every program under examples/ has a main that only calls
// run(w io.Writer, args []string) error. Its test calls [Run] with a
// closure over run. [Run] executes it inside a testing/synctest bubble, so
// the tutorials' sleeps and timeouts take no real time and every timestamp
// is fake and fixed (midnight UTC, 1 January 2000); it makes the test's
// goroutine the main thread, so the program sees what `go run` shows
// ("MainThread", non-daemon threads, Thread-1 first); and it keeps only
// what was written before the program returned, as a process would, then
// lets fake time run on so that daemon threads the program abandoned can
// finish inside the bubble instead of leaking.
//
// Lines that different threads print at the same moment come out in an
// order no program fixes, in Go as in Python. For such programs the test
// passes [Unordered], which compares the output as a multiset of lines, as
// Go's "// Unordered output:" does, and then pins the orderings the
// program does guarantee with [InOrder].
//
// `go test ./examples/... -update` rewrites the golden files.
package exampletest

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pyconc/pyconc/internal/testhook"
	_ "github.com/pyconc/pyconc/thread" // installs testhook.BecomeMain
)

var update = flag.Bool("update", false, "rewrite testdata/output.golden with the program's output")

func init() {
	// Python's logging and time.ctime print local time; the fake clock's
	// local time would otherwise depend on the machine's time zone.
	time.Local = time.UTC
}

// An Option adjusts [Run].
type Option func(*config)

type config struct {
	scrubs     []scrub
	golden     string
	unordered  bool
	unscrubbed *string
}

// drain is how long fake time runs on after the program returns, for the
// daemon threads it abandoned.
const drain = 24 * time.Hour

// watchdogTimeout is how much real time a program under test may take.
// The examples take milliseconds; this is for the one that hangs.
const watchdogTimeout = 2 * time.Minute

type scrub struct {
	re   *regexp.Regexp
	repl string
}

// Scrub replaces every match of pattern in the output with repl before the
// comparison, for the few values that vary from run to run even under a
// fake clock (how many loop iterations one goroutine managed while another
// worked, say). Use it sparingly: a scrubbed value is not checked.
func Scrub(pattern, repl string) Option {
	return func(c *config) { c.scrubs = append(c.scrubs, scrub{regexp.MustCompile(pattern), repl}) }
}

// Unscrubbed stores in *raw the output as the program wrote it, before
// [Scrub] replaced anything, for a test that checks the scrubbed values
// themselves (that two printed thread numbers are equal, say).
func Unscrubbed(raw *string) Option {
	return func(c *config) { c.unscrubbed = raw }
}

// Unordered compares the output with the golden file as a multiset of
// lines, ignoring their order. Use it when lines printed by different
// threads at the same moment may interleave either way, and check the
// orders that matter with [InOrder].
func Unordered() Option {
	return func(c *config) { c.unordered = true }
}

// Golden names the golden file under testdata/ (default "output.golden"),
// for a program tested in several modes.
func Golden(name string) Option {
	return func(c *config) { c.golden = name }
}

// Run runs program inside a synctest bubble as the main thread and
// compares its output with the golden file. program writes to w what the
// real program writes to standard output; it fails the test if it
// returns an error. Run returns the output, scrubbed, for further checks.
func Run(t *testing.T, program func(w io.Writer) error, opts ...Option) string {
	t.Helper()
	cfg := config{golden: "output.golden"}
	for _, o := range opts {
		o(&cfg)
	}
	var got string
	// A goroutine blocked outside the fake clock (in network I/O, say)
	// keeps fake time from advancing, and the drain below would wait in
	// real time for ever: fail clearly instead.
	watchdog := time.AfterFunc(watchdogTimeout, func() {
		panic("exampletest: the program is still running after " + watchdogTimeout.String() +
			" of real time: a goroutine is blocked on something other than the fake clock " +
			"(network I/O? an HTTP client's idle connection?)")
	})
	defer watchdog.Stop()
	synctest.Test(t, func(t *testing.T) {
		restore := testhook.BecomeMain()
		defer restore()
		var out Buffer
		err := program(&out)
		got = out.String() // a process's output ends when main returns
		if err != nil {
			t.Errorf("run: %v", err)
		}
		// Let abandoned daemon threads run out inside the bubble. One
		// that never ends makes synctest report a deadlock: the port
		// must give every goroutine a way to finish.
		time.Sleep(drain)
	})
	if cfg.unscrubbed != nil {
		*cfg.unscrubbed = got
	}
	for _, s := range cfg.scrubs {
		got = s.re.ReplaceAllString(got, s.repl)
	}
	path := filepath.Join("testdata", cfg.golden)
	if cfg.unordered && !*update {
		if want, err := os.ReadFile(path); err == nil {
			if diff := cmp.Diff(sortedLines(string(want)), sortedLines(got)); diff != "" {
				t.Errorf("output differs from %s as a set of lines (-want +got, sorted):\n%s\ngot:\n%s", path, diff, got)
			}
			return got
		}
	}
	Compare(t, path, got)
	return got
}

func sortedLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	slices.Sort(lines)
	return lines
}

// InOrder checks that each of lines occurs in out as a whole line, in the
// order given (other lines may come between).
func InOrder(t testing.TB, out string, lines ...string) {
	t.Helper()
	rest := out
	for _, line := range lines {
		i := strings.Index("\n"+rest, "\n"+line+"\n")
		if i < 0 {
			t.Errorf("line %q missing, or not after %q, in output:\n%s", line, lines, out)
			return
		}
		rest = rest[i+len(line)+1:]
	}
}

// Compare compares got with the golden file at path, or rewrites the file
// when the test runs with -update.
func Compare(t testing.TB, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("output differs from %s (-want +got):\n%s", path, diff)
	}
}

// Buffer is a bytes.Buffer that several goroutines may write at once: the
// program's output in [Run], and a test's capture of what workers print or
// log. The zero Buffer is empty and ready to use.
type Buffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var _ io.Writer = (*Buffer)(nil)
