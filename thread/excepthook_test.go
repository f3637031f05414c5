package thread_test

import (
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/google/go-cmp/cmp"
	"github.com/pyconc/pyconc/thread"
)

// captureStderr runs f with os.Stderr redirected to a pipe and returns
// what was written. f must wait for every goroutine that writes.
func captureStderr(t *testing.T, f func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	out := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		out <- string(b)
	}()
	old := os.Stderr
	os.Stderr = w
	defer func() {
		os.Stderr = old
	}()
	f()
	os.Stderr = old
	w.Close()
	return <-out
}

func boom() { panic(errors.New("run failed")) }

// EH-01, EH-02, TH-30; CPython: Lib/test/test_threading.py
// ExceptHookTests.test_excepthook, ThreadingExceptionTests.test_print_exception.
func TestDefaultExceptHook(t *testing.T) {
	var th *thread.Thread
	got := captureStderr(t, func() {
		th = thread.New(boom, thread.Name("excepthook thread"))
		th.Start()
		th.Join() // the panic does not reach Join
	})
	want := regexp.MustCompile(`(?s)^Exception in thread excepthook thread:\npanic: run failed\n\ngoroutine \d+ \[running\]:\npanic\(.*\n\t.*\ngithub\.com/pyconc/pyconc/thread_test\.boom\(\).*\n$`)
	if !want.MatchString(got) {
		t.Errorf("stderr = %q; want the header, the panic and a stack through boom", got)
	}
	if strings.Contains(got, "Unhandled exception") {
		t.Error(`stderr contains "Unhandled exception"`)
	}
	if th.IsAlive() {
		t.Error("a thread whose target panicked is still alive")
	}
}

// EH-03; CPython: ExceptHookTests.test_excepthook_thread_None.
func TestDefaultExceptHookWithoutThread(t *testing.T) {
	got := captureStderr(t, func() {
		thread.DefaultExceptHook(thread.ExceptHookArgs{Value: "x", Stack: []byte("stack\n")})
	})
	if want := fmt.Sprintf("Exception in thread %d:\npanic: x\n\nstack\n", thread.GetIdent()); got != want {
		t.Errorf("stderr = %q; want %q", got, want)
	}
}

// EH-04, TT-04; CPython: ExceptHookTests.test_system_exit.
func TestGoexitEndsThreadQuietly(t *testing.T) {
	after := false
	got := captureStderr(t, func() {
		th := thread.New(func() {
			runtime.Goexit()
			after = true
		})
		th.Start()
		th.Join()
		if th.IsAlive() {
			t.Error("thread alive after Goexit")
		}
		thread.StartNewThread(runtime.Goexit)
	})
	if got != "" || after {
		t.Errorf("Goexit: stderr %q, code after it ran: %v; want silence", got, after)
	}
}

// EH-05, EH-07; CPython: ExceptHookTests.test_custom_excepthook,
// ExceptHookTests.test_original_excepthook.
func TestCustomExceptHook(t *testing.T) {
	var args []thread.ExceptHookArgs
	restore := thread.SetExceptHook(func(a thread.ExceptHookArgs) { args = append(args, a) })
	th := thread.New(boom)
	th.Start()
	th.Join()
	restore()
	if len(args) != 1 || args[0].Thread != th || fmt.Sprint(args[0].Value) != "run failed" || !strings.Contains(string(args[0].Stack), "thread_test.boom") {
		t.Fatalf("hook got %+v", args)
	}
	// After restore, and after SetExceptHook(nil), the default reports.
	for _, reset := range []func(){func() {}, func() {
		thread.SetExceptHook(func(thread.ExceptHookArgs) { t.Error("replaced hook called") })
		thread.SetExceptHook(nil)
	}} {
		reset()
		got := captureStderr(t, func() {
			th := thread.New(boom, thread.Name("t"))
			th.Start()
			th.Join()
		})
		if !strings.HasPrefix(got, "Exception in thread t:\n") {
			t.Errorf("default hook not back: stderr = %q", got)
		}
	}
	// Restores nest: each puts back the hook it replaced.
	var calls []string
	record := func(name string) func(thread.ExceptHookArgs) {
		return func(thread.ExceptHookArgs) { calls = append(calls, name) }
	}
	restoreA := thread.SetExceptHook(record("a"))
	restoreB := thread.SetExceptHook(record("b"))
	fire := func() { th := thread.New(boom); th.Start(); th.Join() }
	fire()
	restoreB()
	fire()
	restoreA()
	if diff := cmp.Diff([]string{"b", "a"}, calls); diff != "" {
		t.Errorf("hooks called (-want +got):\n%s", diff)
	}
}

