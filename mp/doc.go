// Package mp is Python's multiprocessing on goroutines: processes,
// queues, pipes, shared values, managers and pools, with Python's names
// and behaviour, on the "goroutine" start method.
//
// # Python → Go
//
//   - multiprocessing.Process → [NewProcess], [Process]; target= and args=
//     → a closure; name= and daemon= → [Name], [Daemon]; a subclass
//     overriding run() → mp.NewProcess(m.Run), named "T-N"
//   - Process.start, run, join → [Process.Start], [Process.Run],
//     [Process.Join], [Process.JoinTimeout], [Process.JoinContext]
//   - Process.is_alive, exitcode, pid, ident → [Process.IsAlive],
//     [Process.ExitCode], [Process.Pid], [Process.Ident]
//   - Process.name, daemon, authkey → [Process.Name], [Process.SetName],
//     [Process.Daemon], [Process.SetDaemon], [Process.AuthKey],
//     [Process.SetAuthKey]
//   - Process.terminate, kill → [Process.Terminate], [Process.Kill], seen
//     by the target through [Process.Context]; [ErrTerminated], [ErrKilled]
//   - Process.close, sentinel → [Process.Close], [Process.Sentinel]
//   - repr(process) → [Process.String]
//   - sys.exit(n) in a child → [Exit]
//   - current_process, parent_process, active_children, cpu_count →
//     [CurrentProcess], [ParentProcess], [ActiveChildren], [CPUCount]
//   - get_context, set_start_method, get_start_method,
//     get_all_start_methods → [GetContext], [SetStartMethod],
//     [SetStartMethodForce], [GetStartMethod], [GetStartMethodAllowNone],
//     [GetAllStartMethods]; a context → [Context]; ValueError for an
//     unknown method → [ErrStartMethod]
//   - multiprocessing.Queue → [NewQueue], [Queue]: [Queue.Put],
//     [Queue.PutNowait], [Queue.PutTimeout], [Queue.PutContext],
//     [Queue.Get], [Queue.GetNowait], [Queue.GetTimeout],
//     [Queue.GetContext], [Queue.Qsize], [Queue.Empty], [Queue.Full],
//     [Queue.Close], [Queue.JoinThread], [Queue.CancelJoinThread]
//   - queue.Empty, queue.Full → [ErrEmpty], [ErrFull] (package queue's
//     values)
//   - multiprocessing.JoinableQueue → [NewJoinableQueue],
//     [JoinableQueue]: [JoinableQueue.TaskDone], [JoinableQueue.Join]
//   - multiprocessing.SimpleQueue → [NewSimpleQueue], [SimpleQueue]
//   - multiprocessing.Pipe(duplex) → [Pipe], [Duplex]; Connection →
//     [Connection]: [Connection.Send], [Connection.Recv],
//     [Connection.Poll], [Connection.PollTimeout], [Connection.Close]
//   - send_bytes, recv_bytes, recv_bytes_into → [SendBytes],
//     [SendBytesRange], [RecvBytes], [RecvBytesMax], [RecvBytesInto];
//     BufferTooShort → [BufferTooShortError]
//   - EOFError → [ErrEOF]; BrokenPipeError → [ErrBrokenPipe];
//     OSError("bad message length") → [ErrBadMessageLength]
//   - multiprocessing.connection.wait → [Wait], [WaitTimeout],
//     [WaitContext] over [Waitable]s (connections and processes)
//   - Lock, RLock, Semaphore, BoundedSemaphore, Event, Condition, Barrier
//     → [Lock], [RLock], [Semaphore], [BoundedSemaphore], [Event],
//     [Condition], [Barrier] (package thread's types) and [NewLock],
//     [NewRLock], [NewSemaphore], [NewBoundedSemaphore], [NewEvent],
//     [NewCondition], [NewBarrier]; BrokenBarrierError → [ErrBrokenBarrier]
//   - Value, RawValue → [NewValue], [Value], [NewRawValue], [RawValue];
//     lock= → [ValueLock]; typecodes → [Number], [Char], [WChar]
//   - Array, RawArray → [NewArray], [NewArrayLen], [Array],
//     [NewRawArray], [NewRawArrayLen], [RawArray]; Array('c').value and
//     .raw → [ArrayBytes], [SetArrayBytes], [ArrayRaw], [SetArrayRaw]
//   - multiprocessing.Manager() → [NewManager], [Manager],
//     [Manager.Shutdown]; with Manager() as m: → defer m.Shutdown()
//   - manager.dict(), list(), Namespace() → [ManagerDict] ([DictProxy]),
//     [ManagerList] ([ListProxy]), [Manager.Namespace] ([Namespace],
//     [ErrAttribute])
//   - manager.Value, Array, Queue, JoinableQueue → [ManagerValue],
//     [ManagerArray], [ManagerQueue], [ManagerJoinableQueue]; manager.Lock
//     and the other primitives → the [Manager] methods of those names
//   - multiprocessing.Pool, pool.ThreadPool, AsyncResult → [Pool],
//     [NewPool], [ThreadPool], [NewThreadPool], [AsyncResult] (package
//     pool's types, with its functions pool.Map, pool.ApplyAsync, …);
//     TimeoutError → [ErrTimeout]
//
// # Goroutines, not processes
//
// Python runs a Process in a new operating-system process to escape the
// global interpreter lock. Go has none: goroutines already run on every
// core at once, so this package gives multiprocessing's API on goroutines.
// A CPU-bound program gets the same speed-up as Python's, without
// starting processes or pickling arguments.
//
// What differs from processes, and is said where it matters:
//
//   - Memory is shared. Whatever a process changes is seen by every other
//     one; an item put on a [Queue] or sent through a [Pipe] is handed over
//     as it is, not copied, so a pointer or a slice stays shared. Shared
//     state still needs a [Lock], a [Value] or a [Manager], exactly as in
//     Python.
//   - The program has one operating-system pid. [Process.Pid] of a child
//     is its goroutine's ID, unique while it runs; the main process's is
//     os.Getpid(). Nothing is pickled, so MQ-10, PC-13 and every other
//     pickling behaviour has no counterpart.
//   - A goroutine cannot be killed. [Process.Terminate] and [Process.Kill]
//     cancel the process's [Process.Context] (with cause [ErrTerminated]
//     or [ErrKilled]) and return at once; the target must notice. The
//     process stays alive, and Join waits, until the target returns; its
//     exit code is then -15, or -9 once Kill was asked, however it
//     returned, as a process killed by SIGTERM or SIGKILL reports. On a process that has ended
//     they do nothing (MP-19). No signal is sent (MP-10, MP-11).
//   - Exit codes are Python's: 0 when the target returns (or calls
//     runtime.Goexit), 1 when it panics, with "Process NAME:", the panic
//     and its stack written to standard error (MP-09), and n after
//     [Exit](n), which is sys.exit(n).
//   - [CurrentProcess] is the process whose target runs the calling
//     goroutine, and also in every thread.Thread started from it, however
//     nested: so pool and executor workers started by a process belong to
//     it (Python's pool workers are processes of their own). A goroutine
//     started with a plain go statement is not known to pyconc and reports
//     the main process. thread.CurrentThread in a process's own goroutine
//     is that process's main thread, named "MainThread" and not listed by
//     thread.Enumerate, and processes are never listed as threads.
//   - What stays as in Python: the life cycle (initial, started, stopped,
//     closed) with Python's assertion texts, the names (Process-1,
//     Process-1:2), daemons (a daemon cannot have children), the exit
//     codes, [ParentProcess], [ActiveChildren], and what happens at the
//     end (below).
//
// The start method is a [Context], so a second one (real processes,
// started with os/exec) can slot in behind the same [Process], as
// CPython's Popen classes do. In this release [GetAllStartMethods] is
// ["goroutine"], and asking for "spawn", "fork" or "forkserver" returns an
// error matching [ErrStartMethod] that names the methods that exist. Every
// constructor takes a *Context as an [Option], so Python's ctx.Queue() is
// mp.NewQueue[T](0, ctx); the non-generic ones are methods of the Context
// too (ctx.NewProcess).
//
// # The end of a process and of the program
//
// After its target returns, a process waits for its non-daemon threads
// (MP-27), then terminates its daemon children and waits for its
// non-daemon ones, as Python's does. A Go program ends when main returns;
// thread.Shutdown, deferred at the top of main, does for the main process
// what Python's interpreter does at exit: it terminates the daemon
// children (their contexts are cancelled; they are not waited for, since
// one that ignores its context cannot be made to end) and waits for the
// others.
//
// # Queues and pipes
//
// A [Queue] is a queue.Queue underneath: no pipe and no feeder thread, so
// an item is in the queue when Put returns (MQ-07). A negative timeout
// means zero, unlike queue.Queue (MQ-05). [Queue.Close] closes the
// calling process's handle only: after it, that process's Put and Get
// panic with Python's ValueError text, and every other process goes on
// reading what the queue holds, so a producer that closes after its last
// Put does not break its consumers.
//
// A [Pipe] never splits, merges or reorders messages. Its buffer has no
// limit, so Send never blocks, where Python's blocks when the operating
// system's buffer is full. Once one end is closed the other receives what
// was sent and then [ErrEOF]; its Send fails with [ErrBrokenPipe].
//
// # Errors and panics
//
// Errors a caller is expected to handle are sentinels matched with
// errors.Is: [ErrEmpty], [ErrFull], [ErrEOF], [ErrBrokenPipe],
// [ErrTimeout], [ErrStartMethod], [ErrAttribute]. Misuse that Python
// answers with AssertionError, ValueError or OSError panics with Python's
// text and names the exception: "mp: cannot start a process twice
// (Python: AssertionError)", "mp: connection is read-only (Python:
// OSError)", "mp: Queue is closed (Python: ValueError)". The
// synchronization primitives are package thread's, with its texts (a
// released unlocked Lock names RuntimeError, where multiprocessing says
// ValueError, MS-01). Every wait is a channel wait, so timeouts run
// instantly under testing/synctest.
package mp
