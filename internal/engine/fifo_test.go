package engine

import "testing"

// idTask is a Task that only carries a number.
type idTask int

func (idTask) Run(func()) {}
func (idTask) Drop(error) {}

// The fifo keeps order across segment boundaries, through empty and
// refilled states, and drains what is left in order.
func TestFifo(t *testing.T) {
	var q fifo
	next, want := 0, 0
	push := func(n int) {
		for range n {
			q.push(idTask(next))
			next++
		}
	}
	pop := func(n int) {
		for range n {
			if got := q.pop().(idTask); int(got) != want {
				t.Fatalf("pop() = %d; want %d", got, want)
			}
			want++
		}
	}
	push(1)
	pop(1) // empty again, one block kept
	push(3*segSize + 7)
	pop(segSize + 3)
	push(segSize)
	if q.len() != 3*segSize+4 {
		t.Fatalf("len() = %d", q.len())
	}
	pop(2*segSize + 4)
	if got := q.front().(idTask); int(got) != want {
		t.Fatalf("front() = %d; want %d", got, want)
	}
	rest := q.drain(nil)
	if len(rest) != next-want || q.len() != 0 {
		t.Fatalf("drain returned %d tasks, %d left; want %d, 0", len(rest), q.len(), next-want)
	}
	for i, task := range rest {
		if int(task.(idTask)) != want+i {
			t.Fatalf("drained task %d = %v", i, task)
		}
	}
	push(segSize + 1) // usable after a drain
	want = next - segSize - 1
	pop(segSize + 1)
}
