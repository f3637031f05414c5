package thread

import (
	"bytes"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/pyconc/pyconc/internal/goid"
	"github.com/pyconc/pyconc/internal/testhook"
)

// The registry is the process-wide table of live threads, Python's
// _active. It is split into shards, each with its own lock, so that
// threads starting and stopping on different cores rarely meet on one
// lock: a thread's goroutine-ID entry lives in the shard of its ID, and its
// entry in the alive set in the shard of its start number.
const nshards = 64

type shard struct {
	mu    sync.Mutex
	byID  map[int64]*Thread    // running threads by goroutine ID: pyconc threads, main, dummies
	alive map[*Thread]struct{} // what Enumerate lists
	_     [64 - 8 - 2*8]byte   // one cache line each
}

var (
	shards  [nshards]shard
	seq     atomic.Uint64          // start order, for Enumerate
	main    atomic.Pointer[Thread] // MainThread
	counter atomic.Int64           // numbers unnamed threads: Thread-1, Dummy-2 (TH-02)
	dummies atomic.Int64           // dummy threads in the table
	pruneAt atomic.Int64           // prune dead dummies when dummies exceeds it
	pruneMu sync.Mutex             // one pruning at a time
)

func nextCounter() int64 { return counter.Add(1) }

func shardOfID(id int64) *shard  { return &shards[uint64(id)%nshards] }
func shardOfSeq(n uint64) *shard { return &shards[n%nshards] }

func init() {
	for i := range shards {
		shards[i].byID = make(map[int64]*Thread)
		shards[i].alive = make(map[*Thread]struct{})
	}
	pruneAt.Store(64)
	main.Store(newMain(goid.Current()))
	testhook.BecomeMain = becomeMain
}

// newMain returns a registered main thread for goroutine id.
func newMain(id int64) *Thread {
	t := &Thread{kind: mainThread, name: "MainThread"}
	t.state.Store(started)
	t.ident.Store(id)
	addID(t, id)
	addAlive(t)
	return t
}

func addID(t *Thread, id int64) {
	s := shardOfID(id)
	s.mu.Lock()
	s.byID[id] = t
	s.mu.Unlock()
}

func removeID(id int64) {
	s := shardOfID(id)
	s.mu.Lock()
	delete(s.byID, id)
	s.mu.Unlock()
}

func lookup(id int64) *Thread {
	s := shardOfID(id)
	s.mu.Lock()
	t := s.byID[id]
	s.mu.Unlock()
	return t
}

func addAlive(t *Thread) {
	s := shardOfSeq(t.seq)
	s.mu.Lock()
	s.alive[t] = struct{}{}
	s.mu.Unlock()
}

func removeAlive(t *Thread) {
	s := shardOfSeq(t.seq)
	s.mu.Lock()
	delete(s.alive, t)
	s.mu.Unlock()
}

// register adds a starting thread to the table (Start). Its goroutine ID
// is not known yet: enter adds that.
func register(t *Thread) {
	t.seq = seq.Add(1)
	addAlive(t)
	if !t.Daemon() {
		live.Add(1)
		if t.owner != nil {
			t.owner.ThreadStarted()
		}
	}
}

// enter records the goroutine ID of a thread that has begun running.
func enter(t *Thread, id int64) { addID(t, id) }

// leave removes a stopping thread from the table and tells Shutdown.
func leave(t *Thread, id int64) {
	removeID(id)
	removeAlive(t)
	if !t.Daemon() {
		live.Add(-1)
		wakeShutdown()
		if t.owner != nil {
			t.owner.ThreadStopped()
		}
	}
}

// newDummy registers a dummy thread for the foreign goroutine id.
func newDummy(id int64) *Thread {
	t := &Thread{kind: dummyThread}
	t.daemon.Store(true)
	t.name = "Dummy-" + strconv.FormatInt(nextCounter(), 10)
	t.state.Store(started)
	t.ident.Store(id)
	t.seq = seq.Add(1)
	addAlive(t) // before addID: pruning finds dummies by ID
	addID(t, id)
	if dummies.Add(1) > pruneAt.Load() {
		pruneDummies(true)
	}
	return t
}

// becomeMain implements testhook.BecomeMain.
func becomeMain() (restore func()) {
	id := goid.Current()
	if prev := lookup(id); prev != nil && prev.kind == dummyThread {
		dropDummy(prev, id)
	}
	old := main.Load()
	removeAlive(old)
	counter.Store(0)
	main.Store(newMain(id))
	return func() {
		m := main.Load()
		removeAlive(m)
		removeID(id)
		main.Store(old)
		addID(old, old.ident.Load())
		if old.state.Load() == started {
			addAlive(old)
		}
	}
}

// pruneDummies drops the dummy threads whose goroutines have ended, found
// by listing every goroutine of the process. With onlyIfOver set it does
// nothing unless, when its turn comes, there are more dummy threads than
// pruneAt: many goroutines crossing the threshold at once prune once. The
// threshold is then set to twice what survived, so that pruning costs
// amortised constant time per dummy thread.
func pruneDummies(onlyIfOver bool) {
	pruneMu.Lock()
	defer pruneMu.Unlock()
	if onlyIfOver && dummies.Load() <= pruneAt.Load() {
		return
	}
	defer func() { pruneAt.Store(max(64, 2*dummies.Load())) }()
	// Only a dummy registered before the stack dump can be judged by it:
	// one registered since belongs to a goroutine the dump may not show.
	// Dummies get their start number before they are registered.
	horizon := seq.Load()
	running := runningGoroutines()
	for i := range shards {
		s := &shards[i]
		var dead []*Thread
		s.mu.Lock()
		for id, t := range s.byID {
			if t.kind == dummyThread && t.seq <= horizon && !running[id] {
				dead = append(dead, t)
			}
		}
		s.mu.Unlock()
		for _, t := range dead {
			dropDummy(t, t.ident.Load())
		}
	}
}

// dropDummy removes a dummy thread whose goroutine has ended, or which the
// goroutine has stopped being.
func dropDummy(t *Thread, id int64) {
	if !t.finish() {
		return
	}
	removeID(id)
	removeAlive(t)
	dummies.Add(-1)
	t.releaseLocals()
}

// runningGoroutines returns the IDs of all goroutines now in the process,
// read from the headers of a full stack dump ("goroutine 18 [chan receive]:").
func runningGoroutines() map[int64]bool {
	buf := make([]byte, 64<<10)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	ids := make(map[int64]bool)
	for line := range bytes.Lines(buf) {
		rest, ok := bytes.CutPrefix(line, []byte("goroutine "))
		if !ok {
			continue
		}
		if end := bytes.IndexByte(rest, ' '); end > 0 {
			if id, err := strconv.ParseInt(string(rest[:end]), 10, 64); err == nil {
				ids[id] = true
			}
		}
	}
	return ids
}
