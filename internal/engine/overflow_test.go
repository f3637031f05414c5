package engine_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/pyconc/pyconc/internal/engine"
	"github.com/pyconc/pyconc/internal/future"
)

// Many more tasks than the channel holds, from one submitter and from
// several, on lazy and eager workers: every task runs, none is stranded
// in the overflow while the workers wait on an empty channel (a Submit
// that failed its send on a full channel and appends after the workers
// emptied it must still be seen), and the tasks of one submitter start
// in the order submitted (seen with one worker).
func TestOverflowNeverStrands(t *testing.T) {
	const tasks = 200_000
	for _, lazy := range []bool{true, false} {
		for _, c := range []struct{ workers, submitters int }{{4, 1}, {4, 3}, {1, 1}} {
			workers, submitters := c.workers, c.submitters
			t.Run(fmt.Sprintf("lazy=%v/workers=%d/submitters=%d", lazy, workers, submitters), func(t *testing.T) {
				e := engine.New(engine.Config{Workers: workers, Lazy: lazy})
				var mu sync.Mutex
				last := make([]int, submitters) // per submitter, the last task started
				for s := range last {
					last[s] = -1
				}
				var wg sync.WaitGroup
				cores := make([][]*future.Core[int], submitters)
				for s := range submitters {
					wg.Go(func() {
						for i := range tasks / submitters {
							c := &future.Core[int]{}
							c.Init(future.KindFuture, nil, func() int {
								mu.Lock()
								defer mu.Unlock()
								if i <= last[s] && workers == 1 {
									t.Errorf("task %d started after task %d", i, last[s])
								}
								last[s] = max(last[s], i)
								return i
							}, nil)
							cores[s] = append(cores[s], c)
							if err := e.Submit(c); err != nil {
								t.Error(err)
								return
							}
						}
					})
				}
				wg.Wait()
				for s := range cores {
					for i, c := range cores[s] {
						<-c.DoneChan()
						if v, _ := c.Peek(); v != i {
							t.Fatalf("submitter %d task %d = %d", s, i, v)
						}
					}
				}
				e.Close()
				<-e.Done()
			})
		}
	}
}
