package mp_test

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/pyconc/pyconc/mp"
	"github.com/pyconc/pyconc/thread"
)

// At exit (thread.Shutdown) the main process terminates its daemon
// children and waits for the others, as Python's
// multiprocessing.util._exit_function does; it does not wait for the
// daemons, which cannot be made to end. A process does the same for its
// own children when its target returns.
func TestShutdownWaitsForProcesses(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		asMain(t, func() {
			release := make(chan struct{})
			daemonCause := make(chan error, 1)
			p := mp.NewProcess(func() { <-release })
			d := mp.NewProcess(func() {
				ctx := mp.CurrentProcess().Context()
				<-ctx.Done()
				daemonCause <- context.Cause(ctx)
			}, mp.Daemon(true))
			p.Start()
			d.Start()
			shutdown := make(chan struct{})
			go func() {
				thread.Shutdown()
				close(shutdown)
			}()
			synctest.Wait()
			select {
			case <-shutdown:
				t.Fatal("Shutdown returned while a non-daemon process runs")
			default:
			}
			if err := <-daemonCause; err != mp.ErrTerminated {
				t.Errorf("daemon's cause = %v; want ErrTerminated", err)
			}
			d.Join()
			if code, _ := d.ExitCode(); code != -15 {
				t.Errorf("daemon's exit code = %d; want -15", code)
			}
			close(release)
			<-shutdown
			if code, ok := p.ExitCode(); !ok || code != 0 {
				t.Errorf("exit code = %d, %v; want 0, true", code, ok)
			}
		})
	})
}

// A process that ends waits for its non-daemon children and terminates
// its daemon ones; a daemon child that ignores its context is abandoned
// (and here released afterwards).
func TestProcessEndWaitsForChildren(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		release := make(chan struct{})
		ignore := make(chan struct{})
		var child, daemon *mp.Process
		p := mp.NewProcess(func() {
			child = mp.NewProcess(func() { <-release })
			daemon = mp.NewProcess(func() { <-ignore }, mp.Daemon(true))
			child.Start()
			daemon.Start()
		})
		p.Start()
		time.Sleep(time.Second)
		if !p.IsAlive() {
			t.Fatal("the process ended before its non-daemon child")
		}
		close(release)
		p.Join()
		if !daemon.IsAlive() || daemon.Context().Err() == nil {
			t.Errorf("daemon child: alive %v, context %v; want true, cancelled", daemon.IsAlive(), daemon.Context().Err())
		}
		close(ignore)
		daemon.Join()
		if code, _ := daemon.ExitCode(); code != -15 {
			t.Errorf("daemon's exit code = %d; want -15", code)
		}
	})
}

// ParentProcess().IsAlive() turns false in a child once MainProcess has
// run its exit.
func TestMainProcessEndsAtShutdown(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		asMain(t, func() {
			stop := make(chan struct{})
			var before, after bool
			d := mp.NewProcess(func() {
				before = mp.ParentProcess().IsAlive()
				<-stop
				after = mp.ParentProcess().IsAlive()
			}, mp.Daemon(true))
			d.Start()
			synctest.Wait()
			thread.Shutdown()
			close(stop)
			d.Join()
			if !before || after {
				t.Errorf("MainProcess alive before %v, after Shutdown %v; want true, false", before, after)
			}
			if !mp.CurrentProcess().IsAlive() {
				t.Error("the current process is not alive to itself")
			}
		})
	})
}
