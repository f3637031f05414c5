// Command philosophers is the Go port of the dining philosophers of the
// "Deadlocks" section of shared/seeds/002_7c14b898e9712794.txt: five
// philosophers sit at a round table with a fork between each two of them,
// and each needs both forks next to him to eat. The forks are
// [thread.Lock]s and the philosophers threads.
//
//	go run ./examples/philosophers
//	go run ./examples/philosophers -mode deadlock
//	go run ./examples/philosophers -mode ordered -meals 5 -seed 7
//
// The tutorial describes the problem and has no program. This one first
// shows the deadlock it describes (-mode deadlock): every philosopher picks
// up his right fork, then reaches for the left one, which his neighbour
// holds. Python would hang there for ever; Go, with [thread.Lock.Acquire],
// would stop with "fatal error: all goroutines are asleep - deadlock!". The
// philosophers use [thread.Lock.AcquireTimeout] instead, so each of them
// gives up after two seconds, and the main thread,
// finding every philosopher stuck holding one fork and waiting for the
// next, reports the deadlock, who holds what, and puts the forks back (any
// thread may release a Lock, as in Python).
//
// Then it shows a fix (-mode ordered): each philosopher picks up the
// lower-numbered of his two forks first. Philosopher 4, whose forks are 4
// and 0, now reaches for fork 0 first, like philosopher 0, so no cycle of
// philosophers each waiting for the next can form, and everyone eats. They
// think and eat for random times, from a generator seeded with -seed: the
// same seed gives the same times, and under `go test`, whose clock is fake,
// the same output every time. -mode both (the default) runs the two in
// sequence.
//
// The log format is what Python's
// logging.basicConfig(format="%(asctime)s.%(msecs)03d: %(message)s",
// datefmt="%H:%M:%S") prints, with milliseconds, so that the order of the
// meals can be read from the times; the lines go to standard output.
//
// The schedule avoids moments where two philosophers act at once, whose
// lines could come out in either order: the philosophers sit down a tenth of
// a second apart in the deadlock, and in the fix a philosopher puts his
// forks down a tenth of a second apart and logs each step before he puts a
// fork down, so that the neighbour who picks it up logs after him.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"os"
	"slices"
	"time"

	"github.com/pyconc/pyconc/thread"
)

// seats is the number of philosophers, and of forks. Philosopher p sits
// between fork p, on his right, and fork (p+1) % seats, on his left.
const seats = 5

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(w io.Writer, args []string) error {
	defer thread.Shutdown()
	fs := flag.NewFlagSet("philosophers", flag.ContinueOnError)
	mode := fs.String("mode", "both", "what to show: deadlock, ordered or both")
	meals := fs.Int("meals", 3, "how many times each philosopher eats, with -mode ordered")
	seed := fs.Uint64("seed", 1, "seed of the random thinking and eating times")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("philosophers: unexpected arguments %q", fs.Args())
	}
	if *meals < 1 {
		return fmt.Errorf("philosophers: -meals must be at least 1")
	}
	logging := newLogger(w)

	switch *mode {
	case "deadlock":
		dineWithDeadlock(logging)
	case "ordered":
		dineOrdered(logging, *meals, *seed)
	case "both":
		dineWithDeadlock(logging)
		dineOrdered(logging, *meals, *seed)
	default:
		return fmt.Errorf("philosophers: -mode %q: want deadlock, ordered or both", *mode)
	}
	return nil
}

