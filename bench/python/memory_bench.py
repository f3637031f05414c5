"""Workload 8: QUEUED_TASKS tasks queued at once in a ThreadPoolExecutor
and in a multiprocessing.Pool, every task waiting for a gate. Reports the
growth of the resident set per queued task (CPython has no Go heap to read;
RSS after gc.collect() is the nearest) and the threads added, against the
Go rows' heap per task and goroutines. Memory needs no warm-up; each run
is a fresh pool, and the collector is off while the tasks are queued
(it changes the time taken, not what is left after gc.collect()). Each
run takes tens of seconds, so this script makes MEMORY_RUNS runs, not
RUNS."""

import gc
import multiprocessing
import threading
from concurrent.futures import ThreadPoolExecutor

from common import QUEUED_TASKS, WORKERS, emit, rss_bytes

MEMORY_RUNS = 3

_gate = None


def _init(gate):
    global _gate
    _gate = gate


def _wait_task(i):
    _gate.wait()
    return i


def executor_run():
    gc.collect()
    r0, t0 = rss_bytes(), threading.active_count()
    gate = threading.Event()

    def task(i):
        gate.wait()
        return i

    ex = ThreadPoolExecutor(max_workers=WORKERS)
    gc.disable()
    fs = [ex.submit(task, i) for i in range(QUEUED_TASKS)]
    gc.enable()
    gc.collect()
    r1, t1 = rss_bytes(), threading.active_count()
    gate.set()
    ex.shutdown(cancel_futures=True)
    del fs
    return (r1 - r0) / QUEUED_TASKS, t1 - t0


def pool_run():
    gc.collect()
    r0, t0 = rss_bytes(), threading.active_count()
    gate = multiprocessing.Event()
    p = multiprocessing.Pool(WORKERS, initializer=_init, initargs=(gate,))
    gc.disable()
    rs = [p.apply_async(_wait_task, (i,)) for i in range(QUEUED_TASKS)]
    gc.enable()
    gc.collect()
    r1, t1 = rss_bytes(), threading.active_count()
    gate.set()
    p.terminate()
    p.join()
    del rs
    return (r1 - r0) / QUEUED_TASKS, t1 - t0


def main():
    for name, run in (("queued_executor", executor_run), ("queued_pool", pool_run)):
        results = [run() for _ in range(MEMORY_RUNS)]
        emit(name + "_heap", [r[0] for r in results], "heapB/task")
        emit(name + "_goroutines", [r[1] for r in results], "goroutines")


if __name__ == "__main__":
    main()
