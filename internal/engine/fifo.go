package engine

// segSize is how many tasks one segment of a fifo holds.
const segSize = 256

// A fifo is the overflow queue of an Engine: tasks in blocks of segSize,
// so that it grows without copying and gives its memory back as it
// drains, keeping one spare block for the next burst. The zero fifo is
// empty. The Engine's mu guards it.
type fifo struct {
	head, tail *segment
	hi, ti     int // next pop in head, next push in tail
	n          int
	spare      *segment
}

type segment struct {
	tasks [segSize]Task
	next  *segment
}

// push adds t at the back.
func (q *fifo) push(t Task) {
	if q.tail == nil || q.ti == segSize {
		s := q.spare
		q.spare = nil
		if s == nil {
			s = new(segment)
		}
		if q.tail == nil {
			q.head, q.hi = s, 0
		} else {
			q.tail.next = s
		}
		q.tail, q.ti = s, 0
	}
	q.tail.tasks[q.ti] = t
	q.ti++
	q.n++
}

// front returns the task at the front; q must not be empty.
func (q *fifo) front() Task { return q.head.tasks[q.hi] }

// pop removes and returns the task at the front; q must not be empty.
func (q *fifo) pop() Task {
	t := q.head.tasks[q.hi]
	q.head.tasks[q.hi] = nil
	q.hi++
	q.n--
	if q.n == 0 {
		// Empty: keep the block for the next push.
		q.hi, q.ti = 0, 0
		q.tail = q.head
		return t
	}
	if q.hi == segSize {
		old := q.head
		q.head, q.hi = old.next, 0
		old.next = nil
		q.spare = old // cleared by the pops
	}
	return t
}

// len returns how many tasks q holds.
func (q *fifo) len() int { return q.n }

// drain appends q's tasks, front first, to tasks, empties q, and returns
// the result.
func (q *fifo) drain(tasks []Task) []Task {
	for q.n > 0 {
		tasks = append(tasks, q.pop())
	}
	return tasks
}
