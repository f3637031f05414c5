package panics_test

import (
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/pyconc/pyconc/internal/panics"
)

func TestCallReturnsPanicAsError(t *testing.T) {
	v, err := panics.Call(func() (int, error) { panic(io.EOF) }, nil)
	var pe *panics.Error
	if v != 0 || !errors.As(err, &pe) || !errors.Is(err, io.EOF) {
		t.Fatalf("Call = %v, %v; want a *panics.Error wrapping io.EOF", v, err)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "panic: EOF\n\ngoroutine ") || !strings.Contains(msg, "panics_test.TestCallReturnsPanicAsError") {
		t.Errorf("Error() = %q; want the value then the stack from the panic", msg)
	}
	if strings.Contains(string(pe.Stack), "panics.Stack(") {
		t.Errorf("stack holds the recovery's own frames:\n%s", pe.Stack)
	}
}

func TestCallPassesResults(t *testing.T) {
	want := errors.New("plain")
	if v, err := panics.Call(func() (int, error) { return 3, want }, nil); v != 3 || err != want {
		t.Errorf("Call = %v, %v; want 3, %v", v, err, want)
	}
}

func TestUnwrapNonError(t *testing.T) {
	e := &panics.Error{Value: 42}
	if e.Unwrap() != nil {
		t.Errorf("Unwrap of a non-error value = %v; want nil", e.Unwrap())
	}
}

func TestCallGoexit(t *testing.T) {
	got := make(chan *panics.Error, 1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = panics.Call(func() (int, error) { runtime.Goexit(); return 0, nil }, func(e *panics.Error) { got <- e })
		t.Error("Call returned after Goexit")
	}()
	<-done
	e := <-got
	if e.Value != panics.ErrGoexit || !strings.HasPrefix(e.Error(), "task called runtime.Goexit\n\n") {
		t.Errorf("Goexit error = %q", e.Error())
	}
}
