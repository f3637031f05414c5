package mp

// ArrayBytes returns the bytes of a 'c' array up to its first zero byte,
// Python's Array('c', n).value (SV-13), under the lock.
//
// Python: multiprocessing.Array('c', ...).value.
func ArrayBytes[T ~uint8](a *Array[T]) []byte {
	defer a.acquire()()
	var b []byte
	for _, c := range a.raw.xs {
		if c == 0 {
			break
		}
		b = append(b, byte(c))
	}
	return b
}

// SetArrayBytes sets the first len(b) bytes of a 'c' array to b, and the
// next to zero if there is one, under the lock.
//
// SetArrayBytes panics with "mp: byte string too long (Python:
// ValueError)" if b is longer than a (SV-13).
//
// Python: assigning multiprocessing.Array('c', ...).value.
func SetArrayBytes[T ~uint8](a *Array[T], b []byte) {
	defer a.acquire()()
	xs := a.raw.xs
	if len(b) > len(xs) {
		panic("mp: byte string too long (Python: ValueError)")
	}
	for i, c := range b {
		xs[i] = T(c)
	}
	if len(b) < len(xs) {
		xs[len(b)] = 0
	}
}

// ArrayRaw returns a copy of every byte of a 'c' array, zeros included,
// under the lock.
//
// Python: multiprocessing.Array('c', ...).raw.
func ArrayRaw[T ~uint8](a *Array[T]) []byte {
	defer a.acquire()()
	b := make([]byte, len(a.raw.xs))
	for i, c := range a.raw.xs {
		b[i] = byte(c)
	}
	return b
}

// SetArrayRaw sets the first len(b) bytes of a 'c' array to b, under the
// lock, leaving the others.
//
// SetArrayRaw panics with "mp: byte string too long (Python: ValueError)"
// if b is longer than a.
//
// Python: assigning multiprocessing.Array('c', ...).raw.
func SetArrayRaw[T ~uint8](a *Array[T], b []byte) {
	defer a.acquire()()
	if len(b) > len(a.raw.xs) {
		panic("mp: byte string too long (Python: ValueError)")
	}
	for i, c := range b {
		a.raw.xs[i] = T(c)
	}
}
