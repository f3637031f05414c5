package pool_test

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"

	"github.com/pyconc/pyconc/pool"
)

// PL-04: the initializer runs in every worker before its tasks, including
// a worker that replaces another. CPython:
// Lib/test/_test_multiprocessing.py TestInitializers.test_pool_initializer.
func TestInitializer(t *testing.T) {
	for _, tc := range []struct {
		name string
		init func(record func()) pool.Option
	}{
		{"func()", func(record func()) pool.Option { return pool.Initializer(record) }},
		{"func() error", func(record func()) pool.Option {
			return pool.Initializer(func() error { record(); return nil })
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var mu sync.Mutex
			inited := map[string]bool{}
			record := func() {
				mu.Lock()
				inited[currentName()] = true
				mu.Unlock()
			}
			p := newPool(t, pool.Processes(3), pool.MaxTasksPerChild(5), tc.init(record))
			seen, err := pool.Map(p, func(int) bool {
				mu.Lock()
				defer mu.Unlock()
				return inited[currentName()]
			}, ints(100), pool.ChunkSize(1))
			if err != nil {
				t.Fatal(err)
			}
			if slices.Contains(seen, false) {
				t.Errorf("a task ran in a worker whose initializer had not run")
			}
			mu.Lock()
			n := len(inited)
			mu.Unlock()
			if n < 100/5 {
				t.Errorf("%d workers initialized; want at least %d with MaxTasksPerChild(5)", n, 100/5)
			}
		})
	}
	// A nil initializer is no initializer.
	var f func()
	p := newPool(t, pool.Processes(1), pool.Initializer(f))
	if v, err := pool.Apply(p, func() int { return 1 }); v != 1 || err != nil {
		t.Errorf("Apply with a nil initializer = %v, %v", v, err)
	}
}

// PL-30: a failing initializer breaks the pool: every result fails with an
// error matching ErrBrokenPool and wrapping the initializer's, now and
// later, and the failure is logged once. Python respawns the workers
// forever and the tasks never complete, a quirk. CPython: no test.
func TestInitializerFails(t *testing.T) {
	errInit := errors.New("init failed")
	for _, tc := range []struct {
		name  string
		init  pool.Option
		check func(error) bool
	}{
		{"error", pool.Initializer(func() error { return errInit }),
			func(err error) bool { return errors.Is(err, errInit) }},
		{"panic", pool.Initializer(func() { panic("init panicked") }),
			func(err error) bool { return isPanic(err, "init panicked") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				logs := captureLog(t)
				p := pool.New(pool.Processes(2), tc.init)
				defer p.Terminate()
				check := func(what string, err error) {
					t.Helper()
					if !errors.Is(err, pool.ErrBrokenPool) || !tc.check(err) {
						t.Errorf("%s: %v; want ErrBrokenPool wrapping the initializer's failure", what, err)
					}
				}
				r := pool.ApplyAsync(p, func() int { return 1 })
				synctest.Wait() // the workers have failed
				_, err := r.Get()
				check("ApplyAsync sent at once", err)
				_, err = pool.Apply(p, func() int { return 1 })
				check("Apply sent later", err)
				_, err = pool.Map(p, sqr, ints(10))
				check("Map", err)
				_, errs := collect(pool.IMap(p, sqr, ints(3)))
				check("IMap", errs[len(errs)-1])
				_, errs = collect(pool.IMapUnordered(p, sqr, ints(3)))
				check("IMapUnordered", errs[len(errs)-1])
				if n := strings.Count(logs.String(), "pool: Exception in initializer:"); n != 1 {
					t.Errorf("the failure was logged %d times; want once:\n%s", n, logs)
				}
				p.Close()
				p.Join()
			})
		})
	}
}
