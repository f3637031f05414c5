package thread

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sync/atomic"
)

// ExceptHookArgs describes a panic that escaped a thread's target.
//
// Python: threading.ExceptHookArgs.
type ExceptHookArgs struct {
	// Thread is the thread whose target panicked.
	Thread *Thread
	// Value is the value passed to panic (Python's exc_value).
	Value any
	// Stack is the goroutine's stack trace at the panic, as
	// runtime/debug.Stack formats it (Python's exc_traceback).
	Stack []byte
}

var hook atomic.Pointer[func(ExceptHookArgs)]

// ExceptHook handles a panic that escaped a thread's target: every Thread
// recovers such a panic and passes it to ExceptHook, which calls the hook
// installed with [SetExceptHook], [DefaultExceptHook] unless another was
// installed. The thread then ends; Join returns normally and the program
// goes on (TH-30).
//
// If the hook itself panics, ExceptHook writes "Exception in
// thread.ExceptHook:" and that panic to os.Stderr, as Python reports a
// failing excepthook (EH-06), and returns.
//
// A target that calls runtime.Goexit ends its thread without a report, as
// SystemExit does in Python (EH-04).
//
// Python: threading.excepthook.
func ExceptHook(args ExceptHookArgs) {
	h := DefaultExceptHook
	if p := hook.Load(); p != nil {
		h = *p
	}
	defer func() {
		if v := recover(); v != nil {
			fmt.Fprint(os.Stderr, "Exception in thread.ExceptHook:\n")
			writePanic(os.Stderr, v, panicStack())
		}
	}()
	h(args)
}

// SetExceptHook installs h as the hook [ExceptHook] calls, and returns a
// function that puts back the hook h replaced. A nil h installs
// [DefaultExceptHook] again (EH-07). To use a hook for the rest of a
// function:
//
//	defer thread.SetExceptHook(h)()
//
// Python: assigning threading.excepthook.
func SetExceptHook(h func(ExceptHookArgs)) (restore func()) {
	var p *func(ExceptHookArgs)
	if h != nil {
		p = &h
	}
	old := hook.Swap(p)
	return func() { hook.Store(old) }
}

// DefaultExceptHook writes a thread's panic to os.Stderr as Python writes
// an exception in a thread (EH-01), with Go's panic text and stack trace
// where Python prints its traceback:
//
//	Exception in thread worker:
//	panic: run failed
//
//	goroutine 18 [running]:
//	...
//
// When args.Thread is nil the header names the calling goroutine's
// identifier instead, as in Python (EH-03).
//
// Python: threading.__excepthook__.
func DefaultExceptHook(args ExceptHookArgs) {
	name := ""
	if args.Thread != nil {
		name = args.Thread.Name()
	} else {
		name = fmt.Sprint(GetIdent())
	}
	fmt.Fprintf(os.Stderr, "Exception in thread %s:\n", name)
	writePanic(os.Stderr, args.Value, args.Stack)
}

// writePanic writes a panic value and stack in the form the Go runtime
// uses for an unrecovered panic.
func writePanic(w io.Writer, v any, stack []byte) {
	fmt.Fprintf(w, "panic: %v\n\n%s", v, stack)
	if len(stack) > 0 && stack[len(stack)-1] != '\n' {
		fmt.Fprintln(w)
	}
}

// panicStack returns the calling goroutine's stack trace as seen by a
// deferred function that recovered a panic, from the panic down: the
// frames of the recovery itself are dropped, as the Go runtime's own
// report of an unrecovered panic leaves them out.
func panicStack() []byte {
	s := debug.Stack()
	header, frames, ok := bytes.Cut(s, []byte("\n"))
	if !ok {
		return s
	}
	if i := bytes.Index(frames, []byte("\npanic(")); i >= 0 {
		frames = frames[i+1:]
	}
	return append(append(header, '\n'), frames...)
}
