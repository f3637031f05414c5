package queue_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/pyconc/pyconc/queue"
)

// The operations FuzzQueueOperations decodes, one byte each, followed by
// one argument byte.
const (
	opPut         = iota // blocking Put
	opPutNowait          //
	opPutTimeout         // PutTimeout(0-3ms)
	opPutContext         // PutContext with a context opCancel may cancel
	opGet                // blocking Get
	opGetNowait          //
	opGetTimeout         // GetTimeout(0-3ms)
	opGetContext         //
	opTaskDone           //
	opJoin               // blocking Join
	opJoinTimeout        // JoinTimeout(0-3ms)
	opJoinContext        //
	opShutdown           //
	opShutdownNow        // ShutdownImmediate
	opSetMaxsize         // SetMaxsize(-1..4)
	opSleep              // let 0-4ms of fake time pass
	opCancel             // cancel one pending context call
	opPutMany            // PutNowait of 0-255 items, to cross store blocks
	opGetMany            // GetNowait of 0-255 items
	numOps
)

// outcome is what one call returned.
type outcome struct {
	Item     int
	Err      error
	Ok       bool   // JoinTimeout's result
	Panicked string // the panic message, for TaskDone
}

// call is one call to a blocking form, run in its own goroutine, and its
// fate in the model.
type call struct {
	id       int
	desc     string
	item     int // a putter's item
	real     chan outcome
	deadline time.Time          // non-zero for the timeout forms
	cancel   context.CancelFunc // non-nil for the context forms
	done     bool               // the model says it has returned
	want     outcome
}

// model is a sequential model of a Queue[int] in a synctest bubble.
type model struct {
	kind       int // 0 FIFO, 1 LIFO, 2 priority
	items      []int
	maxsize    int
	unfinished int
	shutdown   bool
	now        time.Time
	getters    []*call
	putters    []*call
	joiners    []*call
	calls      []*call // every call not yet checked as done
}

func (m *model) room() bool { return m.maxsize <= 0 || len(m.items) < m.maxsize }

func (m *model) pop() int {
	var i int
	switch m.kind {
	case 0:
		i = 0
	case 1:
		i = len(m.items) - 1
	case 2:
		i = slices.Index(m.items, slices.Min(m.items))
	}
	v := m.items[i]
	m.items = slices.Delete(m.items, i, i+1)
	return v
}

func (m *model) finish(c *call, o outcome) {
	c.done, c.want = true, o
}

// admit lets blocked putters in while there is room.
func (m *model) admit() {
	for len(m.putters) > 0 && m.room() {
		p := m.putters[0]
		m.putters = m.putters[1:]
		m.items = append(m.items, p.item)
		m.unfinished++
		m.finish(p, outcome{})
	}
}

// put models a put; block says whether it may wait. It reports whether the
// call returned at once, with what.
func (m *model) put(v int, block bool) (outcome, bool) {
	switch {
	case m.shutdown:
		return outcome{Err: queue.ErrShutDown}, true
	case len(m.getters) > 0:
		g := m.getters[0]
		m.getters = m.getters[1:]
		m.unfinished++
		m.finish(g, outcome{Item: v})
		return outcome{}, true
	case m.room():
		m.items = append(m.items, v)
		m.unfinished++
		return outcome{}, true
	case !block:
		return outcome{Err: queue.ErrFull}, true
	}
	return outcome{}, false
}

func (m *model) get(block bool) (outcome, bool) {
	switch {
	case len(m.items) > 0:
		v := m.pop()
		m.admit()
		return outcome{Item: v}, true
	case m.shutdown:
		return outcome{Err: queue.ErrShutDown}, true
	case !block:
		return outcome{Err: queue.ErrEmpty}, true
	}
	return outcome{}, false
}

func (m *model) wakeJoiners() {
	if m.unfinished == 0 {
		for _, j := range m.joiners {
			m.finish(j, outcome{Ok: true})
		}
		m.joiners = nil
	}
}

func (m *model) shutDown() {
	m.shutdown = true
	for _, c := range append(m.putters, m.getters...) {
		m.finish(c, outcome{Err: queue.ErrShutDown})
	}
	m.putters, m.getters = nil, nil
}

// expire gives up every timed call whose deadline has passed.
func (m *model) expire() {
	drop := func(l []*call, o outcome) []*call {
		return slices.DeleteFunc(l, func(c *call) bool {
			if !c.deadline.IsZero() && !c.deadline.After(m.now) {
				m.finish(c, o)
				return true
			}
			return false
		})
	}
	m.getters = drop(m.getters, outcome{Err: queue.ErrEmpty})
	m.putters = drop(m.putters, outcome{Err: queue.ErrFull})
	m.joiners = drop(m.joiners, outcome{Ok: false})
}