// dineWithDeadlock seats the philosophers, has each pick up his right fork
// and then wait for his left one, which his neighbour holds, until he gives
// up; then it reports the deadlock and puts the forks back.
func dineWithDeadlock(logging logger) {
	logging.info("Main: the philosophers sit down; each takes his right fork, then his left one")
	var (
		forks    [seats]thread.Lock
		holder   [seats]int // the philosopher holding each fork
		waitsFor [seats]int // the fork each philosopher gave up waiting for, or -1
		threads  [seats]*thread.Thread
	)
	for p := range seats {
		right, left := p, (p+1)%seats
		waitsFor[p] = -1
		threads[p] = thread.New(func() {
			time.Sleep(time.Duration(p) * 100 * time.Millisecond) // sitting down
			forks[right].Acquire()
			holder[right] = p
			logging.info("Philosopher %d picks up fork %d, on his right", p, right)

			time.Sleep(time.Second)
			logging.info("Philosopher %d reaches for fork %d, on his left", p, left)
			if !forks[left].AcquireTimeout(2 * time.Second) {
				waitsFor[p] = left
				logging.info("Philosopher %d gives up: fork %d has not come free in 2s", p, left)
				return // still holding his right fork
			}
			logging.info("Philosopher %d picks up fork %d and eats", p, left)
			forks[left].Release()
			forks[right].Release()
		}, thread.Name(fmt.Sprintf("philosopher-%d", p)))
		threads[p].Start()
	}
	for _, t := range threads {
		t.Join() // makes holder and waitsFor safe to read
	}

	stuck := 0
	for p := range seats {
		if waitsFor[p] >= 0 {
			stuck++
		}
	}
	if stuck < seats {
		logging.info("Main: no deadlock: %d of %d philosophers gave up", stuck, seats)
	} else {
		logging.info("Main: deadlock detected: every philosopher holds a fork and waits for one that another holds")
		for p := range seats {
			held := slices.Index(holder[:], p)
			f := waitsFor[p]
			logging.info("Main:   philosopher %d holds fork %d and waits for fork %d, held by philosopher %d", p, held, f, holder[f])
		}
	}
	// Any thread may release a Lock, as in Python: the main thread puts
	// back the forks the philosophers who gave up still hold.
	for f := range forks {
		if forks[f].Locked() {
			forks[f].Release()
		}
	}
	logging.info("Main: puts the forks back on the table")
}

// dineOrdered seats the philosophers, each of whom thinks and eats meals
// times, taking the lower-numbered of his two forks first.
func dineOrdered(logging logger, meals int, seed uint64) {
	logging.info("Main: the philosophers sit down; each takes his lower-numbered fork first")
	var (
		forks   [seats]thread.Lock
		threads [seats]*thread.Thread
	)
	for p := range seats {
		first, second := p, (p+1)%seats
		if second < first {
			first, second = second, first // philosopher 4: fork 0, then fork 4
		}
		// Each philosopher has his own generator, so that his times do
		// not depend on the order in which the threads draw them.
		rng := rand.New(rand.NewPCG(seed, uint64(p)))
		duration := func() time.Duration { // from 0.2s to 1s
			return 200*time.Millisecond + time.Duration(rng.Int64N(int64(800*time.Millisecond)))
		}
		threads[p] = thread.New(func() {
			for meal := 1; meal <= meals; meal++ {
				time.Sleep(duration()) // thinking
				forks[first].Acquire()
				logging.info("Philosopher %d picks up fork %d", p, first)
				forks[second].Acquire()
				logging.info("Philosopher %d picks up fork %d and eats (meal %d of %d)", p, second, meal, meals)
				time.Sleep(duration()) // eating

				logging.info("Philosopher %d puts down fork %d", p, second)
				forks[second].Release()
				time.Sleep(100 * time.Millisecond)
				logging.info("Philosopher %d puts down fork %d", p, first)
				forks[first].Release()
			}
		}, thread.Name(fmt.Sprintf("philosopher-%d", p)))
		threads[p].Start()
	}
	for _, t := range threads {
		t.Join()
	}
	logging.info("Main: every philosopher has eaten %d meals", meals)
}

// A logger is Python's logging, as configured by
// logging.basicConfig(format="%(asctime)s.%(msecs)03d: %(message)s",
// datefmt="%H:%M:%S").
type logger struct{ l *log.Logger }

func newLogger(w io.Writer) logger { return logger{log.New(w, "", 0)} }

// info writes one line, the time and then the message, formatted as
// fmt.Sprintf does. A [log.Logger] writes each line whole, whichever
// thread calls it, as Python's logging does.
func (l logger) info(format string, args ...any) {
	l.l.Print(time.Now().Format("15:04:05.000") + ": " + fmt.Sprintf(format, args...))
}
