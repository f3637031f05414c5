package thread

// An Option configures a [Thread] (or a [Timer]) when it is created: the
// keyword arguments of Python's Thread constructor.
//
// Python: the keyword arguments of threading.Thread.
type Option func(*options)

type options struct {
	name      string
	daemon    bool
	daemonSet bool
}

// Name sets the thread's name. An empty name means no name, as Python's
// name="" does (TH-04): the thread gets the default "Thread-N (target)".
// Names need not be unique.
//
// Python: threading.Thread(name=...).
func Name(name string) Option {
	return func(o *options) { o.name = name }
}

// Daemon sets whether the thread is a daemon thread, overriding the default,
// which is inherited from the thread that creates it (TH-23, TH-24).
// [Shutdown] waits for every non-daemon thread and abandons daemon ones.
//
// Python: threading.Thread(daemon=...).
func Daemon(daemonic bool) Option {
	return func(o *options) { o.daemon, o.daemonSet = daemonic, true }
}

// collect applies opts to fresh options. It is apart from New so that only
// a call with options pays for the options escaping to the heap, as
// calling a func value with a pointer makes them.
func collect(opts []Option) options {
	o := new(options)
	for _, opt := range opts {
		opt(o)
	}
	return *o
}
