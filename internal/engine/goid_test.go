package engine_test

import (
	"bytes"
	"runtime"
	"strconv"
)

// goroutineID returns the calling goroutine's ID, parsed from its stack.
func goroutineID() uint64 {
	buf := make([]byte, 64)
	buf = buf[:runtime.Stack(buf, false)]
	buf = bytes.TrimPrefix(buf, []byte("goroutine "))
	id, _ := strconv.ParseUint(string(buf[:bytes.IndexByte(buf, ' ')]), 10, 64)
	return id
}
