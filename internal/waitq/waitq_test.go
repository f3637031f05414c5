package waitq

import (
	"context"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func values(l *List[int]) []int {
	var got []int
	for w := l.head; w != nil; w = w.next {
		got = append(got, w.Value)
	}
	return got
}

func TestListOrder(t *testing.T) {
	var l List[int]
	ws := make([]*Waiter[int], 5)
	for i := range ws {
		ws[i] = New(i)
	}
	l.PushBack(ws[1])
	l.PushBack(ws[2])
	l.PushFront(ws[0])
	l.PushBack(ws[3])
	l.PushBack(ws[4])
	if diff := cmp.Diff([]int{0, 1, 2, 3, 4}, values(&l)); diff != "" {
		t.Fatalf("after pushes (-want +got):\n%s", diff)
	}
	if !l.Remove(ws[2]) || l.Remove(ws[2]) {
		t.Fatal("Remove(middle) should succeed once, then report false")
	}
	if !l.Remove(ws[4]) || !l.Remove(ws[0]) {
		t.Fatal("Remove(tail), Remove(head) failed")
	}
	if diff := cmp.Diff([]int{1, 3}, values(&l)); diff != "" {
		t.Fatalf("after removals (-want +got):\n%s", diff)
	}
	var other List[int]
	if other.Remove(ws[1]) {
		t.Fatal("Remove from a list that does not hold the waiter reported true")
	}
	if got := l.PopFront(); got != ws[1] || l.Len() != 1 {
		t.Fatalf("PopFront() = %v, Len() = %d; want waiter 1, 1", got.Value, l.Len())
	}
	var drained []int
	l.PushBack(ws[4])
	l.PopAll(func(w *Waiter[int]) { drained = append(drained, w.Value) })
	if diff := cmp.Diff([]int{3, 4}, drained); diff != "" || l.Len() != 0 || l.head != nil || l.PopFront() != nil {
		t.Fatalf("PopAll (-want +got):\n%s; Len() = %d", diff, l.Len())
	}
}

func TestWaitWokenAndCancelled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := New(0)
		go w.Wake()
		if !w.Wait(context.Background()) {
			t.Fatal("Wait(Background) = false after Wake")
		}
		select {
		case <-w.Ready():
		default:
			t.Fatal("Ready() not closed after Wake")
		}

		w = New(0)
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		start := time.Now()
		if w.Wait(ctx) {
			t.Fatal("Wait = true without a Wake")
		}
		if d := time.Since(start); d != time.Second {
			t.Fatalf("Wait gave up after %v; want 1s", d)
		}
	})
}

// TestGiveUpRace runs the documented protocol with a waker and a cancelling
// waiter racing: every waiter is either woken or removes itself, never both
// and never neither.
func TestGiveUpRace(t *testing.T) {
	var mu sync.Mutex
	var l List[int]
	const n = 1000
	woken, gaveUp := 0, 0
	var wg sync.WaitGroup
	for range n {
		ctx, cancel := context.WithCancel(context.Background())
		w := New(0)
		mu.Lock()
		l.PushBack(w)
		mu.Unlock()
		wg.Go(func() {
			if w.Wait(ctx) {
				mu.Lock()
				woken++
				mu.Unlock()
				return
			}
			mu.Lock()
			if l.Remove(w) {
				gaveUp++
			} else {
				woken++
			}
			mu.Unlock()
		})
		wg.Go(cancel)
		wg.Go(func() {
			mu.Lock()
			if w := l.PopFront(); w != nil {
				w.Wake()
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	if woken+gaveUp != n || l.Len() != 0 {
		t.Fatalf("woken %d + gave up %d != %d, or %d left in the list", woken, gaveUp, n, l.Len())
	}
}
