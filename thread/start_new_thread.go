package thread

import (
	"fmt"
	"os"
	"reflect"
	"runtime"

	"github.com/pyconc/pyconc/internal/goid"
)

// StartNewThread starts a goroutine running f and returns its identifier,
// the value [GetIdent] returns inside it (TT-01). It is the low-level
// primitive under Thread: there is no Thread object, nothing waits for the
// goroutine at [Shutdown] (TT-08), and it appears in [Enumerate] only
// after it calls [CurrentThread], as a dummy thread.
//
// A panic in f is recovered and written to os.Stderr as "Exception
// ignored in thread started by: NAME", where NAME is f's function name,
// followed by the panic and its stack (TT-03); the program goes on. A call
// to runtime.Goexit ends the goroutine silently (TT-04).
//
// StartNewThread panics if f is nil (TT-02).
//
// Python: _thread.start_new_thread.
func StartNewThread(f func()) int64 {
	if f == nil {
		panic("thread: first arg must be callable (Python: TypeError)")
	}
	ident := make(chan int64, 1)
	go func() {
		ident <- goid.Current()
		defer func() {
			if v := recover(); v != nil {
				name := "<nil>"
				if fn := runtime.FuncForPC(reflect.ValueOf(f).Pointer()); fn != nil {
					name = fn.Name()
				}
				fmt.Fprintf(os.Stderr, "Exception ignored in thread started by: %s\n", name)
				writePanic(os.Stderr, v, panicStack())
			}
		}()
		f()
	}()
	return <-ident
}
