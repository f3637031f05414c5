// Package thread is Python's threading and _thread modules on goroutines,
// which run on every core at once: Go has no global interpreter lock.
//
// # Python → Go
//
//   - threading.Thread → [New], [Thread]: [Thread.Start], [Thread.Run],
//     [Thread.Join], [Thread.JoinTimeout], [Thread.JoinContext],
//     [Thread.IsAlive], [Thread.Name], [Thread.SetName], [Thread.Ident],
//     [Thread.NativeID], [Thread.Daemon], [Thread.SetDaemon]; keyword
//     arguments name= and daemon= → the options [Name] and [Daemon]
//   - subclassing Thread and overriding run() → a struct with a Run method,
//     passed as a method value: thread.New(reader.Run) (see below)
//   - threading.current_thread → [CurrentThread]; main_thread →
//     [MainThread]; active_count → [ActiveCount]; enumerate → [Enumerate];
//     get_ident → [GetIdent]; get_native_id → [GetNativeID];
//     TIMEOUT_MAX → [TimeoutMax]
//   - threading.excepthook → [ExceptHook], [SetExceptHook];
//     threading.__excepthook__ → [DefaultExceptHook]; ExceptHookArgs →
//     [ExceptHookArgs]
//   - _thread.start_new_thread → [StartNewThread]
//   - what the interpreter does at exit (join non-daemon threads) →
//     [Shutdown], typically `defer thread.Shutdown()` first in main
//   - threading.Lock, _thread.allocate_lock → [Lock]: [Lock.Acquire],
//     [Lock.TryAcquire], [Lock.AcquireTimeout], [Lock.AcquireContext],
//     [Lock.Release], [Lock.Locked]
//   - threading.RLock → [RLock]: [RLock.Acquire], [RLock.TryAcquire],
//     [RLock.AcquireTimeout], [RLock.AcquireContext], [RLock.Release],
//     owned by the goroutine that acquired it
//   - threading.Condition → [NewCondition], [Condition]: [Condition.Acquire],
//     [Condition.Release], [Condition.Wait], [Condition.WaitTimeout],
//     [Condition.WaitContext], [Condition.WaitFor], [Condition.WaitForTimeout],
//     [Condition.WaitForContext], [Condition.Notify], [Condition.NotifyN],
//     [Condition.NotifyAll], [Condition.String] (repr); its lock argument →
//     [Locker]
//   - threading.Semaphore → [NewSemaphore], [Semaphore]: [Semaphore.Acquire],
//     [Semaphore.TryAcquire], [Semaphore.AcquireTimeout],
//     [Semaphore.AcquireContext], [Semaphore.Release], [Semaphore.ReleaseN]
//     (release(n)), [Semaphore.Value]
//   - threading.BoundedSemaphore → [NewBoundedSemaphore], [BoundedSemaphore]:
//     the methods of Semaphore, with [BoundedSemaphore.Release] and
//     [BoundedSemaphore.ReleaseN] panicking on over-release
//   - threading.Event → [Event]: [Event.Set], [Event.Clear], [Event.IsSet],
//     [Event.Wait], [Event.WaitTimeout], [Event.WaitContext]
//   - threading.Timer → [NewTimer], [Timer]: [Timer.Cancel]
//   - threading.Barrier → [NewBarrier], [Barrier]: [Barrier.Wait],
//     [Barrier.WaitTimeout], [Barrier.WaitContext], [Barrier.Parties],
//     [Barrier.NWaiting], [Barrier.Broken], [Barrier.Abort], [Barrier.Reset];
//     keyword arguments action= and timeout= → [Action] and [Timeout]
//     ([BarrierOption]); BrokenBarrierError → [ErrBrokenBarrier]
//   - threading.local → [Local], [NewLocal]: [Local.Get], [Local.Set],
//     [Local.Delete]
//
// # Threads and the run method
//
// A Thread runs its target, a func(), in a new goroutine. Python's
// arguments args= and kwargs= are a closure in Go:
//
//	t := thread.New(func() { download(dir, link) })
//	t.Start()
//	t.Join()
//
// Python programs often subclass Thread, keep per-thread state in the
// instance and override run(). The Go form is a struct holding that state
// whose Run method is the target, handed to New as a method value:
//
//	type TempGetter struct {
//		City        string
//		Temperature float64
//	}
//
//	func (g *TempGetter) Run() { g.Temperature = fetch(g.City) }
//
//	g := &TempGetter{City: "Reno"}
//	t := thread.New(g.Run)
//	t.Start()
//	t.Join()
//	fmt.Println(g.Temperature)
//
// Such a thread is named "Thread-N (Run)", where Python would name the
// subclass's thread "Thread-N".
//
// # Identity
//
// Python asks "which thread is this?" everywhere: current_thread,
// get_ident, RLock ownership, threading.local. Go hides goroutine
// identity, so pyconc uses the ID the Go runtime itself gives each
// goroutine and prints in stack traces ("goroutine 18 [running]"): it is
// positive, unique among all goroutines the process has ever run, and
// never reused. [Thread.Ident], [Thread.NativeID], [GetIdent] and
// [GetNativeID] all return it.
//
// On amd64 and arm64 pyconc reads the ID from the runtime's goroutine
// descriptor, whose layout it checks once at start-up against the ID
// runtime.Stack prints; this costs about 2.5 ns (BenchmarkGetIdent), so
// RLock and Local pay nothing noticeable for it. On other architectures,
// or if that check fails under a future Go release, it parses the first
// line of runtime.Stack instead: correct, but about 2 µs, growing with
// the depth of the stack.
//
// The goroutine that runs main (and package initialisation) is the main
// thread. Any other goroutine pyconc did not start — a go statement's,
// an HTTP handler's, a test's — is what Python calls a dummy thread: the
// first call to [CurrentThread] in it registers a daemon "Dummy-N" thread.
// Threads created from a dummy thread are daemons by default, as in
// Python.
//
// # Daemon threads and the end of the program
//
// Go ends the program when main returns. Python waits for every non-daemon
// thread first. Call [Shutdown] at the end of main (usually with defer) to
// get Python's behaviour: it waits for the non-daemon threads and abandons
// the daemon ones.
//
// # Blocking calls
//
// A Python call with block= and timeout= becomes up to four methods of
// one shape: X blocks; TryX never blocks; XTimeout gives up after a
// time.Duration; XContext gives up when its context is done and returns
// ctx.Err(), having changed nothing. A call that gave up did not acquire,
// wait or join. Every wait is a channel wait, never polling or sleeping,
// so code using this package runs under testing/synctest, where a
// ten-second timeout takes no time.
//
// # Errors and panics
//
// A panic in a thread's target is recovered and passed to [ExceptHook],
// whose default prints "Exception in thread NAME:" and the panic's stack
// to standard error, as Python does; the thread ends and the program goes
// on. runtime.Goexit in a target ends the thread quietly, like SystemExit.
//
// Misuse that Python answers with RuntimeError or ValueError at the call
// site — starting a thread twice, releasing an unlocked lock, waiting on a
// condition without holding its lock — panics with Python's message and
// the exception's name, "thread: release unlocked lock (Python:
// RuntimeError)", as the sync package panics on misuse.
// [ErrBrokenBarrier] is the one error a caller is expected to handle.
//
// # Not mirrored
//
// Some of Python's threading has no meaning for goroutines, and is left
// out (the ids are those of the project's Python-semantics checklist):
//
//   - Thread's group= (TH-07), args= and kwargs= (TH-08, TH-09; a closure
//     carries arguments), the target's return value (TH-28; a target is a
//     func()), the deprecated camelCase aliases (TH-34, MF-10), and
//     threading's run-time type checks on arguments (TT-02's tuple and dict
//     checks, TL-02, TL-04), which Go's types make impossible to get wrong.
//   - Recovering from deep recursion (TH-31): a goroutine's stack grows
//     to a limit of gigabytes, and overflowing it ends the program, which
//     no Go code can catch. A bare raise outside an exception (TH-32) has no
//     Go form.
//   - Failing to create a thread (TH-33): starting a goroutine cannot fail.
//   - stack_size (MF-09): goroutine stacks grow as needed.
//   - _thread._count (TT-05), _thread.error (TT-06; misuse panics instead),
//     and _thread.interrupt_main (TT-09): Go has no asynchronous exceptions.
//   - Timer's args= and kwargs= defaults (TM-02): the function is a closure.
package thread
