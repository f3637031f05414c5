"""Workload 4 on queue.Queue."""

import queue
import threading

from common import QUEUE_ITEMS, WORKERS, rate


def one_to_one(maxsize):
    def run():
        q = queue.Queue(maxsize)

        def produce():
            for i in range(QUEUE_ITEMS):
                q.put(i)

        t = threading.Thread(target=produce)
        t.start()
        for i in range(QUEUE_ITEMS):
            assert q.get() == i
        t.join()

    return run


def task_done():
    q = queue.Queue()

    def work():
        while True:
            item = q.get()
            q.task_done()
            if item is None:
                return

    ts = [threading.Thread(target=work) for _ in range(WORKERS)]
    for t in ts:
        t.start()
    for i in range(QUEUE_ITEMS):
        q.put(i)
    q.join()
    for _ in ts:
        q.put(None)
    for t in ts:
        t.join()


def main():
    rate("queue_1p1c_unbounded", QUEUE_ITEMS, "items", one_to_one(0))
    rate("queue_1p1c_maxsize100", QUEUE_ITEMS, "items", one_to_one(100))
    rate("queue_task_done", QUEUE_ITEMS, "items", task_done)


if __name__ == "__main__":
    main()
