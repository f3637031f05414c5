// Package queue provides Python's queue module for goroutines: synchronized
// multi-producer, multi-consumer queues with task tracking and shutdown.
//
// Python → Go:
//
//   - queue.Queue → [New], [Queue] (the zero Queue is an unbounded FIFO)
//   - queue.LifoQueue → [NewLifoQueue]
//   - queue.PriorityQueue → [NewPriorityQueue], [NewPriorityQueueFunc]
//   - queue.SimpleQueue → [NewSimpleQueue], [SimpleQueue]
//   - queue.Empty → [ErrEmpty]
//   - queue.Full → [ErrFull]
//   - queue.ShutDown → [ErrShutDown]
//   - Queue.put → [Queue.Put], [Queue.PutTimeout], [Queue.PutContext]
//   - Queue.put_nowait, put(block=False) → [Queue.PutNowait]
//   - Queue.get → [Queue.Get], [Queue.GetTimeout], [Queue.GetContext]
//   - Queue.get_nowait, get(block=False) → [Queue.GetNowait]
//   - Queue.task_done → [Queue.TaskDone]
//   - Queue.join → [Queue.Join], [Queue.JoinTimeout], [Queue.JoinContext]
//   - Queue.unfinished_tasks → [Queue.UnfinishedTasks]
//   - Queue.qsize, empty, full → [Queue.Qsize], [Queue.Empty], [Queue.Full]
//   - Queue.maxsize → [Queue.Maxsize], [Queue.SetMaxsize]
//   - Queue.shutdown() → [Queue.Shutdown]
//   - Queue.shutdown(immediate=True) → [Queue.ShutdownImmediate]
//   - Queue.is_shutdown → [Queue.IsShutdown]
//   - a worker's "while True: item = q.get()" → [Queue.Items]
//   - SimpleQueue.put, put_nowait → [SimpleQueue.Put], [SimpleQueue.PutNowait]
//   - SimpleQueue.get → [SimpleQueue.Get], [SimpleQueue.GetTimeout], [SimpleQueue.GetContext]
//   - SimpleQueue.get_nowait → [SimpleQueue.GetNowait]
//   - SimpleQueue.qsize, empty → [SimpleQueue.Qsize], [SimpleQueue.Empty]
//
// Policies:
//
//   - One implementation. Every ordering is a *[Queue]: [New],
//     [NewLifoQueue], [NewPriorityQueue] and [NewPriorityQueueFunc] differ
//     only in the store behind it, as CPython's LifoQueue and PriorityQueue
//     differ from Queue only in the _put and _get hooks. So a LIFO or
//     priority queue goes wherever a *Queue is expected, as a Python
//     LifoQueue is a Queue. [SimpleQueue] wraps a Queue.
//   - Blocking forms. Python's put(item, block=True, timeout=None) becomes
//     Put (block), PutNowait (never block), PutTimeout (give up after a
//     time.Duration, returning [ErrFull]) and PutContext (give up when the
//     context is done, returning ctx.Err()); the Get and Join forms follow
//     the same pattern. A form that gives up has changed nothing. Work that
//     can be done without waiting is done, even with a zero timeout or a
//     context already done. Blocked getters and putters are served in
//     arrival order. A call that must wait yields the processor twice, in
//     case the other side is about to act, then waits on a channel of its
//     own, never polling or sleeping, so testing/synctest runs a ten-second
//     timeout instantly.
//   - Errors. Python's exceptions Empty, Full and ShutDown are the sentinel
//     errors [ErrEmpty], [ErrFull] and [ErrShutDown], matched with errors.Is.
//   - Panics. Misuse that Python answers with ValueError panics with a
//     message naming it: a negative timeout ("queue: 'timeout' must be a
//     non-negative number (Python: ValueError)"), also where Python's put
//     lets it pass, and [Queue.TaskDone] called too often ("queue:
//     task_done() called too many times (Python: ValueError)"). A panic in
//     the comparison of [NewPriorityQueueFunc] reaches the caller and leaves
//     the queue as it was.
//   - Zero values. A zero Queue is an empty unbounded FIFO queue and a zero
//     SimpleQueue an empty SimpleQueue, both ready to use; neither may be
//     copied after first use. Nothing here starts a goroutine.
//   - Shutdown (Python 3.13). After [Queue.Shutdown], puts fail with
//     [ErrShutDown] and gets drain the queue, then fail with ErrShutDown;
//     blocked putters and getters wake with it. [Queue.ShutdownImmediate]
//     also empties the queue and, unlike Python, returns what it removed.
//     [Queue.Join] never fails. A SimpleQueue has no shutdown.
//   - Iteration. for item := range q.Items() is a worker loop that gets
//     items until the queue is shut down and empty, so a worker ends when
//     its producer is done instead of living on as a daemon thread.
//   - Items are dropped by the queue as soon as they are got, so the queue
//     never keeps a got item alive.
package queue
