// Command punchline is the Go port of the "Race conditions" joke of
// shared/seeds/003_b48680637bfb9369.txt ("Concurrency and
// Multithreading"): the words of the punchline come out shuffled, as if
// two threads had each printed some of them.
//
//	import random
//
//	punchline = ["I", "don't", "want", "any", "race", "conditions", "like", "last", "time"]
//	random.shuffle(punchline)
//	A = " ".join(punchline).capitalize()
//
//	print(f"Two threads walk into a bar...\n\n")
//	print(f"The barkeeper looks up and yells:\nHey! {A}!")
//
// Run it with
//
//	go run ./examples/punchline
//	go run ./examples/punchline -seed 7
//
// With the default seed it prints what the document shows:
//
//	Two threads walk into a bar...
//
//
//	The barkeeper looks up and yells:
//	Hey! Race like time want don't conditions any last i!
//
// The first print's string ends in two newlines and print adds a third,
// hence the two blank lines. Python's str.capitalize puts the first
// character in title case and every other one in lower case, which is why
// the "I" comes out as "i"; capitalize below does the same.
//
// The shuffle is seeded (-seed), so the program always prints the same
// punchline; the Python program, unseeded, prints a different one each
// run. Go's generator (math/rand/v2's PCG) and Python's (the Mersenne
// Twister) give different sequences for the same seed, so no seed makes
// both print the same; the default, 434217, is the first seed with which
// the Go program shuffles the words into the document's order. The
// program starts no threads: the race is only the joke.
package main

import (
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("punchline", flag.ContinueOnError)
	seed := fs.Uint64("seed", 434217, "seed for the shuffle (the default gives the document's punchline)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("punchline: unexpected arguments %q", fs.Args())
	}

	punchline := []string{"I", "don't", "want", "any", "race", "conditions", "like", "last", "time"}
	random := rand.New(rand.NewPCG(*seed, 0))
	random.Shuffle(len(punchline), func(i, j int) { punchline[i], punchline[j] = punchline[j], punchline[i] })
	a := capitalize(strings.Join(punchline, " "))

	fmt.Fprint(w, "Two threads walk into a bar...\n\n\n") // print adds the third newline
	fmt.Fprintf(w, "The barkeeper looks up and yells:\nHey! %s!\n", a)
	return nil
}

// capitalize returns s with its first character in title case and the rest
// in lower case, as Python's str.capitalize does. It uses Go's simple,
// one-rune-to-one-rune case mappings, so it differs from Python only for
// the few characters, like "ß", whose full mapping is several characters.
func capitalize(s string) string {
	first, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return string(unicode.ToTitle(first)) + strings.ToLower(s[size:])
}
