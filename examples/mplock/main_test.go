package main

import (
	"io"
	"testing"
	"testing/synctest"

	"github.com/pyconc/pyconc/internal/exampletest"
	"github.com/pyconc/pyconc/internal/testhook"
	"github.com/pyconc/pyconc/mp"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestMPLock runs the program. The output is read only after run returns,
// so ten lines show that Shutdown waited for the processes nobody joined;
// their order is the scheduler's, so the lines are compared as a set.
// That each line is whole is what the lock is for: the golden file's
// lines would not match otherwise.
func TestMPLock(t *testing.T) {
	exampletest.Run(t, func(w io.Writer) error { return run(w, nil) }, exampletest.Unordered())
}

// TestLockHeld checks that f holds the lock while it prints: a writer
// that looks at the lock sees it locked.
func TestLockHeld(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		defer testhook.BecomeMain()()
		lock := mp.NewLock()
		var lockedWhilePrinting bool
		f(writerFunc(func(p []byte) (int, error) {
			lockedWhilePrinting = lock.Locked()
			return len(p), nil
		}), lock, 3)
		if !lockedWhilePrinting || lock.Locked() {
			t.Errorf("lock held while printing: %v, after f: %v; want true, false", lockedWhilePrinting, lock.Locked())
		}
	})
}

type writerFunc func(p []byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func TestUnexpectedArgs(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		defer testhook.BecomeMain()()
		if err := run(io.Discard, []string{"extra"}); err == nil {
			t.Errorf("run with an extra argument returned nil; want an error")
		}
	})
}
