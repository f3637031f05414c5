// Package owner connects the threads of package thread to the processes of
// package mp that they run in, without package thread knowing about mp.
//
// A process's own goroutine is known to mp, which installs [Lookup]. Every
// thread.Thread records, when it is created, the owner of the goroutine
// creating it (its thread's owner, or the process whose goroutine it is),
// and so belongs to the same process, transitively. Package thread
// installs [Current] and [Leave] when it is initialised.
package owner

// An Owner is what a thread belongs to: an *mp.Process. Package thread
// calls ThreadStarted when a non-daemon thread owned by it starts and
// ThreadStopped when that thread ends, so that a process can wait for its
// non-daemon threads before it ends, as Python's does (MP-27).
//
// MainThreadMade is called when package thread makes the thread object of
// the process's own goroutine (thread.CurrentThread called there): only
// then need the process call Leave as it ends.
type Owner interface {
	ThreadStarted()
	ThreadStopped()
	MainThreadMade()
}

var (
	// Lookup returns the process whose own goroutine (the one running its
	// target) has ID id, or nil. Package mp installs it.
	Lookup func(id int64) Owner

	// Current returns the owner of the calling goroutine: its thread's
	// owner, or Lookup's answer; nil for a goroutine with none (the main
	// goroutine, a goroutine pyconc did not start, a thread started
	// outside every process). Package thread installs it.
	Current func() Owner

	// Leave is called by a process's own goroutine as it ends, if
	// MainThreadMade was called: package thread forgets the main thread it
	// made for it (in CurrentThread) and releases that thread's joiners.
	Leave func()
)
