package main

import (
	"errors"
	"io"
	"math/big"
	"regexp"
	"strings"
	"testing"

	"github.com/pyconc/pyconc/internal/exampletest"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// squares matches the result line; how far main's loop got depends on
// how soon the thread had its line, so the test scrubs the numbers and
// checks them separately.
var squares = regexp.MustCompile(`calculated squares up to ([\d,]+) \* ([\d,]+) = ([\d,]+)`)

// TestInputReader feeds the two lines through a pipe, as
// `printf '\nhello, world\n' | go run ./examples/inputreader` does.
func TestInputReader(t *testing.T) {
	var raw string
	exampletest.Run(t, func(w io.Writer) error {
		return run(w, strings.NewReader("\nhello, world\n"), nil)
	}, exampletest.Scrub(squares.String(), "calculated squares up to COUNT * COUNT = RESULT"), exampletest.Unscrubbed(&raw))

	m := squares.FindStringSubmatch(raw)
	if m == nil {
		t.Fatalf("no result line in output:\n%s", raw)
	}
	grouped := regexp.MustCompile(`^\d{1,3}(,\d{3})*$`)
	for _, s := range m[1:] {
		if !grouped.MatchString(s) {
			t.Errorf("%q is not grouped in threes as Python's {:,} does", s)
		}
	}
	if m[1] != m[2] {
		t.Errorf("count printed as %s and %s", m[1], m[2])
	}
	count, _ := new(big.Int).SetString(strings.ReplaceAll(m[1], ",", ""), 10)
	result, _ := new(big.Int).SetString(strings.ReplaceAll(m[3], ",", ""), 10)
	last := new(big.Int).Sub(count, big.NewInt(1))
	if count.Cmp(big.NewInt(1)) == 0 {
		last.SetInt64(1) // the loop never ran: count, result = 1, 1
	}
	if want := new(big.Int).Mul(last, last); result.Cmp(want) != 0 {
		t.Errorf("result %v after count %v; want %v, the square of count-1", result, count, want)
	}
}

// TestInputReaderPartialLine checks that input ending in the middle of a
// line gives that line, as Python's input does.
func TestInputReaderPartialLine(t *testing.T) {
	exampletest.Run(t, func(w io.Writer) error {
		return run(w, strings.NewReader("\r\nno newline"), nil)
	}, exampletest.Golden("partial.golden"),
		exampletest.Scrub(squares.String(), "calculated squares up to COUNT * COUNT = RESULT"))
}

// TestInputReaderEOF checks that input ending before the thread's line is
// an error, Python's EOFError, reported after the squares line as Python
// reports its AttributeError.
func TestInputReaderEOF(t *testing.T) {
	var err error
	exampletest.Run(t, func(w io.Writer) error {
		err = run(w, strings.NewReader("\n"), nil)
		return nil
	}, exampletest.Golden("eof.golden"),
		exampletest.Scrub(squares.String(), "calculated squares up to COUNT * COUNT = RESULT"))
	if !errors.Is(err, errEOF) {
		t.Errorf("run returned %v; want %v", err, errEOF)
	}
}

// TestInputReaderNoInput checks that input ending before the first line
// stops the program at the first prompt, with Python's EOFError.
func TestInputReaderNoInput(t *testing.T) {
	var err error
	exampletest.Run(t, func(w io.Writer) error {
		err = run(w, strings.NewReader(""), nil)
		return nil
	}, exampletest.Golden("noinput.golden"))
	if !errors.Is(err, errEOF) {
		t.Errorf("run returned %v; want %v", err, errEOF)
	}
}

func TestCommas(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"0", "0"},
		{"1", "1"},
		{"123", "123"},
		{"1234", "1,234"},
		{"123456", "123,456"},
		{"1234567", "1,234,567"},
		{"100000000000000000000", "100,000,000,000,000,000,000"},
	} {
		if got := commas(tc.in); got != tc.want {
			t.Errorf("commas(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}
