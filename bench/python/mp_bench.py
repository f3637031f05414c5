"""Workload 7 on multiprocessing: Pipe round trips, a Queue stream from a
child process to its parent, and Process start + join. Each run starts its
own child processes (the platform's default start method)."""

import multiprocessing

from common import MP_QUEUE_ITEMS, PIPE_TRIPS, PROCESSES, rate


def _echo(conn):
    while True:
        v = conn.recv()
        if v is None:
            return
        conn.send(v)


def pipe_round_trips():
    a, b = multiprocessing.Pipe()
    p = multiprocessing.Process(target=_echo, args=(b,))
    p.start()
    for i in range(PIPE_TRIPS):
        a.send(i)
        assert a.recv() == i
    a.send(None)
    p.join()


def _produce(q):
    for i in range(MP_QUEUE_ITEMS):
        q.put(i)


def queue_stream():
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=_produce, args=(q,))
    p.start()
    for i in range(MP_QUEUE_ITEMS):
        assert q.get() == i
    p.join()


def _noop():
    pass


def start_join():
    ps = [multiprocessing.Process(target=_noop) for _ in range(PROCESSES)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()


def main():
    rate("mp_pipe_round_trip", PIPE_TRIPS, "trips", pipe_round_trips)
    rate("mp_queue_stream", MP_QUEUE_ITEMS, "items", queue_stream)
    rate("mp_process_start_join", PROCESSES, "processes", start_join)


if __name__ == "__main__":
    main()
