package mp

// owned is a process as package thread sees it: the owner of the threads
// started in it (internal/owner).
type owned struct{ p *Process }

// ThreadStarted counts a non-daemon thread started in the process.
func (o *owned) ThreadStarted() { o.p.threads.Add(1) }

// ThreadStopped uncounts it, and wakes the process's end if it was the
// last one.
func (o *owned) ThreadStopped() {
	p := o.p
	if p.threads.Add(-1) != 0 {
		return
	}
	p.mu.Lock()
	if p.idle != nil {
		close(p.idle)
		p.idle = nil
	}
	p.mu.Unlock()
}

// MainThreadMade records that package thread made a main thread for the
// process's goroutine, which owner.Leave must then drop.
func (o *owned) MainThreadMade() { o.p.hasMain.Store(true) }

// waitThreads waits until no non-daemon thread of p is alive (MP-27).
func (p *Process) waitThreads() {
	for p.threads.Load() != 0 {
		p.mu.Lock()
		if p.threads.Load() == 0 {
			p.mu.Unlock()
			return
		}
		if p.idle == nil {
			p.idle = make(chan struct{})
		}
		idle := p.idle
		p.mu.Unlock()
		<-idle
	}
}

// exitChildren is what a process does once its target has returned, as
// Python's does: it waits for its non-daemon threads (MP-27), then
// terminates its daemon children and waits for the others (see [Exit]).
func (p *Process) exitChildren() {
	p.waitThreads()
	for {
		var wait []*Process
		for _, c := range p.liveChildren() {
			if c.Daemon() {
				c.terminate(-15, ErrTerminated)
			} else {
				wait = append(wait, c)
			}
		}
		if len(wait) == 0 {
			return
		}
		for _, c := range wait {
			c.popen.wait()
		}
		p.waitThreads()
	}
}