// cancel gives up the k-th pending context call, if any.
func (m *model) cancel(k int) {
	var ctxCalls []*call
	for _, l := range [][]*call{m.getters, m.putters, m.joiners} {
		for _, c := range l {
			if c.cancel != nil {
				ctxCalls = append(ctxCalls, c)
			}
		}
	}
	if len(ctxCalls) == 0 {
		return
	}
	c := ctxCalls[k%len(ctxCalls)]
	c.cancel()
	notC := func(x *call) bool { return x == c }
	m.getters = slices.DeleteFunc(m.getters, notC)
	m.putters = slices.DeleteFunc(m.putters, notC)
	m.joiners = slices.DeleteFunc(m.joiners, notC)
	m.finish(c, outcome{Err: context.Canceled})
}

// runOps runs the operations encoded in data against a real queue and the
// model, checking every result and the queue's state after every step.
func runOps(t *testing.T, data []byte) {
	if len(data) == 0 {
		return
	}
	synctest.Test(t, func(t *testing.T) {
		kindByte, data := data[0], data[1:]
		m := &model{kind: int(kindByte) % 3, maxsize: int(kindByte/3) % 4, now: time.Now()}
		var q *queue.Queue[int]
		switch m.kind {
		case 0:
			if kindByte&0x80 != 0 {
				q = new(queue.Queue[int])
				q.SetMaxsize(m.maxsize)
			} else {
				q = queue.New[int](m.maxsize)
			}
		case 1:
			q = queue.NewLifoQueue[int](m.maxsize)
		case 2:
			q = queue.NewPriorityQueue[int](m.maxsize)
		}
		var history []string
		fail := func(format string, args ...any) {
			t.Helper()
			t.Fatalf("%s\nafter:\n  %s", fmt.Sprintf(format, args...), joinLines(history))
		}
		nextID := 0
		// spawn runs f in a goroutine as a call; the model's verdict is
		// given by immediate (returned at once, with o) or not (pending).
		spawn := func(desc string, c *call, f func() outcome, o outcome, immediate bool) *call {
			c.id, c.desc, c.real = nextID, desc, make(chan outcome, 1)
			nextID++
			go func() { c.real <- f() }()
			if immediate {
				m.finish(c, o)
			}
			m.calls = append(m.calls, c)
			return c
		}
		deadline := func(b byte) (time.Duration, time.Time) {
			d := time.Duration(b%4) * time.Millisecond
			return d, m.now.Add(d)
		}
		for len(data) >= 2 && len(history) < 300 {
			op, arg := int(data[0])%numOps, data[1]
			data = data[2:]
			v := int(arg % 16)
			switch op {
			case opPut:
				c := &call{item: v}
				o, now := m.put(v, true)
				spawn(fmt.Sprintf("Put(%d)", v), c, func() outcome { return outcome{Err: q.Put(v)} }, o, now)
				if !now {
					m.putters = append(m.putters, c)
				}
			case opPutNowait:
				want, _ := m.put(v, false)
				if got := (outcome{Err: q.PutNowait(v)}); got != want {
					fail("PutNowait(%d) = %+v; want %+v", v, got, want)
				}
			case opPutTimeout:
				d, dl := deadline(arg / 16)
				c := &call{item: v, deadline: dl}
				o, now := m.put(v, d > 0)
				spawn(fmt.Sprintf("PutTimeout(%d, %v)", v, d), c, func() outcome { return outcome{Err: q.PutTimeout(v, d)} }, o, now)
				if !now {
					m.putters = append(m.putters, c)
				}
			case opPutContext:
				ctx, cancel := context.WithCancel(t.Context())
				c := &call{item: v, cancel: cancel}
				o, now := m.put(v, true)
				spawn(fmt.Sprintf("PutContext(%d)", v), c, func() outcome { return outcome{Err: q.PutContext(ctx, v)} }, o, now)
				if !now {
					m.putters = append(m.putters, c)
				}
			case opGet, opGetTimeout, opGetContext:
				c := &call{}
				var f func() (int, error)
				desc := "Get()"
				block := true
				switch op {
				case opGet:
					f = q.Get
				case opGetTimeout:
					d, dl := deadline(arg)
					c.deadline, block = dl, d > 0
					desc = fmt.Sprintf("GetTimeout(%v)", d)
					f = func() (int, error) { return q.GetTimeout(d) }
				case opGetContext:
					ctx, cancel := context.WithCancel(t.Context())
					c.cancel = cancel
					desc = "GetContext()"
					f = func() (int, error) { return q.GetContext(ctx) }
				}
				o, now := m.get(block)
				spawn(desc, c, func() outcome { v, err := f(); return outcome{Item: v, Err: err} }, o, now)
				if !now {
					m.getters = append(m.getters, c)
				}
			case opGetNowait:
				want, _ := m.get(false)
				item, err := q.GetNowait()
				if got := (outcome{Item: item, Err: err}); got != want {
					fail("GetNowait() = %+v; want %+v", got, want)
				}
			case opTaskDone:
				var want outcome
				if m.unfinished == 0 {
					want.Panicked = taskDonePanic
				} else {
					m.unfinished--
					m.wakeJoiners()
				}
				var got outcome
				if r := recovered(q.TaskDone); r != nil {
					got.Panicked = fmt.Sprint(r)
				}
				if got != want {
					fail("TaskDone() = %+v; want %+v", got, want)
				}
			case opJoin, opJoinTimeout, opJoinContext:
				c := &call{}
				var f func() bool
				desc := "Join()"
				block := true
				switch op {
				case opJoin:
					f = func() bool { q.Join(); return true }
				case opJoinTimeout:
					d, dl := deadline(arg)
					c.deadline, block = dl, d > 0
					desc = fmt.Sprintf("JoinTimeout(%v)", d)
					f = func() bool { return q.JoinTimeout(d) }
				case opJoinContext:
					ctx, cancel := context.WithCancel(t.Context())
					c.cancel = cancel
					desc = "JoinContext()"
					f = func() bool { return q.JoinContext(ctx) == nil }
				}
				now := m.unfinished == 0 || !block
				o := outcome{Ok: m.unfinished == 0}
				spawn(desc, c, func() outcome {
					ok := f()
					if op == opJoinContext && !ok {
						return outcome{Err: context.Canceled}
					}
					return outcome{Ok: ok}
				}, o, now)
				if !now {
					m.joiners = append(m.joiners, c)
				}
			case opShutdown:
				m.shutDown()
				q.Shutdown()
			case opShutdownNow:
				var want []int
				for len(m.items) > 0 {
					want = append(want, m.pop())
				}
				m.shutDown()
				m.unfinished = max(m.unfinished-len(want), 0)
				m.wakeJoiners()
				if diff := cmp.Diff(want, q.ShutdownImmediate(), cmpopts.EquateEmpty()); diff != "" {
					fail("ShutdownImmediate() (-want +got):\n%s", diff)
				}
			case opSetMaxsize:
				n := int(arg%6) - 1
				m.maxsize = n
				m.admit()
				q.SetMaxsize(n)
			case opSleep:
				d := time.Duration(arg%5) * time.Millisecond
				m.now = m.now.Add(d)
				m.expire()
				time.Sleep(d)
			case opCancel:
				m.cancel(int(arg))
			case opPutMany, opGetMany:
				for i := range int(arg) {
					var want, got outcome
					if op == opPutMany {
						want, _ = m.put(i%16, false)
						got.Err = q.PutNowait(i % 16)
					} else {
						want, _ = m.get(false)
						got.Item, got.Err = q.GetNowait()
					}
					if got != want {
						fail("%s #%d = %+v; want %+v", opName(op), i, got, want)
					}
				}
			}
			history = append(history, fmt.Sprintf("%s %d", opName(op), arg))
			synctest.Wait()
			checkCalls(t, m, fail)
			checkState(t, m, q, fail)
		}
		// Release everyone: no goroutine may outlive the bubble.
		m.shutDown()
		m.unfinished = max(m.unfinished-len(m.items), 0)
		m.items = nil
		q.ShutdownImmediate()
		for m.unfinished > 0 {
			m.unfinished--
			q.TaskDone()
		}
		m.wakeJoiners()
		synctest.Wait()
		checkCalls(t, m, fail)
		checkState(t, m, q, fail)
		for _, c := range m.calls {
			fail("call %d %s still pending at the end", c.id, c.desc)
		}
	})
}

