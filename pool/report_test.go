package pool_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/pyconc/pyconc/pool"
)

// A panic whose result nobody read is logged when the pool's last worker
// exits, once; one that was read, or handed to an error callback, is not.
func TestUnreadPanicReported(t *testing.T) {
	logs := captureLog(t)
	p := pool.New(pool.Processes(2))
	pool.ApplyAsync(p, func() int { panic("never read") }).Wait()
	r := pool.ApplyAsync(p, func() int { panic("read") })
	r.Get()
	pool.ApplyAsync(p, func() int { panic("to the error callback") }, pool.ErrorCallback(func(error) {})).Wait()
	pool.MapAsync(p, func(x int) int { panic("map never read") }, ints(3)).Wait()
	pool.Map(p, func(x int) int { panic("map read") }, ints(3))
	// An IMap loop that yields a panic reads it; one it never reaches is
	// not read.
	for _, err := range pool.IMap(p, func(x int) int {
		if x == 0 {
			panic("imap read")
		}
		if x == 9 {
			panic("imap never reached")
		}
		return x
	}, ints(10), pool.ChunkSize(10)) {
		if err == nil {
			break
		}
	}
	p.Close()
	p.Join()
	out := logs.String()
	var got []string
	for _, s := range []string{"never read", "read", "to the error callback", "map never read", "map read",
		"imap read", "imap never reached"} {
		if strings.Contains(out, "panic: "+s+"\n") || strings.Contains(out, "panic: "+s+`\n`) {
			got = append(got, s)
		}
	}
	want := []string{"never read", "map never read", "imap never reached"}
	if !slices.Equal(got, want) || strings.Count(out, "exception in a task was never retrieved") != 3 {
		t.Errorf("reported %v; want %v. Log:\n%s", got, want, out)
	}
	if !strings.Contains(out, "<multiprocessing.pool.Pool state=CLOSE pool_size=2>: exception in a task was never retrieved") {
		t.Errorf("the report does not name the pool:\n%s", out)
	}
}
