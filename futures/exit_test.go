package futures_test

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/pyconc/pyconc/futures"
	"github.com/pyconc/pyconc/thread"
)

// The behaviour at the end of a program is tested as CPython tests it
// with assert_python_ok: in a fresh process, here the test binary run
// again with helperEnv naming one of the programs below. Each program
// ends with thread.Shutdown(), which is what a Go main defers to get
// Python's exit.
const helperEnv = "PYCONC_FUTURES_EXIT_PROGRAM"

// exitPrograms are the programs, by name, for each kind of executor.
var exitPrograms = map[string]func(k executorKind){
	// EX-22; CPython: test_shutdown.py ExecutorShutdownTest.test_interpreter_shutdown.
	// Work submitted just before the end still runs.
	"interpreter_shutdown": func(k executorKind) {
		ex := k.new(futures.MaxWorkers(5))
		futures.Submit(ex, func() int { sleepAndPrint(time.Second, "apple"); return 0 })
		thread.Shutdown()
	},
	// EX-22; CPython: test_shutdown.py ExecutorShutdownTest.test_hang_gh83386.
	// Also after Shutdown(ShutdownWait(false)) with the call running.
	"hang_gh83386": func(k executorKind) {
		ex := k.new(futures.MaxWorkers(3))
		futures.Submit(ex, func() int { sleepAndPrint(time.Second, "apple"); return 0 })
		ex.Shutdown(futures.ShutdownWait(false))
		thread.Shutdown()
	},
	// EX-03; CPython: test_shutdown.py ExecutorShutdownTest.test_submit_after_interpreter_shutdown.
	"submit_after_interpreter_shutdown": func(k executorKind) {
		ex := k.new(futures.MaxWorkers(5))
		mustSubmitOK(ex)
		thread.Shutdown()
		if _, err := futures.Submit(ex, func() int { return 0 }); err != nil {
			fmt.Println("runtime-error:", err)
		}
		// An executor made afterwards works (EX-03 differs).
		later := k.new()
		defer later.Shutdown()
		mustSubmitOK(later)
		fmt.Println("later executor ok")
	},
	// TP-08; CPython: test_shutdown.py ThreadPoolShutdownTest.test_cancel_futures_wait_false.
	"cancel_futures_wait_false": func(k executorKind) {
		ex := k.new()
		futures.Submit(ex, func() int { sleepAndPrint(100*time.Millisecond, "apple"); return 0 })
		ex.Shutdown(futures.ShutdownWait(false), futures.CancelFutures(true))
		thread.Shutdown()
	},
}

func sleepAndPrint(d time.Duration, msg string) {
	time.Sleep(d)
	fmt.Println(msg)
}

func mustSubmitOK(ex futures.Executor) {
	f, err := futures.Submit(ex, func() int { return 42 })
	if err != nil {
		panic(err)
	}
	if v, _ := f.Result(); v != 42 {
		panic(v)
	}
}

// TestExitProgram is not a test: it runs the exit program named by
// helperEnv when the test binary is run by TestExit, inside a synctest
// bubble, so the programs' one-second sleeps take no time.
func TestExitProgram(t *testing.T) {
	spec := os.Getenv(helperEnv)
	if spec == "" {
		t.Skip("run by TestExit")
	}
	kind, name, _ := strings.Cut(spec, "/")
	for _, k := range executorKinds {
		if k.name == kind {
			synctest.Test(t, func(t *testing.T) { exitPrograms[name](k) })
			return
		}
	}
	t.Fatalf("no executor kind %q", kind)
}

func TestExit(t *testing.T) {
	if os.Getenv(helperEnv) != "" {
		t.Skip("in an exit program")
	}
	for _, tc := range []struct {
		program string
		want    []string // the output, each a line
	}{
		{"interpreter_shutdown", []string{"apple"}},
		{"hang_gh83386", []string{"apple"}},
		{"submit_after_interpreter_shutdown", []string{
			"runtime-error: futures: cannot schedule new futures after interpreter shutdown",
			"later executor ok",
		}},
		{"cancel_futures_wait_false", nil}, // gh-116682: apple, or nothing
	} {
		t.Run(tc.program, func(t *testing.T) {
			forExecutors(t, func(t *testing.T, k executorKind) {
				cmd := exec.Command(os.Args[0], "-test.run=^TestExitProgram$", "-test.count=1")
				// The race detector's runtime sleeps a second at exit
				// unless told not to.
				gorace := strings.TrimSpace(os.Getenv("GORACE") + " atexit_sleep_ms=0")
				cmd.Env = append(os.Environ(), helperEnv+"="+k.name+"/"+tc.program, "GORACE="+gorace)
				var stderr strings.Builder
				cmd.Stderr = &stderr
				out, err := cmd.Output()
				if err != nil {
					t.Fatalf("%v\nstdout:\n%s\nstderr:\n%s", err, out, stderr.String())
				}
				lines := strings.Split(strings.TrimSpace(string(out)), "\n")
				if lines[len(lines)-1] != "PASS" {
					t.Fatalf("stdout:\n%s", out)
				}
				lines = lines[:len(lines)-1]
				if tc.program == "cancel_futures_wait_false" {
					if len(lines) > 1 || len(lines) == 1 && lines[0] != "apple" {
						t.Errorf("output %q; want apple or nothing", lines)
					}
					return
				}
				if strings.Join(lines, "\n") != strings.Join(tc.want, "\n") {
					t.Errorf("output:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(tc.want, "\n"))
				}
				if stderr.Len() != 0 {
					t.Errorf("stderr: %s", stderr.String())
				}
			})
		})
	}
}
