package main

import (
	"io"
	"os"
	"regexp"
	"strconv"
	"testing"
	"testing/synctest"

	"github.com/pyconc/pyconc/internal/exampletest"
	"github.com/pyconc/pyconc/internal/testhook"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestProcessInfo runs the program. The numbers differ from run to run,
// so the golden file has them scrubbed, and the test checks what they
// must be: the main line's are the test binary's parent and pid, the
// child's parent is the main line's process id, and the child's own id is
// a goroutine's, neither of those.
func TestProcessInfo(t *testing.T) {
	var raw string
	exampletest.Run(t, func(w io.Writer) error { return run(w, nil) },
		exampletest.Scrub(`(parent process|process id): \d+`, "$1: N"), exampletest.Unscrubbed(&raw))
	m := regexp.MustCompile(`(?s)^main line\nmodule name: ` + pkg + `\nparent process: (\d+)\nprocess id: (\d+)\n` +
		`function f\nmodule name: ` + pkg + `\nparent process: (\d+)\nprocess id: (\d+)\nhello bob\n$`).FindStringSubmatch(raw)
	if m == nil {
		t.Fatalf("output does not have the program's lines:\n%s", raw)
	}
	mainParent, mainPid, childParent, childPid := m[1], m[2], m[3], m[4]
	if want := strconv.Itoa(os.Getppid()); mainParent != want {
		t.Errorf("main line's parent process = %s; want os.Getppid() = %s", mainParent, want)
	}
	if want := strconv.Itoa(os.Getpid()); mainPid != want {
		t.Errorf("main line's process id = %s; want os.Getpid() = %s", mainPid, want)
	}
	if childParent != mainPid {
		t.Errorf("child's parent process = %s; want the main line's process id %s", childParent, mainPid)
	}
	if childPid == mainPid || childPid == mainParent || childPid == "0" {
		t.Errorf("child's process id = %s; want a goroutine's ID, not %s, %s or 0", childPid, mainPid, mainParent)
	}
}

// pkg is the package's name in a test binary, where the runtime names it
// by its import path; `go run` prints "main".
const pkg = "github.com/pyconc/pyconc/examples/processinfo"

func TestModuleName(t *testing.T) {
	if got := moduleName(); got != pkg {
		t.Errorf("moduleName() = %q; want %q", got, pkg)
	}
}

func TestUnexpectedArgs(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		defer testhook.BecomeMain()()
		if err := run(io.Discard, []string{"extra"}); err == nil {
			t.Errorf("run with an extra argument returned nil; want an error")
		}
	})
}
