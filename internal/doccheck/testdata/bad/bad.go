// Package bad breaks the doc rule everywhere: its doc has no list.
package bad

// Grouped constants with a group comment that names Python are fine.
//
// Python: none (Go only).
const (
	A = 1
	B = 2
)

const (
	// Loose has a comment, but no Python paragraph.
	Loose = 3
	// Fine names its twin.
	//
	// Python: none (Go only).
	Fine   = 4
	hidden = 5
)

// ErrX is an error.
var ErrX error

// Free is a function.
func Free() {}

// T is a type.
type T struct{}

// NewT makes a T. Python: at the end of a sentence does not count.
func NewT() T { return T{} }

// M is a method.
//
// Python: x.m
func (T) M() {}

// N is a method.
//
// Python: x.n.
func (T) N() {}
