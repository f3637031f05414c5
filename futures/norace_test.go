//go:build !race

package futures_test

// raceEnabled reports whether the race detector is on; stress tests shrink
// under it.
const raceEnabled = false
