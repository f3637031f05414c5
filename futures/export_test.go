package futures

// Hooks into private state for the external tests (package futures_test).

// MaxWorkersOf returns how many workers ex runs at most: Python's
// executor._max_workers (TP-01, PP-01).
func MaxWorkersOf(ex Executor) int { return ex.base().workers }

// WorkersStarted returns how many workers ex has started so far: Python's
// len(executor._threads) (TP-02, TP-03).
func WorkersStarted(ex Executor) int { return ex.base().eng.Started() }
