package main

import (
	"bytes"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pyconc/pyconc/internal/exampletest"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestPunchline checks that the default seed prints the document's output,
// character for character.
func TestPunchline(t *testing.T) {
	out := exampletest.Run(t, func(w io.Writer) error { return run(w, nil) })
	const document = "Two threads walk into a bar...\n" +
		"\n" +
		"\n" +
		"The barkeeper looks up and yells:\n" +
		"Hey! Race like time want don't conditions any last i!\n"
	if out != document {
		t.Errorf("output %q; want the document's %q", out, document)
	}
}

// TestPunchlineSeeds checks, for other seeds, that the punchline is a
// shuffle of the words, capitalized. run starts no threads, so it is
// called directly.
func TestPunchlineSeeds(t *testing.T) {
	words := []string{"I", "don't", "want", "any", "race", "conditions", "like", "last", "time"}
	for seed := range 100 {
		var out bytes.Buffer
		if err := run(&out, []string{"-seed", strconv.Itoa(seed)}); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		_, line, ok := strings.Cut(out.String(), "\nHey! ")
		line, found := strings.CutSuffix(line, "!\n")
		if !ok || !found {
			t.Fatalf("seed %d: no punchline in %q", seed, out.String())
		}
		if line != capitalize(line) {
			t.Errorf("seed %d: punchline %q is not capitalized", seed, line)
		}
		got := strings.Fields(strings.ToLower(line))
		want := strings.Fields(strings.ToLower(strings.Join(words, " ")))
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("seed %d: punchline %q is not a shuffle of %q", seed, line, words)
		}
	}
}

// TestCapitalize checks capitalize against Python's str.capitalize.
func TestCapitalize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"race like time I", "Race like time i"},
		{"HELLO World", "Hello world"},
		{"éCOLE", "École"},
		{"ǆungla", "ǅungla"}, // title case, not upper case ("Ǆungla")
		{"1st PLACE", "1st place"},
	} {
		if got := capitalize(tc.in); got != tc.want {
			t.Errorf("capitalize(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}
