package mp_test

import (
	"errors"
	"testing"

	"github.com/pyconc/pyconc/futures"
	"github.com/pyconc/pyconc/mp"
	"github.com/pyconc/pyconc/pool"
)

// mp.Pool is pool.Pool: the same type, not a copy.
func TestPoolAlias(t *testing.T) {
	var p *pool.Pool = mp.NewPool(pool.Processes(2))
	defer p.Terminate()
	got, err := pool.Map(p, func(x int) int { return x * x }, []int{1, 2, 3})
	if err != nil || len(got) != 3 || got[2] != 9 {
		t.Errorf("Map = %v, %v", got, err)
	}
	var tp *pool.ThreadPool = mp.NewThreadPool(pool.Processes(1))
	tp.Close()
	tp.Join()
	var r *mp.AsyncResult[int] = pool.ApplyAsync(p, func() int { return 1 })
	if v, err := r.Get(); v != 1 || err != nil {
		t.Errorf("Get = %v, %v", v, err)
	}
	if !errors.Is(mp.ErrTimeout, pool.ErrTimeout) || !errors.Is(mp.ErrTimeout, futures.ErrTimeout) {
		t.Error("mp.ErrTimeout is not the one ErrTimeout")
	}
}

// Pool workers are daemon threads of the process that made the pool: in
// a task CurrentProcess is that process (Python: the worker's own process,
// ForkPoolWorker-N). So are a ThreadPoolExecutor's workers.
func TestPoolWorkerProcess(t *testing.T) {
	main := mp.CurrentProcess()
	var inMain, inChild, inExecutor, child *mp.Process
	p := mp.NewPool(pool.Processes(1))
	inMain, _ = pool.Apply(p, mp.CurrentProcess)
	p.Terminate()
	child = run(func() {
		p := mp.NewPool(pool.Processes(1))
		defer p.Terminate()
		inChild, _ = pool.Apply(p, mp.CurrentProcess)
		ex := futures.NewThreadPoolExecutor(futures.MaxWorkers(1))
		defer ex.Shutdown()
		f, err := futures.Submit(ex, mp.CurrentProcess)
		if err != nil {
			panic(err)
		}
		inExecutor, _ = f.Result()
	})
	if inMain != main || inChild != child || inExecutor != child {
		t.Errorf("CurrentProcess in a worker: main %v, child %v, executor %v; want %v, %v, %v",
			inMain, inChild, inExecutor, main, child, child)
	}
}
