// Command inputreader is the Go port of the "Simple threading example" of
// shared/seeds/000_9db71707a25980b8.txt ("Multithreading and
// Multiprocessing"): a thread reads a line of input while the main thread
// squares numbers until the thread has finished.
//
//	class InputReader(Thread):
//	    def run(self):
//	        self.line_of_text = input('Enter some text: ')
//
//	input('Are you ready? When you hit return the thread will start.')
//	thread = InputReader()
//	thread.start()
//	count, result = 1, 1
//	while thread.is_alive():
//	    result = count * count
//	    count += 1
//	print('calculated squares up to {0:,} * {0:,} = {1:,}'.format(count, result))
//	print('while you typed "{}"'.format(thread.line_of_text))
//
// Run it with
//
//	go run ./examples/inputreader
//	printf '\nhello, world\n' | go run ./examples/inputreader
//
// At a terminal it prints the two prompts, waits for the lines, and then
// something like
//
//	calculated squares up to 339,773,698 * 339,773,698 = 115,446,165,173,047,809
//	while you typed "hello, world"
//
// (from a run where the second line came three seconds after the first;
// CPython 3.11 counted to about 6 million in the same time). The count
// depends on how long the typing took and how fast the machine is, in Go
// as in Python. As in the Python program, count is one past the number
// last squared: result is (count-1)², or 1 if the loop never ran.
//
// Subclassing Thread and overriding run becomes a struct with a Run method,
// handed to [thread.New] as a method value; thread.is_alive() is
// [thread.Thread.IsAlive]. Python's int never overflows, and the square of
// a count reached after a few seconds of Go's loop no longer fits an
// int64, so the squares are math/big numbers. Python's "{:,}" grouping is
// the helper commas.
//
// Python's input writes its prompt without a newline; at a terminal the
// newline comes from the user's return key, echoed by the terminal. With
// piped input, as in the test, nothing is echoed, so the output starts
// with both prompts and the result on one line, as Python's does.
//
// Where input ends before a line, Python's input raises EOFError: before
// the first prompt's line, the program stops there; in the thread, the
// thread's report goes to standard error, main prints its squares, and
// then fails with AttributeError because line_of_text was never set. Run
// returns an error in both cases (printed on standard error, exit status
// 1): the thread's error reaches main through the InputReader, as the line
// does, after the squares line.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/big"
	"os"
	"strconv"
	"strings"

	"github.com/pyconc/pyconc/thread"
)

func main() {
	if err := run(os.Stdout, os.Stdin, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(w io.Writer, r io.Reader, args []string) error {
	defer thread.Shutdown()
	fs := flag.NewFlagSet("inputreader", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("inputreader: unexpected arguments %q", fs.Args())
	}
	con := &console{w: w, r: bufio.NewReader(r)}

	if _, err := con.input("Are you ready? When you hit return the thread will start."); err != nil {
		return err
	}
	reader := &InputReader{con: con}
	t := thread.New(reader.Run)
	t.Start() // cf. reader.Run() for no concurrency
	count, result := int64(1), big.NewInt(1)
	var c big.Int
	for t.IsAlive() {
		result.Mul(c.SetInt64(count), &c) // result = count * count
		count++
	}
	// The thread has ended, so its fields are final: as in Python, main
	// reads them without a Join.
	n := commas(strconv.FormatInt(count, 10))
	fmt.Fprintf(w, "calculated squares up to %s * %s = %s\n", n, n, commas(result.String()))
	if reader.err != nil {
		return reader.err // Python: AttributeError, as run never set line_of_text
	}
	fmt.Fprintf(w, "while you typed \"%s\"\n", reader.lineOfText)
	return nil
}

// InputReader is the Python class InputReader, a Thread subclass whose run
// method reads a line of input.
type InputReader struct {
	con        *console
	lineOfText string
	err        error // Python's EOFError, which would end the thread
}

// Run reads a line of text.
func (r *InputReader) Run() { r.lineOfText, r.err = r.con.input("Enter some text: ") }

// A console is the program's standard output and its buffered standard
// input, shared by the threads as Python's sys.stdin and sys.stdout are.
type console struct {
	w io.Writer
	r *bufio.Reader
}

// errEOF is Python's EOFError from input.
var errEOF = errors.New("EOF when reading a line")

// input is Python's input: it writes prompt, with no newline, and reads a
// line, which it returns without the line ending. Input that ends in the
// middle of a line gives that line; input that ends before one gives
// errEOF.
func (c *console) input(prompt string) (string, error) {
	fmt.Fprint(c.w, prompt)
	line, err := c.r.ReadString('\n')
	if err == io.EOF {
		if line == "" {
			return "", errEOF
		}
		err = nil
	}
	line = strings.TrimSuffix(line, "\n")
	return strings.TrimSuffix(line, "\r"), err
}

// commas groups the digits of the non-negative decimal number s in threes,
// as Python's format specification "," does: commas("1234567") is
// "1,234,567".
func commas(s string) string {
	var b strings.Builder
	for i, digit := range []byte(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(digit)
	}
	return b.String()
}