// checkCalls compares each call's real fate with the model's.
func checkCalls(t *testing.T, m *model, fail func(string, ...any)) {
	t.Helper()
	m.calls = slices.DeleteFunc(m.calls, func(c *call) bool {
		got, returned := received(c.real)
		switch {
		case returned && !c.done:
			fail("call %d %s returned %+v; the model says it blocks", c.id, c.desc, got)
		case !returned && c.done:
			fail("call %d %s blocks; the model says it returned %+v", c.id, c.desc, c.want)
		case returned && got != c.want:
			fail("call %d %s returned %+v; want %+v", c.id, c.desc, got, c.want)
		}
		return returned
	})
}

func checkState(t *testing.T, m *model, q *queue.Queue[int], fail func(string, ...any)) {
	t.Helper()
	full := m.maxsize > 0 && len(m.items) >= m.maxsize
	if q.Qsize() != len(m.items) || q.Empty() != (len(m.items) == 0) || q.Full() != full ||
		q.UnfinishedTasks() != m.unfinished || q.IsShutdown() != m.shutdown || q.Maxsize() != m.maxsize {
		fail("state: Qsize %d Full %v Unfinished %d IsShutdown %v Maxsize %d; model: %d %v %d %v %d",
			q.Qsize(), q.Full(), q.UnfinishedTasks(), q.IsShutdown(), q.Maxsize(),
			len(m.items), full, m.unfinished, m.shutdown, m.maxsize)
	}
}

