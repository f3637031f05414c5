package mp

import "io"

// SetStderr replaces the writer a process's panic is reported to, and
// returns a function that puts the old one back.
func SetStderr(w io.Writer) (restore func()) {
	stderrMu.Lock()
	defer stderrMu.Unlock()
	old := stderr
	stderr = w
	return func() {
		stderrMu.Lock()
		defer stderrMu.Unlock()
		stderr = old
	}
}

// ExitMain runs what thread.Shutdown runs for mp at exit.
func ExitMain() { exitMain() }
