package main

import (
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/pyconc/pyconc/internal/exampletest"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// threadNumber matches the goroutine IDs printed as thread numbers.
var threadNumber = regexp.MustCompile(`thread number (\d+)`)

// runMode runs the program in mode and returns its output, scrubbed of
// thread numbers, and the numbers in the order printed.
func runMode(t *testing.T, mode string, opts ...exampletest.Option) (out string, numbers []string) {
	t.Helper()
	var raw string // the output before scrubbing
	opts = append(opts, exampletest.Golden(mode+".golden"), exampletest.Scrub(`thread number \d+`, "thread number N"), exampletest.Unscrubbed(&raw))
	out = exampletest.Run(t, func(w io.Writer) error {
		return run(w, []string{"-mode=" + mode})
	}, opts...)
	for _, m := range threadNumber.FindAllStringSubmatch(raw, -1) {
		numbers = append(numbers, m[1])
	}
	return out, numbers
}

// TestMissingImport runs cell In [4]: the thread fails where it calls the
// missing module, its report comes through the program's ExceptHook, and
// Shutdown waits for it because it is not a daemon.
func TestMissingImport(t *testing.T) {
	out, numbers := runMode(t, "missing-import", exampletest.Unordered())

	// Main prints its number twice; the thread runs alongside, so its
	// lines may come before or after main's second line.
	exampletest.InOrder(t, out,
		"(Main) I am thread number N",
		"(Main) I am thread number N",
	)
	exampletest.InOrder(t, out,
		"(Main) I am thread number N",
		"(Thread) Trying to calculate the mean now...",
		"Exception in thread Thread-1:",
		"panic: runtime error: invalid memory address or nil pointer dereference",
	)
	if !strings.Contains(out, "(Thread) Trying to calculate the mean now...\n\n") {
		t.Errorf("no blank line after the thread's first line:\n%s", out)
	}
	if !strings.Contains(out, "Exception in thread Thread-1:\npanic: runtime error: invalid memory address or nil pointer dereference\n") {
		t.Errorf("the report's two lines are not together:\n%s", out)
	}
	if strings.Contains(out, "00:00") {
		t.Errorf("logging is not configured in this cell, yet a line was logged:\n%s", out)
	}
	if len(numbers) != 2 || numbers[0] != numbers[1] {
		t.Errorf("main printed thread numbers %v; want the same number twice", numbers)
	}
}

// TestDaemon runs cell In [47]: main joins the daemon thread, so every
// line of the thread comes before main's last, two seconds later.
func TestDaemon(t *testing.T) {
	out, numbers := runMode(t, "daemon", exampletest.Unordered())

	exampletest.InOrder(t, out,
		"00:00:00: (Main) Before thread creation",
		"00:00:00: (Main) Before running thread",
		"00:00:00: (Main) Waiting for it to finish(?)",
		"00:00:02: (Main) I'm done. What about you?",
	)
	exampletest.InOrder(t, out,
		"00:00:00: (Main) Before running thread",
		"00:00:00: (Thread) We've already begun. Where are you?",
		"(Thread) Trying to calculate the mean now...",
		"",
		"(Thread) I am thread number N",
		"00:00:02: (Main) I'm done. What about you?",
	)
	if !strings.HasSuffix(out, "(Thread) I am thread number N\n00:00:02: (Main) I'm done. What about you?\n") {
		t.Errorf("main's last line does not follow the thread's:\n%s", out)
	}
	if len(numbers) != 1 {
		t.Errorf("thread numbers %v; want one", numbers)
	}
}