// EH-06; CPython: ExceptHookTests.test_custom_excepthook_fail.
func TestFailingExceptHook(t *testing.T) {
	defer thread.SetExceptHook(func(thread.ExceptHookArgs) { panic("hook failed") })()
	got := captureStderr(t, func() {
		th := thread.New(boom)
		th.Start()
		th.Join()
	})
	if !regexp.MustCompile(`(?s)^Exception in thread\.ExceptHook:\npanic: hook failed\n\ngoroutine \d+`).MatchString(got) {
		t.Errorf("stderr = %q", got)
	}
}

// EH-08: the report goes to os.Stderr as it is when the panic happens.
// CPython: ThreadingExceptionTests.test_print_exception_stderr_is_none_1.
func TestExceptHookUsesStderrAtReportTime(t *testing.T) {
	release := make(chan struct{})
	th := thread.New(func() { <-release; boom() }, thread.Name("late"))
	th.Start() // before the redirection
	got := captureStderr(t, func() {
		close(release)
		th.Join()
	})
	if !strings.HasPrefix(got, "Exception in thread late:\n") {
		t.Errorf("stderr = %q", got)
	}
}

// TT-01, TT-07; CPython: ThreadTests.test_ident_of_no_threading_threads,
// Lib/test/test_thread.py ThreadRunningTests.test_starting_threads.
func TestStartNewThread(t *testing.T) {
	type report struct{ ident, current int64 }
	reports := make(chan report, 10)
	var idents []int64
	for range 10 {
		idents = append(idents, thread.StartNewThread(func() {
			reports <- report{thread.GetIdent(), thread.CurrentThread().Ident()}
		}))
	}
	got := map[int64]bool{}
	for range 10 {
		r := <-reports
		if r.ident != r.current {
			t.Errorf("GetIdent() = %d, CurrentThread().Ident() = %d inside", r.ident, r.current)
		}
		got[r.ident] = true
	}
	for _, id := range idents {
		if !got[id] {
			t.Errorf("StartNewThread returned %d, which no thread reported", id)
		}
	}
	mustPanic(t, "thread: first arg must be callable (Python: TypeError)", func() { thread.StartNewThread(nil) })
}

func child() { panic("child failed") }

// TT-03; CPython: Lib/test/test_thread.py ThreadRunningTests.test_unraisable_exception.
func TestStartNewThreadPanic(t *testing.T) {
	got := captureStderr(t, func() {
		// synctest.Test returns once every goroutine of the bubble has
		// ended, so the report has been written.
		synctest.Test(t, func(t *testing.T) { thread.StartNewThread(child) })
	})
	want := regexp.MustCompile(`(?s)^Exception ignored in thread started by: github\.com/pyconc/pyconc/thread_test\.child\npanic: child failed\n\ngoroutine \d+ \[running[^\n]*\]:\npanic\(.*\n\t.*\n[^\n]*thread_test\.child\(\)`)
	if !want.MatchString(got) {
		t.Errorf("stderr = %q", got)
	}
	after := false
	got = captureStderr(t, func() {
		synctest.Test(t, func(t *testing.T) {
			thread.StartNewThread(child)
			after = true // the program goes on
		})
	})
	if !after || !strings.HasPrefix(got, "Exception ignored in thread started by:") {
		t.Errorf("second report: %q", got)
	}
}

// Panic values of every kind are reported with fmt's %v, as a Python
// report ends with str(exc).
func TestExceptHookValueFormatting(t *testing.T) {
	var got []string
	defer thread.SetExceptHook(func(a thread.ExceptHookArgs) { got = append(got, fmt.Sprint(a.Value)) })()
	for _, v := range []any{"text", 42, errors.New("err"), []int{1, 2}} {
		th := thread.New(func() { panic(v) })
		th.Start()
		th.Join()
	}
	th := thread.New(func() { panic(nil) })
	th.Start()
	th.Join()
	if len(got) != 5 || !strings.HasPrefix(got[4], "panic called with nil argument") {
		t.Fatalf("reported values %q; want five, the last the runtime's panic(nil) error", got)
	}
	if diff := cmp.Diff([]string{"text", "42", "err", "[1 2]"}, got[:4]); diff != "" {
		t.Errorf("reported values (-want +got):\n%s", diff)
	}
}
