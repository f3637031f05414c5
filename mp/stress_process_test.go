package mp_test

import (
	"sync"
	"testing"

	"github.com/pyconc/pyconc/mp"
	"github.com/pyconc/pyconc/thread"
)

// MP-30: 100 processes started and joined end with exit code 0; 100
// processes terminated right after Start, whose targets wait on their
// contexts as Python's sleep(100) would be killed, end with -15. No
// goroutine is left (goleak, TestMain).
// CPython: _TestProcess.test_many_processes.
func TestManyProcesses(t *testing.T) {
	const n = 100
	ps := make([]*mp.Process, n)
	for i := range ps {
		ps[i] = mp.NewProcess(func() {})
	}
	for _, p := range ps {
		p.Start()
	}
	for _, p := range ps {
		p.Join()
		if code, ok := p.ExitCode(); !ok || code != 0 {
			t.Fatalf("%v: exit code %d, %v; want 0", p, code, ok)
		}
	}
	for i := range ps {
		ps[i] = mp.NewProcess(func() { <-mp.CurrentProcess().Context().Done() })
	}
	for _, p := range ps {
		p.Start()
		p.Terminate()
	}
	for _, p := range ps {
		p.Join()
		if code, ok := p.ExitCode(); !ok || code != -15 {
			t.Fatalf("%v: exit code %d, %v; want -15", p, code, ok)
		}
	}
	if got := mp.ActiveChildren(); len(got) != 0 {
		t.Errorf("ActiveChildren() = %v; want none", got)
	}
}

// Many goroutines start, terminate and join processes at once, with
// threads and grandchildren, while others list the children.
func TestProcessStress(t *testing.T) {
	workers, rounds := 8, 300
	if testing.Short() {
		rounds = 30
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range rounds {
				p := mp.NewProcess(func() {
					me := mp.CurrentProcess()
					th := thread.New(func() {
						if mp.CurrentProcess() != me {
							panic("thread in the wrong process")
						}
					})
					th.Start()
					c := mp.NewProcess(func() { <-mp.CurrentProcess().Context().Done() }, mp.Daemon(true))
					c.Start()
					_ = mp.ActiveChildren()
				})
				p.Start()
				if i%3 == 0 {
					p.Terminate()
				}
				_ = mp.ActiveChildren()
				_ = p.String()
				p.Join()
				code, _ := p.ExitCode()
				if code != 0 && !(i%3 == 0 && code == -15) {
					t.Errorf("exit code %d", code)
				}
			}
		})
	}
	wg.Wait()
}
