package mp

import "github.com/pyconc/pyconc/thread"

// An Option is a keyword argument of one of Python's multiprocessing
// constructors: [Name] and [Daemon] for [NewProcess]; [Duplex] for [Pipe];
// [ValueLock] for [NewValue] and [NewArray]. A [*Context] is an Option
// too, accepted by every constructor, so that Python's ctx.Queue() is
// mp.NewQueue[T](0, ctx). An option passed where it has no meaning panics,
// naming itself and the call, rather than being ignored.
//
// Python: the keyword arguments of multiprocessing's constructors.
type Option interface {
	applyOption(c *config, call string)
}

// config is what the options of one call say.
type config struct {
	ctx *Context

	name      string
	nameSet   bool
	daemon    bool
	daemonSet bool

	oneWay bool // Pipe(duplex=False)

	lock thread.Locker // Value/Array(lock=...)
}

// scope is the set of calls an option applies to.
type scope uint8

const (
	forProcess scope = 1 << iota
	forPipe
	forShared // Value, Array
)

// option is the Option of every keyword but the context.
type option struct {
	name  string
	scope scope
	set   func(*config)
}

func (o option) applyOption(c *config, call string) {
	if o.set == nil {
		panic("mp: the zero Option is not an option of " + call)
	}
	if o.scope&scopeOf(call) == 0 {
		panic("mp: " + o.name + " is not an option of " + call)
	}
	o.set(c)
}

// scopeOf returns the scope of the constructor named call.
func scopeOf(call string) scope {
	switch call {
	case "NewProcess":
		return forProcess
	case "Pipe":
		return forPipe
	case "NewValue", "NewArray", "NewArrayLen":
		return forShared
	}
	return 0
}

// configure applies opts for the constructor named call.
func configure(call string, opts []Option) (c config) {
	for _, o := range opts {
		if o == nil {
			panic("mp: a nil Option is not an option of " + call)
		}
		o.applyOption(&c, call)
	}
	if c.ctx == nil {
		c.ctx = defaultContext()
	}
	return c
}

// Name sets a process's name. Without it a process is named as Python
// names it: "Process-N", N counting the children of the process that
// created it, "Process-1:2" for the second child of Process-1 (MP-02).
//
// Python: multiprocessing.Process(name=...).
func Name(name string) Option {
	return option{"Name", forProcess, func(c *config) { c.name, c.nameSet = name, true }}
}

// Daemon sets whether a process is a daemon. Without it a process is a
// daemon exactly when the process creating it is one (MP-17).
//
// Python: multiprocessing.Process(daemon=...).
func Daemon(daemonic bool) Option {
	return option{"Daemon", forProcess, func(c *config) { c.daemon, c.daemonSet = daemonic, true }}
}

// Duplex sets whether a [Pipe] is two-way (the default, true) or one-way:
// Duplex(false) returns a pipe whose first connection can only receive
// and whose second can only send.
//
// Python: multiprocessing.Pipe(duplex=...).
func Duplex(duplex bool) Option {
	return option{"Duplex", forPipe, func(c *config) { c.oneWay = !duplex }}
}

// ValueLock makes a [Value] or an [Array] synchronized by l instead of a
// new [RLock] of its own; [Value.GetLock] then returns l (SV-05). A nil l
// keeps the default.
//
// Python: multiprocessing.Value(..., lock=lock).
func ValueLock(l thread.Locker) Option {
	return option{"ValueLock", forShared, func(c *config) { c.lock = l }}
}
