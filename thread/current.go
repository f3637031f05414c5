package thread

import (
	"cmp"
	"slices"

	"github.com/pyconc/pyconc/internal/goid"
)

// CurrentThread returns the Thread of the calling goroutine: the Thread
// whose target it runs, [MainThread] in the main goroutine (MF-01), and for
// any other goroutine — one started with a go statement, or with
// [StartNewThread] — a dummy thread named "Dummy-N", daemon, alive, and from
// then on counted by [ActiveCount] and listed by [Enumerate] (MF-02).
//
// Unlike Python's dummy threads, which are never deleted, a dummy thread
// leaves those lists once its goroutine has ended: Enumerate and
// ActiveCount check (see [Enumerate]), and so does CurrentThread whenever
// the number of dummy threads has doubled.
//
// In the goroutine of a process of package mp it returns that process's
// main thread, named "MainThread" (not [MainThread], and not listed by
// Enumerate): the threads a process starts are its own.
//
// The calling goroutine is identified by its runtime ID; see [GetIdent].
//
// Python: threading.current_thread.
func CurrentThread() *Thread {
	id := goid.Current()
	if t := lookup(id); t != nil {
		return t
	}
	if o := processOf(id); o != nil {
		return newProcessMain(o, id)
	}
	return newDummy(id)
}

// MainThread returns the main thread: the goroutine that runs main (and
// package initialisation), named "MainThread", not a daemon (MF-03, MF-04).
// It is alive until [Shutdown] runs.
//
// Python: threading.main_thread.
func MainThread() *Thread { return main.Load() }

// Enumerate returns every alive thread: the main thread, the threads
// started and not yet ended, and the dummy threads whose goroutines are
// still running, in the order they started. A thread that has ended, or
// has not been started, is never listed (MF-06).
//
// Go cannot tell when a goroutine it did not start ends. When dummy
// threads exist, Enumerate takes a stack dump of all goroutines
// ([runtime.Stack] with all set, which briefly stops the world) to drop the
// ones whose goroutines have ended; with no dummy threads it costs only
// locks and a sort.
//
// Python: threading.enumerate.
func Enumerate() []*Thread {
	if dummies.Load() > 0 {
		pruneDummies(false)
	}
	var ts []*Thread
	for i := range shards {
		s := &shards[i]
		s.mu.Lock()
		for t := range s.alive {
			ts = append(ts, t)
		}
		s.mu.Unlock()
	}
	slices.SortFunc(ts, func(a, b *Thread) int { return cmp.Compare(a.seq, b.seq) })
	return ts
}

// ActiveCount returns the number of alive threads, len(Enumerate()) (MF-05).
//
// Python: threading.active_count.
func ActiveCount() int {
	if dummies.Load() > 0 {
		pruneDummies(false)
	}
	n := 0
	for i := range shards {
		s := &shards[i]
		s.mu.Lock()
		n += len(s.alive)
		s.mu.Unlock()
	}
	return n
}

// GetIdent returns the identifier of the calling thread: its goroutine's
// runtime ID, a positive number unique among all goroutines the process
// has run, equal to CurrentThread().Ident() (MF-07). It never creates a
// dummy thread.
//
// On amd64 and arm64 pyconc reads the ID from the runtime's goroutine
// descriptor, at about the cost of a function call; elsewhere it parses
// the first line of a stack trace, which costs microseconds.
//
// Python: threading.get_ident.
func GetIdent() int64 { return goid.Current() }

// GetNativeID returns the native identifier of the calling thread, which
// in pyconc is the same goroutine ID as [GetIdent] (see [Thread.NativeID]).
//
// Python: threading.get_native_id.
func GetNativeID() int64 { return goid.Current() }
