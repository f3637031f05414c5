package goid

import "runtime"

// Current returns the ID of the calling goroutine: a positive integer,
// unique among all goroutines the process has ever run.
func Current() int64 {
	if offset > 0 {
		return fast()
	}
	return Slow()
}

// Fast reports whether [Current] reads the ID directly (a few nanoseconds)
// rather than parsing a stack trace (microseconds).
func Fast() bool { return offset > 0 }

// Slow returns the ID of the calling goroutine by parsing the first line of
// its stack trace, "goroutine 18 [running]:". It is the portable reference
// that the fast path is calibrated and tested against.
func Slow() int64 {
	var buf [64]byte
	n := runtime.Stack(buf[:], false)
	return parse(buf[:n])
}

// parse reads the number after "goroutine " at the start of b, or returns 0.
func parse(b []byte) int64 {
	const prefix = "goroutine "
	if len(b) < len(prefix) || string(b[:len(prefix)]) != prefix {
		return 0
	}
	var id int64
	for _, c := range b[len(prefix):] {
		if c < '0' || c > '9' {
			break
		}
		id = id*10 + int64(c-'0')
	}
	return id
}
