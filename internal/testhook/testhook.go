// Package testhook connects pyconc's tests to state that package thread
// keeps for the whole process, so that a test can run a program as if it
// were main.
//
// A Go test runs in a goroutine the testing package started, not in the
// program's main goroutine, so thread.CurrentThread there is a dummy
// thread, threads it creates default to daemon (as they do in Python when
// created from a thread threading did not start), and names continue a
// counter earlier tests advanced. The example tests want what `go run`
// shows: "MainThread", non-daemon threads, Thread-1 first.
package testhook

// BecomeMain makes the calling goroutine the main thread: a fresh
// MainThread object with its ident, and the Thread-N counter back at zero.
// It returns a function that restores the previous main thread. Package
// thread installs it when it is initialised; it is nil in a binary that
// does not link package thread.
//
// When package mp is linked it wraps the function so that BecomeMain also
// gives mp a fresh MainProcess (the Process-N counter back at zero) and
// forgets the start method set, restoring both with the rest.
var BecomeMain func() (restore func())
