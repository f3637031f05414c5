package queue

import "errors"

// ErrEmpty is returned by [Queue.GetNowait], [Queue.GetTimeout],
// [SimpleQueue.GetNowait] and [SimpleQueue.GetTimeout] when no item was
// available in time. Match it with errors.Is.
//
// A queue that is shut down and empty returns [ErrShutDown] instead.
//
// Python: queue.Empty.
var ErrEmpty = errors.New("queue: empty")

// ErrFull is returned by [Queue.PutNowait] and [Queue.PutTimeout] when the
// queue had no free slot in time; the item was not put. Match it with
// errors.Is.
//
// A queue that is shut down returns [ErrShutDown] instead, even when full.
//
// Python: queue.Full.
var ErrFull = errors.New("queue: full")

// ErrShutDown is returned by every Put form of a [Queue] after
// [Queue.Shutdown] or [Queue.ShutdownImmediate], including to putters that
// were blocked when the shutdown came, and by every Get form once the
// queue is shut down and has no item left (a non-immediate shutdown lets
// the remaining items be got first). Match it with errors.Is.
//
// Python: queue.ShutDown.
var ErrShutDown = errors.New("queue: shut down")
