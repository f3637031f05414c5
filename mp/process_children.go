package mp

import "sync"

// A childSet is the started, not yet ended children of a process, split
// into shards so that processes starting and ending on different cores
// rarely meet on one lock.
type childSet struct {
	shards [childShards]struct {
		mu sync.Mutex
		m  map[*Process]struct{}
		_  [48]byte // one cache line each
	}
}

const childShards = 16

func (s *childSet) shard(c *Process) int { return int(uint64(c.count) % childShards) }

func (p *Process) children() *childSet {
	if k := p.kids.Load(); k != nil {
		return k
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if k := p.kids.Load(); k != nil {
		return k
	}
	k := new(childSet)
	for i := range k.shards {
		k.shards[i].m = make(map[*Process]struct{})
	}
	p.kids.Store(k)
	return k
}

func (p *Process) addChild(c *Process) {
	k := p.children()
	sh := &k.shards[k.shard(c)]
	sh.mu.Lock()
	sh.m[c] = struct{}{}
	sh.mu.Unlock()
}

func (p *Process) removeChild(c *Process) {
	k := p.kids.Load()
	sh := &k.shards[k.shard(c)]
	sh.mu.Lock()
	delete(sh.m, c)
	sh.mu.Unlock()
}

// liveChildren returns p's started children that have not finished
// ending (one may have its exit code already), in the order they were
// created.
func (p *Process) liveChildren() []*Process {
	k := p.kids.Load()
	if k == nil {
		return nil
	}
	var cs []*Process
	for i := range k.shards {
		sh := &k.shards[i]
		sh.mu.Lock()
		for c := range sh.m {
			cs = append(cs, c)
		}
		sh.mu.Unlock()
	}
	sortByCount(cs)
	return cs
}
