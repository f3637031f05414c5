// Package panics turns a panic in a task into the task's error: the one
// PanicError behind futures.PanicError and pool.PanicError.
package panics

import (
	"bytes"
	"errors"
	"fmt"
	"runtime/debug"
)

// Error is a panic recovered from a task: the value passed to panic and the
// stack of the goroutine that panicked, taken where it was recovered.
type Error struct {
	// Value is the value passed to panic, or ErrGoexit when the task
	// called runtime.Goexit.
	Value any
	// Stack is the panicking goroutine's stack trace, from the panic
	// down, as runtime/debug.Stack formats it.
	Stack []byte
}

// Error returns the panic value and the stack, in the form the Go runtime
// prints an unrecovered panic.
func (e *Error) Error() string {
	if e.Value == ErrGoexit {
		return fmt.Sprintf("%v\n\n%s", e.Value, e.Stack)
	}
	return fmt.Sprintf("panic: %v\n\n%s", e.Value, e.Stack)
}

// Unwrap returns Value if it is an error, so errors.Is and errors.As see
// through a panic(err).
func (e *Error) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// ErrGoexit is the Value of the Error of a task that called runtime.Goexit.
var ErrGoexit = errors.New("task called runtime.Goexit")

// New returns the Error for a panic with value v, recovered by the
// calling deferred function.
func New(v any) *Error { return &Error{Value: v, Stack: Stack()} }

// Goexit returns the Error for a task that called runtime.Goexit, seen by
// the calling deferred function.
func Goexit() *Error { return &Error{Value: ErrGoexit, Stack: debug.Stack()} }

// Stack returns the calling goroutine's stack trace as seen by a deferred
// function that recovered a panic, from the panic down: the frames of the
// recovery itself are dropped, as the runtime's report of an unrecovered
// panic leaves them out.
func Stack() []byte {
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

// Call calls f and returns what it returned, or, if f panics or calls
// runtime.Goexit, an *Error. A Goexit is not stopped: the deferred
// functions of the calling goroutine run and it ends, so the caller hands
// over its duty in onGoexit, which Call calls with the Error first.
func Call[T any](f func() (T, error), onGoexit func(*Error)) (v T, err error) {
	normal := false
	defer func() {
		if normal {
			return
		}
		if r := recover(); r != nil {
			err = New(r)
			return
		}
		onGoexit(Goexit())
	}()
	v, err = f()
	normal = true
	return v, err
}
