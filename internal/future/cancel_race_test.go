package future_test

import (
	"sync"
	"testing"

	"github.com/pyconc/pyconc/internal/future"
)

// A goroutine that sees a Core done reads its outcome without the lock:
// a Cancel must have written its error before the state says Cancelled.
// Under the race detector this fails if Cancel writes the error after.
func TestCancelPublishesErrorBeforeState(t *testing.T) {
	for range 2000 {
		c := &future.Core[int]{}
		var wg sync.WaitGroup
		wg.Go(func() { c.Cancel() })
		for !c.IsDone() {
		}
		if _, err := c.Peek(); err != future.ErrCancelled {
			t.Fatalf("a cancelled Core's error = %v; want ErrCancelled", err)
		}
		wg.Wait()
	}
}
