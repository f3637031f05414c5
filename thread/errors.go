package thread

import "errors"

// ErrBrokenBarrier is returned by [Barrier.Wait], [Barrier.WaitTimeout]
// and [Barrier.WaitContext] when the barrier is broken or breaks while they
// wait: a waiting goroutine timed out (BR-08), the barrier's action
// panicked (BR-05), or someone called [Barrier.Abort] (BR-06) or
// [Barrier.Reset] (BR-07). Python's BrokenBarrierError is a RuntimeError
// raised with no message (BR-11); match this one with errors.Is.
//
// Python: threading.BrokenBarrierError.
var ErrBrokenBarrier = errors.New("thread: broken barrier")
