package mp

// A Context is a start method and the constructors that use it: Python's
// multiprocessing context, returned by [GetContext].
//
// Python: multiprocessing.context.BaseContext.
type Context struct {
	method string
}

// applyOption makes a Context an [Option] of every constructor.
func (c *Context) applyOption(cfg *config, call string) {
	if c == nil {
		panic("mp: a nil *Context is not an option of " + call)
	}
	cfg.ctx = c
}

var goroutineContext = &Context{method: "goroutine"}

// defaultContext returns the context of constructors given none.
func defaultContext() *Context { return goroutineContext }
