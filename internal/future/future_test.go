package future_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pyconc/pyconc/internal/exampletest"
	"github.com/pyconc/pyconc/internal/future"
	"github.com/pyconc/pyconc/internal/panics"
)

func newCore(fn func() (int, error)) *future.Core[int] {
	c := &future.Core[int]{}
	c.Init(future.KindFuture, fn, nil, nil)
	return c
}

// captureLog sends log/slog's default logger to a buffer for the test.
func captureLog(t *testing.T) *exampletest.Buffer {
	var buf exampletest.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, nil)))
	t.Cleanup(func() { slog.SetDefault(old) })
	return &buf
}

// FU-01, FU-02, FU-03: the states and what Cancel does in each.
func TestStatesAndCancel(t *testing.T) {
	c := newCore(func() (int, error) { return 1, nil })
	if c.State() != future.Pending || c.IsDone() {
		t.Fatalf("new core: state %v, done %v", c.State(), c.IsDone())
	}
	if first, again := c.Cancel(), c.Cancel(); !first || !again {
		t.Error("Cancel of a pending core, and again, = false; want true")
	}
	if c.State() != future.Cancelled || !c.IsDone() {
		t.Errorf("cancelled core: state %v, done %v", c.State(), c.IsDone())
	}
	if _, err := c.Outcome(); err != future.ErrCancelled {
		t.Errorf("cancelled core's error = %v; want ErrCancelled", err)
	}
	if c.SetRunning() {
		t.Error("SetRunning of a cancelled core = true")
	}

	r := newCore(nil)
	if !r.SetRunning() || r.Cancel() {
		t.Error("a running core could be cancelled")
	}
	if !r.Finish(2, nil) || r.Finish(3, nil) {
		t.Error("Finish of a running core: want true once, then false")
	}
	if v, err := r.Outcome(); v != 2 || err != nil {
		t.Errorf("Outcome() = %v, %v; want 2, nil (the first result is kept, FU-09)", v, err)
	}
	if r.Cancel() {
		t.Error("Cancel of a finished core = true")
	}
}

// FU-11: SetRunning in any state but Pending or Cancelled panics.
func TestSetRunningUnexpectedState(t *testing.T) {
	c := newCore(nil)
	c.SetRunning()
	defer func() {
		if got := recover(); got != "futures: Future in unexpected state (Python: RuntimeError)" {
			t.Errorf("panic = %v", got)
		}
	}()
	c.SetRunning()
}

func TestRunRecoversPanicAndGoexit(t *testing.T) {
	c := newCore(func() (int, error) { panic("boom") })
	c.Run(nil)
	_, err := c.Outcome()
	var pe *panics.Error
	if !errors.As(err, &pe) || pe.Value != "boom" || !bytes.Contains(pe.Stack, []byte("future_test")) {
		t.Errorf("error of a panicking task = %v; want a *panics.Error with the value and its stack", err)
	}
	if !bytes.HasPrefix(pe.Stack, []byte("goroutine ")) {
		t.Errorf("stack does not start with the goroutine line:\n%s", pe.Stack)
	}

	g := newCore(func() (int, error) { runtime.Goexit(); return 0, nil })
	done := make(chan struct{})
	go func() {
		defer close(done)
		g.Run(nil)
	}()
	<-done
	if _, err := g.Outcome(); !errors.Is(err, panics.ErrGoexit) {
		t.Errorf("error of a task calling Goexit = %v; want ErrGoexit", err)
	}
}

func TestRunSkipsCancelled(t *testing.T) {
	ran := false
	c := newCore(func() (int, error) { ran = true; return 0, nil })
	c.Cancel()
	c.Run(nil)
	if ran {
		t.Error("a cancelled core's function ran")
	}
}

// FU-13, FU-14: callbacks in order, after the state change; at once when
// already done.
func TestCallbacks(t *testing.T) {
	c := newCore(nil)
	var got []string
	c.AddDoneCallback(func() { got = append(got, "a") })
	c.AddDoneCallback(func() {
		if !c.IsDone() {
			t.Error("callback ran before the core was done")
		}
		got = append(got, "b")
	})
	c.SetRunning()
	c.Finish(1, nil)
	c.AddDoneCallback(func() { got = append(got, "c") })
	if diff := cmp.Diff([]string{"a", "b", "c"}, got); diff != "" {
		t.Errorf("callbacks (-want +got):\n%s", diff)
	}
}

// FU-04: a successful cancel runs the callbacks once.
func TestCancelRunsCallbacksOnce(t *testing.T) {
	c := newCore(nil)
	n := 0
	c.AddDoneCallback(func() { n++ })
	c.Cancel()
	c.Cancel()
	if n != 1 {
		t.Errorf("callbacks ran %d times; want 1", n)
	}
}

// FU-15: a panicking callback is logged and the later ones still run.
func TestCallbackPanicLogged(t *testing.T) {
	log := captureLog(t)
	c := newCore(nil)
	ran := false
	c.AddDoneCallback(func() { panic("callback failed") })
	c.AddDoneCallback(func() { ran = true })
	c.Finish(7, nil)
	c.AddDoneCallback(func() { panic("late callback failed") })
	if !ran {
		t.Error("the callback after a panicking one did not run")
	}
	out := log.String()
	if !regexp.MustCompile(`exception calling callback for <Future at 0x[0-9a-f]+ state=finished returned int>`).MatchString(out) ||
		!strings.Contains(out, "callback failed") || !strings.Contains(out, "late callback failed") {
		t.Errorf("log = %q; want both callback panics reported", out)
	}
}

