package main

import (
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pyconc/pyconc/internal/exampletest"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// The user types at 1.5, 3.5, 4.5, 7.5 and 8.5 seconds: never on a whole
// second, when the database starts and ends its queries, so which comes
// first is never a tie.
var typed = []exampletest.Keystroke{
	{After: 1500 * time.Millisecond, Text: "hello\n"},
	{After: 2 * time.Second, Text: "racecar\n"},
	{After: time.Second, Text: "Go is fun\n"},
	{After: 3 * time.Second, Text: "¡señor!\n"},
}

func TestQuit(t *testing.T) {
	in := exampletest.Typist(append(typed, exampletest.Keystroke{After: time.Second, Text: "quit\n"}, exampletest.Keystroke{After: time.Second, Text: "never read\n"})...)
	out := exampletest.Run(t, func(w io.Writer) error { return run(w, in, nil) })
	check(t, out)
	if strings.Contains(out, "never read") {
		t.Errorf("main read past quit:\n%s", out)
	}
}

// TestEOF ends the input after a last line without a newline, as Ctrl-D
// typed in the middle of a line does (twice, at a terminal).
func TestEOF(t *testing.T) {
	in := exampletest.Typist(append(typed, exampletest.Keystroke{After: time.Second, Text: "no newline"})...)
	out := exampletest.Run(t, func(w io.Writer) error { return run(w, in, nil) }, exampletest.Golden("eof.golden"))
	check(t, out, "00:00:08: main: no newline -> enilwen on")
}

var logLine = regexp.MustCompile(`^(\d\d:\d\d:\d\d): (?:database: query (\d+) (?:started, takes (\d+)s|done)|.*)$`)

// check checks what the program guarantees whatever the query durations:
// main answers each line at the second it was typed, in order (the log
// shows whole seconds, so a line typed at 3.5 s reads 00:00:03, after a
// query that ended at 3 s); the database runs one query at a time, each
// for as long as it said; main stops after its last line, the database
// finishes its query and stops, and main ends once it has.
func check(t *testing.T, out string, extra ...string) {
	t.Helper()
	lines := []string{
		`00:00:00: main: type lines to reverse; "quit" or end of input stops`,
		"00:00:01: main: hello -> olleh",
		"00:00:03: main: racecar -> racecar",
		"00:00:04: main: Go is fun -> nuf si oG",
		"00:00:07: main: ¡señor! -> !roñes¡",
	}
	lines = append(lines, extra...)
	lines = append(lines, "00:00:08: main: stopping the database")
	exampletest.InOrder(t, out, lines...)
	if !regexp.MustCompile(`\n(\d\d:\d\d:\d\d): database: query \d+ done\n` +
		`\d\d:\d\d:\d\d: database: stopped\n` +
		`\d\d:\d\d:\d\d: main: database stopped\n$`).MatchString(out) {
		t.Errorf("output does not end with the last query done, the database stopped, and main ending:\n%s", out)
	}

	running, queries := 0, 0 // the query running, and how many started
	var until time.Time      // when the running query is due to end
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		m := logLine.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("line %q is not a log line", line)
			continue
		}
		at, _ := time.Parse("15:04:05", m[1])
		switch {
		case m[3] != "": // started
			if running != 0 {
				t.Errorf("%q while query %d runs", line, running)
			}
			queries++
			if m[2] != strconv.Itoa(queries) {
				t.Errorf("%q: want query %d", line, queries)
			}
			secs, _ := strconv.Atoi(m[3])
			if secs < 1 || secs > 5 {
				t.Errorf("%q: not randint(1, 5) seconds", line)
			}
			running, until = queries, at.Add(time.Duration(secs)*time.Second)
		case m[2] != "": // done
			if m[2] != strconv.Itoa(running) || !at.Equal(until) {
				t.Errorf("%q; want query %d done at %s", line, running, until.Format("15:04:05"))
			}
			running = 0
		}
	}
	if queries == 0 || running != 0 {
		t.Errorf("%d queries started, query %d still running at the end", queries, running)
	}
}
