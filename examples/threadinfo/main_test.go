package main

import (
	"io"
	"testing"

	"github.com/pyconc/pyconc/internal/exampletest"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// python is what the Python program in the package doc prints (Python
// 3.11), line for line.
const python = `MainThread: current_thread() is main_thread(): True
MainThread: active_count() = 1
MainThread: enumerate() = ['MainThread']
reader: current_thread() is main_thread(): False
reader: active_count() = 2
reader: enumerate() = ['MainThread', 'reader']
Thread-1 (worker): current_thread() is main_thread(): False
Thread-1 (worker): active_count() = 3
Thread-1 (worker): enumerate() = ['MainThread', 'reader', 'Thread-1 (worker)']
MainThread: current_thread() is main_thread(): True
MainThread: active_count() = 3
MainThread: enumerate() = ['MainThread', 'reader', 'Thread-1 (worker)']
MainThread: current_thread() is main_thread(): True
MainThread: active_count() = 1
MainThread: enumerate() = ['MainThread']
`

// TestThreadInfo checks the whole output: each worker prints while main
// waits for it, and main lists the threads while both workers wait, so
// the order is fixed.
func TestThreadInfo(t *testing.T) {
	out := exampletest.Run(t, func(w io.Writer) error { return run(w, nil) })
	if out != python {
		t.Errorf("output:\n%s\nwant the Python program's:\n%s", out, python)
	}
}
