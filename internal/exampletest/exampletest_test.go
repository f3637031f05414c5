package exampletest

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pyconc/pyconc/thread"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// program is a small program in the examples' form: a non-daemon thread
// that outlives run (Shutdown waits for it) and a daemon thread that is cut
// off when run returns, as in Python.
func program(w io.Writer) error {
	defer thread.Shutdown()
	logf := func(format string, args ...any) {
		fmt.Fprintf(w, time.Now().Format("15:04:05")+": "+format+"\n", args...)
	}
	logf("%s is %s", thread.CurrentThread().Name(), thread.MainThread().Name())
	thread.New(func() { time.Sleep(2 * time.Second); logf("daemon done") }, thread.Daemon(true)).Start()
	t := thread.New(func() { time.Sleep(time.Second); logf("worker done") })
	t.Start()
	logf("main done; worker is %s", t.Name())
	return nil
}

// TestRun checks what Run guarantees: the program runs as the main thread
// with a fresh Thread-N counter, fake time starts at midnight UTC, Shutdown
// waits for the non-daemon thread, and the daemon's late line is cut off.
func TestRun(t *testing.T) {
	out := Run(t, program, Golden("program.golden"))
	const want = "00:00:00: MainThread is MainThread\n" +
		"00:00:00: main done; worker is Thread-2\n" +
		"00:00:01: worker done\n"
	if out != want {
		t.Errorf("Run returned %q; want %q", out, want)
	}
}

func TestUnorderedAndScrub(t *testing.T) {
	prog := func(w io.Writer) error {
		done := make(chan struct{})
		go func() { fmt.Fprintln(w, "b 17"); close(done) }()
		fmt.Fprintln(w, "a 42")
		<-done
		return nil
	}
	var raw string
	out := Run(t, prog, Golden("unordered.golden"), Unordered(), Scrub(`\d+`, "N"), Unscrubbed(&raw))
	if out != "a N\nb N\n" && out != "b N\na N\n" {
		t.Errorf("scrubbed output %q", out)
	}
	if raw != "a 42\nb 17\n" && raw != "b 17\na 42\n" {
		t.Errorf("unscrubbed output %q", raw)
	}
}

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true }
func (r *recorder) Fatal(...any)          { r.failed = true }

func TestCompare(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.golden")
	*update = true
	Compare(t, path, "hello\n")
	*update = false
	if b, err := os.ReadFile(path); err != nil || string(b) != "hello\n" {
		t.Fatalf("-update wrote %q, %v", b, err)
	}
	for _, tc := range []struct {
		got  string
		fail bool
	}{{"hello\n", false}, {"hello", true}, {"bye\n", true}} {
		r := &recorder{TB: t}
		Compare(r, path, tc.got)
		if r.failed != tc.fail {
			t.Errorf("Compare(%q) failed = %v; want %v", tc.got, r.failed, tc.fail)
		}
	}
}

func TestInOrder(t *testing.T) {
	const out = "a\nb\nc\nab\n"
	for _, tc := range []struct {
		lines []string
		fail  bool
	}{
		{[]string{"a", "c"}, false},
		{[]string{"a", "b", "c", "ab"}, false},
		{[]string{"c", "a"}, true},
		{[]string{"x"}, true},
		{[]string{"b", "b"}, true}, // b occurs once
		{[]string{"a", "ab"}, false},
	} {
		r := &recorder{TB: t}
		InOrder(r, out, tc.lines...)
		if r.failed != tc.fail {
			t.Errorf("InOrder(%q) failed = %v; want %v", tc.lines, r.failed, tc.fail)
		}
	}
}

// Typist delivers each keystroke after its pause on the fake clock, and
// an empty last keystroke delays the end of input.
func TestTypist(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in := bufio.NewScanner(Typist(
			Keystroke{After: time.Second, Text: "a\n"},
			Keystroke{After: 2 * time.Second, Text: "b\nc\n"},
			Keystroke{After: time.Second},
		))
		start := time.Now()
		var got []string
		for in.Scan() {
			got = append(got, fmt.Sprintf("%s@%v", in.Text(), time.Since(start)))
		}
		got = append(got, fmt.Sprintf("EOF@%v", time.Since(start)))
		if diff := cmp.Diff([]string{"a@1s", "b@3s", "c@3s", "EOF@4s"}, got); diff != "" {
			t.Errorf("lines and times (-want +got):\n%s", diff)
		}
	})
}
