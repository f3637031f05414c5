package exampletest

import (
	"io"
	"time"
)

// A Keystroke is text that arrives on standard input After a pause,
// as a person types it (or pastes it, several lines at once).
type Keystroke struct {
	After time.Duration
	Text  string
}

// Typist returns standard input at a keyboard: each keystroke's text
// becomes readable after its pause, measured on the bubble's fake clock
// from the moment the program asks for more input; input ends after the
// last one. A keystroke with no text is only a pause: typed last, it is
// the end of input (Ctrl-D) after a while. A program that reads a Typist
// while its threads sleep sees their events and the user's lines
// interleaved by time, deterministically.
func Typist(keys ...Keystroke) io.Reader {
	return &typist{keys: keys}
}

type typist struct {
	keys    []Keystroke
	pending string
}

func (k *typist) Read(p []byte) (int, error) {
	for k.pending == "" {
		if len(k.keys) == 0 {
			return 0, io.EOF
		}
		time.Sleep(k.keys[0].After)
		k.pending = k.keys[0].Text
		k.keys = k.keys[1:]
	}
	n := copy(p, k.pending)
	k.pending = k.pending[n:]
	return n, nil
}