func opName(op int) string {
	return [...]string{"Put", "PutNowait", "PutTimeout", "PutContext", "Get", "GetNowait",
		"GetTimeout", "GetContext", "TaskDone", "Join", "JoinTimeout", "JoinContext",
		"Shutdown", "ShutdownImmediate", "SetMaxsize", "Sleep", "Cancel", "PutMany", "GetMany"}[op]
}

func joinLines(s []string) string {
	out := ""
	for i, l := range s {
		if i > 0 {
			out += "\n  "
		}
		out += l
	}
	return out
}

// fuzzSeeds are the f.Add seeds, run by plain go test: each a kind byte
// and (op, arg) pairs.
var fuzzSeeds = [][]byte{
	// FIFO maxsize 1: fill, block a putter, get, task done, join.
	{3, opPut, 1, opPut, 2, opGet, 0, opTaskDone, 0, opJoinTimeout, 2, opGet, 0, opTaskDone, 0, opJoin, 0},
	// LIFO maxsize 2: getters wait, puts hand off, a timed getter expires.
	{4 + 3, opGet, 0, opGetTimeout, 2, opSleep, 3, opPut, 5, opPutNowait, 6, opGetNowait, 0, opTaskDone, 0},
	// Priority maxsize 3: puts, blocked putters, shutdown, drain.
	{2 + 9, opPut, 9, opPut, 3, opPut, 7, opPut, 1, opPutContext, 4, opShutdown, 0, opGet, 0, opGet, 0, opGet, 0, opGet, 0},
	// Immediate shutdown with joiners and putters pending.
	{3, opPut, 1, opPut, 2, opJoin, 0, opJoinContext, 0, opShutdownNow, 0, opTaskDone, 0, opTaskDone, 0},
	// Cancel pending context calls, grow and shrink maxsize.
	{3, opPut, 1, opPutContext, 2, opPutContext, 3, opPut, 4, opCancel, 0, opSetMaxsize, 4, opSetMaxsize, 1, opGetContext, 0, opCancel, 1},
	// Zero Queue, timed puts and joins expiring together.
	{0x80 | 3, opPut, 1, opPutTimeout, 0x12, opJoinTimeout, 2, opSleep, 2, opGet, 0, opTaskDone, 0, opTaskDone, 0},
	// Many items across store blocks, for every kind, then immediate
	// shutdown with the count lowered.
	{0, opPutMany, 200, opGetMany, 150, opPutMany, 250, opGetMany, 255, opShutdownNow, 0},
	{1, opPutMany, 200, opGetMany, 150, opPutMany, 250, opGetMany, 100, opShutdownNow, 0},
	{2, opPutMany, 200, opGetMany, 150, opPutMany, 250, opGetMany, 100, opShutdownNow, 0},
}

// FuzzQueueOperations decodes its input into a sequence of operations on
// one queue (every Put, Get and Join form, TaskDone, both shutdowns,
// SetMaxsize, the passing of fake time and the cancelling of contexts),
// runs them, each blocking call in its own goroutine, inside a synctest
// bubble, and checks every result and the queue's state after every step
// against a sequential model. QQ-01…QQ-13, QQ-17, QS-01…QS-07.
func FuzzQueueOperations(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(runOps)
}
