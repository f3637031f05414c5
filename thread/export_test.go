package thread

// Hooks into private state for the external tests (package thread_test).

// RLockRecursionCount is CPython's RLock._recursion_count: the recursion
// level if the calling goroutine holds r, else 0 (RL-05).
func RLockRecursionCount(r *RLock) int64 { return r.recursionCount() }

// RLockLock returns the Lock inside r.
func RLockLock(r *RLock) *Lock { return &r.lock }

// RLockIsOwned is CPython's RLock._is_owned (RL-07).
func RLockIsOwned(r *RLock) bool { return r.isOwned() }

// RLockReleaseSave is CPython's RLock._release_save.
func RLockReleaseSave(r *RLock) int64 { return r.releaseSave() }

// LockQuiet reports whether l is unlocked with no goroutine parked, woken
// or counted: the state a Lock must return to when its users are done.
func LockQuiet(l *Lock) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.state.Load() == 0 && l.waiters.Len() == 0
}

// LockParked returns how many goroutines are parked on l.
func LockParked(l *Lock) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.waiters.Len()
}

// ConditionWaiters returns how many goroutines wait on c.
func ConditionWaiters(c *Condition) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.waiters.Len()
}

// SemaphoreWaiters returns how many goroutines are blocked acquiring s.
func SemaphoreWaiters(s *Semaphore) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.waiters.Len()
}

// EventQuiet reports whether e keeps no wake-up channel: no goroutine
// waits on it.
func EventQuiet(e *Event) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.ch == nil && e.n == 0
}

// LockWakePending puts a free l, with no goroutine parked, in the state a
// Release leaves when it has woken a parked goroutine that has not run
// yet: unlocked, with the woken bit set. Only a test that owns l may call
// it, and l is no use for other tests afterwards.
func LockWakePending(l *Lock) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.state.Load() != 0 || l.waiters.Len() != 0 {
		panic("LockWakePending: the lock is not free and quiet")
	}
	l.state.Store(lockWoken)
}
