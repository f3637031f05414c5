package pool

// defaultChunkSize is Python's chunk size for a map of n items over a pool
// of workers: divmod(n, 4*workers), rounded up.
func defaultChunkSize(n, workers int) int {
	cs, extra := n/(4*workers), n%(4*workers)
	if extra != 0 {
		cs++
	}
	return cs
}

// numChunks is how many chunks of cs items hold n items.
func numChunks(n, cs int) int { return (n + cs - 1) / cs }
