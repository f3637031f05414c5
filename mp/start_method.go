package mp

import (
	"errors"
	"fmt"
	"sync"

	"github.com/pyconc/pyconc/internal/pyrepr"
)

// ErrStartMethod is the error of [GetContext], [SetStartMethod] and
// [SetStartMethodForce] for a start method that does not exist, Python's
// ValueError("cannot find context for 'spawn'"). The error returned wraps
// it and names the methods that exist:
//
//	mp: cannot find context for 'spawn'; the start methods are [goroutine]
//
// Python: ValueError (multiprocessing.get_context).
var ErrStartMethod = errors.New("mp: cannot find context")

// startMethods are the start methods that exist, the default first.
var startMethods = []string{"goroutine"}

var (
	methodMu sync.Mutex
	actual   *Context // set by SetStartMethod or GetStartMethod; nil until then
)

// GetAllStartMethods returns the names of the start methods that exist,
// the default first. There is one, "goroutine": a process is a goroutine.
// Python's "fork", "spawn" and "forkserver" start operating-system
// processes, which pyconc does not (yet) do.
//
// Python: multiprocessing.get_all_start_methods.
func GetAllStartMethods() []string { return append([]string(nil), startMethods...) }

// GetContext returns the context of start method method, "" for the
// default one ("goroutine", or the one [SetStartMethod] chose). A method
// that does not exist — "fork", "spawn", "forkserver" — returns nil and an
// error matching [ErrStartMethod] that names the methods that exist.
//
// Python: multiprocessing.get_context.
func GetContext(method string) (*Context, error) {
	if method == "" {
		methodMu.Lock()
		defer methodMu.Unlock()
		if actual != nil {
			return actual, nil
		}
		return defaultContext(), nil
	}
	return lookupContext(method)
}

func lookupContext(method string) (*Context, error) {
	if method == goroutineContext.method {
		return goroutineContext, nil
	}
	return nil, fmt.Errorf("%w for %s; the start methods are %v", ErrStartMethod, pyrepr.Str(method), startMethods)
}

// SetStartMethod sets the start method of the constructors given no
// context. It may be called once: a second call, or a call after
// [GetStartMethod] has fixed the method, panics with "mp: context has
// already been set (Python: RuntimeError)"; use [SetStartMethodForce]
// to change it. A method that does not exist returns an error matching
// [ErrStartMethod] and sets nothing.
//
// Python: multiprocessing.set_start_method(method).
func SetStartMethod(method string) error {
	c, err := lookupContext(method)
	if err != nil {
		return err
	}
	methodMu.Lock()
	defer methodMu.Unlock()
	if actual != nil {
		panic("mp: context has already been set (Python: RuntimeError)")
	}
	actual = c
	return nil
}

// SetStartMethodForce acts like [SetStartMethod] but never panics: it
// replaces a start method set before. An empty method unsets it, so that
// the next SetStartMethod succeeds.
//
// Python: multiprocessing.set_start_method(method, force=True).
func SetStartMethodForce(method string) error {
	if method == "" {
		methodMu.Lock()
		actual = nil
		methodMu.Unlock()
		return nil
	}
	c, err := lookupContext(method)
	if err != nil {
		return err
	}
	methodMu.Lock()
	actual = c
	methodMu.Unlock()
	return nil
}

// GetStartMethod returns the name of the start method in use,
// "goroutine". As in Python, asking fixes it: after GetStartMethod a
// [SetStartMethod] without force panics.
//
// Python: multiprocessing.get_start_method().
func GetStartMethod() string {
	methodMu.Lock()
	defer methodMu.Unlock()
	if actual == nil {
		actual = defaultContext()
	}
	return actual.method
}

// GetStartMethodAllowNone returns the start method set, or "" (Python's
// None) if none has been, without fixing it.
//
// Python: multiprocessing.get_start_method(allow_none=True).
func GetStartMethodAllowNone() string {
	methodMu.Lock()
	defer methodMu.Unlock()
	if actual == nil {
		return ""
	}
	return actual.method
}

// resetStartMethod forgets the start method set, for tests that become
// main (internal/testhook), and returns a function that puts it back.
func resetStartMethod() (restore func()) {
	methodMu.Lock()
	old := actual
	actual = nil
	methodMu.Unlock()
	return func() {
		methodMu.Lock()
		actual = old
		methodMu.Unlock()
	}
}
