package queue_test

import (
	"cmp"
	"fmt"
	"slices"
	"testing"
	"testing/synctest"

	"github.com/pyconc/pyconc/queue"
)

// kind is one way to make a Queue[int], with the order in which it
// returns items put in a given order: the Go form of CPython's QueueTest,
// LifoQueueTest and PriorityQueueTest mixins.
type kind struct {
	name  string
	new   func(maxsize int) *queue.Queue[int]
	order func(put []int) []int
}

func fifoOrder(put []int) []int { return slices.Clone(put) }

func lifoOrder(put []int) []int {
	s := slices.Clone(put)
	slices.Reverse(s)
	return s
}

func priorityOrder(put []int) []int {
	s := slices.Clone(put)
	slices.Sort(s)
	return s
}

// kinds runs every behaviour over every ordering. The zero Queue and New
// must behave the same, as CPython runs each test against its Python and
// its C module (QQ-19).
var kinds = []kind{
	{"Queue", queue.New[int], fifoOrder},
	{"ZeroQueue", func(maxsize int) *queue.Queue[int] {
		q := new(queue.Queue[int])
		q.SetMaxsize(maxsize)
		return q
	}, fifoOrder},
	{"LifoQueue", queue.NewLifoQueue[int], lifoOrder},
	{"PriorityQueue", queue.NewPriorityQueue[int], priorityOrder},
	{"PriorityQueueFunc", func(maxsize int) *queue.Queue[int] {
		return queue.NewPriorityQueueFunc(maxsize, cmp.Compare[int])
	}, priorityOrder},
}

// forKinds runs f as a subtest for every kind.
func forKinds(t *testing.T, f func(t *testing.T, k kind)) {
	t.Helper()
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) { f(t, k) })
	}
}

// forKindsSizes runs f for every kind, unbounded and bounded.
func forKindsSizes(t *testing.T, f func(t *testing.T, k kind, maxsize int)) {
	t.Helper()
	for _, k := range kinds {
		for _, maxsize := range []int{0, queueSize} {
			t.Run(fmt.Sprintf("%s/maxsize=%d", k.name, maxsize), func(t *testing.T) { f(t, k, maxsize) })
		}
	}
}

// queueSize is CPython's QUEUE_SIZE.
const queueSize = 5

// mustPanic checks that f panics with exactly the message want.
func mustPanic(t *testing.T, want string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		if r == nil {
			t.Fatalf("did not panic; want panic %q", want)
		}
		if got := fmt.Sprint(r); got != want {
			t.Fatalf("panic %q; want %q", got, want)
		}
	}()
	f()
}

// blockingTest is CPython's do_blocking_test inside a synctest bubble: it
// runs block in a goroutine, checks that it is durably blocked, runs
// trigger and returns what block returned. It must run inside
// synctest.Test.
func blockingTest[R any](t *testing.T, block func() R, trigger func()) R {
	t.Helper()
	done := make(chan R, 1)
	go func() { done <- block() }()
	synctest.Wait()
	select {
	case r := <-done:
		t.Fatalf("blocking call returned %v without waiting", r)
	default:
	}
	trigger()
	return <-done
}

// result is a Get's two results, comparable with cmp.Diff.
type result struct {
	Item int
	Err  error
}

// started runs f in a goroutine and returns a channel that receives its
// result.
func started[R any](f func() R) <-chan R {
	c := make(chan R, 1)
	go func() { c <- f() }()
	return c
}

// received returns c's value if it has one, without blocking.
func received[R any](c <-chan R) (v R, ok bool) {
	select {
	case v = <-c:
		return v, true
	default:
		return v, false
	}
}
