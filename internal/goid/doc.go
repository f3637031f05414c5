// Package goid identifies the calling goroutine.
//
// Go deliberately hides goroutine identity, but Python's threading API is
// built on it: current_thread, get_ident, RLock ownership and
// threading.local all ask "which thread is this?". Package thread answers
// with the goroutine ID the Go runtime prints in stack traces
// ("goroutine 18 [running]"), which is unique for the life of the process
// and never reused.
//
// [Current] has two implementations:
//
//   - On amd64 and arm64 it reads the ID from the runtime's goroutine
//     descriptor: an assembly stub returns the descriptor's address, and the
//     ID's offset within it is found once, at package initialisation, by
//     comparing the descriptor's words with the ID that [runtime.Stack]
//     prints, in three fresh goroutines. It costs about as much as a function
//     call (BenchmarkCurrent).
//   - Everywhere else, and on amd64/arm64 should that calibration ever fail to
//     find exactly one offset (a future runtime changing the descriptor's
//     layout), it parses the header line of [runtime.Stack]. That is
//     portable but costs microseconds, growing with the depth of the stack
//     (BenchmarkSlow).
//
// [Fast] reports which one is in use.
package goid