// FU-12: String is Python's repr.
func TestString(t *testing.T) {
	c := newCore(nil)
	check := func(want string) {
		t.Helper()
		if got := c.String(); !regexp.MustCompile(`^<Future at 0x[0-9a-f]+ ` + regexp.QuoteMeta(want) + `>$`).MatchString(got) {
			t.Errorf("String() = %q; want state %q", got, want)
		}
	}
	check("state=pending")
	c.SetRunning()
	check("state=running")
	c.Finish(0, errors.New("x"))
	check("state=finished raised *errors.errorString")
	d := newCore(nil)
	d.Finish(1, nil)
	if got := d.String(); !strings.HasSuffix(got, "state=finished returned int>") {
		t.Errorf("String() = %q", got)
	}
	e := newCore(nil)
	e.Cancel()
	if got := e.String(); !strings.HasSuffix(got, "state=cancelled>") {
		t.Errorf("String() = %q", got)
	}
}

func TestWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := newCore(nil)
		if c.WaitTimeout(0) || c.WaitTimeout(-time.Second) {
			t.Error("WaitTimeout of a pending core reported done")
		}
		start := time.Now()
		if c.WaitTimeout(3 * time.Second) {
			t.Error("WaitTimeout reported done")
		}
		if d := time.Since(start); d != 3*time.Second {
			t.Errorf("WaitTimeout waited %v; want 3s", d)
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if err := c.Wait(ctx); err != context.DeadlineExceeded {
			t.Errorf("Wait = %v; want DeadlineExceeded", err)
		}
		go func() {
			time.Sleep(time.Minute)
			c.Finish(5, nil)
		}()
		if err := c.Wait(context.Background()); err != nil || time.Since(start) != 4*time.Second+time.Minute {
			t.Errorf("Wait = %v after %v", err, time.Since(start))
		}
		select {
		case <-c.DoneChan():
		default:
			t.Error("DoneChan not closed once done")
		}
	})
}

func TestWaiters(t *testing.T) {
	a, b := newCore(nil), newCore(nil)
	n := 0
	w := future.NewWaiter(func() { n++ })
	if !a.AddWaiter(w) || !b.AddWaiter(w) {
		t.Fatal("AddWaiter on pending cores = false")
	}
	b.RemoveWaiter(w)
	a.Finish(1, nil)
	b.Finish(1, nil)
	if n != 1 {
		t.Errorf("waiter notified %d times; want once (removed from b)", n)
	}
	if a.AddWaiter(w) {
		t.Error("AddWaiter on a done core = true")
	}
}

// A panic never observed is reported; one observed is not.
func TestReporter(t *testing.T) {
	log := captureLog(t)
	var r future.Reporter
	seen := &future.Core[int]{}
	seen.Init(future.KindFuture, func() (int, error) { panic("seen") }, nil, &r)
	unseen := &future.Core[int]{}
	unseen.Init(future.KindFuture, func() (int, error) { panic("unseen") }, nil, &r)
	seen.Run(nil)
	unseen.Run(nil)
	_, _ = seen.Outcome()
	r.Report("ThreadPoolExecutor")
	out := log.String()
	if !strings.Contains(out, "unseen") || strings.Contains(out, "panic: seen") {
		t.Errorf("log = %q; want the unseen panic only", out)
	}
	if !strings.Contains(out, "ThreadPoolExecutor: exception in a task was never retrieved") {
		t.Errorf("log = %q", out)
	}
}

// Finishing races with cancelling and with starting: exactly one wins.
func TestCompletionRaces(t *testing.T) {
	for range 2000 {
		c := newCore(func() (int, error) { return 1, nil })
		var wg sync.WaitGroup
		var cancelled bool
		wg.Go(func() { cancelled = c.Cancel() })
		wg.Go(func() { c.Run(nil) })
		wg.Wait()
		v, err := c.Outcome()
		switch {
		case cancelled && (err != future.ErrCancelled || c.State() != future.Cancelled):
			t.Fatalf("Cancel won but state %v, %v, %v", c.State(), v, err)
		case !cancelled && (v != 1 || err != nil):
			t.Fatalf("Run won but %v, %v", v, err)
		}
	}
}

// Run calls free once, before the Core is done, whatever the function's
// outcome; not after a runtime.Goexit (the worker ends) and not when the
// Core was cancelled (nothing ran). The engine relies on it: a worker is
// idle by the time a waiter sees its future done (TP-02).
func TestRunFreesBeforeDone(t *testing.T) {
	for _, tc := range []struct {
		name     string
		fn       func() (int, error)
		cancel   bool
		wantFree int
	}{
		{"result", func() (int, error) { return 1, nil }, false, 1},
		{"error", func() (int, error) { return 0, errors.New("boom") }, false, 1},
		{"panic", func() (int, error) { panic("boom") }, false, 1},
		{"goexit", func() (int, error) { runtime.Goexit(); return 0, nil }, false, 0},
		{"cancelled", func() (int, error) { return 1, nil }, true, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newCore(tc.fn)
			if tc.cancel {
				c.Cancel()
			}
			frees, doneAtFree := 0, false
			var wg sync.WaitGroup
			wg.Go(func() {
				c.Run(func() { frees++; doneAtFree = doneAtFree || c.IsDone() })
			})
			wg.Wait()
			if frees != tc.wantFree || doneAtFree {
				t.Errorf("free called %d times (done at the call: %v); want %d, before done", frees, doneAtFree, tc.wantFree)
			}
			if !c.IsDone() {
				t.Errorf("Core not done after Run")
			}
		})
	}
}
