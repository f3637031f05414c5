"""Workloads 5 and 6 on threading."""

import threading

from common import LOCK_INCS, LOCK_OPS, THREADS, per, rate


def uncontended():
    lock = threading.Lock()
    acquire, release = lock.acquire, lock.release
    for _ in range(LOCK_OPS):
        acquire()
        release()


def contended():
    lock = threading.Lock()
    n = [0]

    def inc():
        for _ in range(LOCK_INCS):
            with lock:
                n[0] += 1

    ts = [threading.Thread(target=inc) for _ in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert n[0] == 2 * LOCK_INCS


def start_join():
    def noop():
        pass

    ts = [threading.Thread(target=noop) for _ in range(THREADS)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


def main():
    per("lock_uncontended", LOCK_OPS, "ns/acquire", uncontended)
    per("lock_contended", 2 * LOCK_INCS, "ns/inc", contended)
    rate("thread_start_join", THREADS, "threads", start_join)


if __name__ == "__main__":
    main()
