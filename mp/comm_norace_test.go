//go:build !race

package mp_test

// commRace reports whether the race detector is on; stress tests shrink
// under it.
const commRace = false
