"""Shared sizes, inputs and timing of the CPython side of pyconc's bench/.

Standard library only. Every script prints one line per result,

    name value unit spread=N%

where value is the median of RUNS timed runs after WARMUP untimed ones
(time.perf_counter), and spread the largest distance of a run from the
median, in percent of it. The sizes and inputs are those of
bench/workloads.go.
"""

import math
import statistics
import sys
import time

TASKS = 100_000
WORKERS = 4
MAP_ITEMS = 1_000_000
FACTOR_INTS = 64
QUEUE_ITEMS = 200_000
LOCK_OPS = 1_000_000
LOCK_INCS = 200_000
THREADS = 10_000
QUEUED_TASKS = 1_000_000
PIPE_TRIPS = 50_000
MP_QUEUE_ITEMS = 100_000
PROCESSES = 50

RUNS = 5
WARMUP = 1

PRIMES = [
    112272535095293,
    112582705942171,
    112272535095293,
    115280095190773,
    115797848077099,
    1099726899285419,
]


def square(x):
    return x * x


def is_prime(n):
    # The is_prime of the concurrent.futures documentation.
    if n < 2:
        return False
    if n == 2:
        return True
    if n % 2 == 0:
        return False
    sqrt_n = int(math.floor(math.sqrt(n)))
    for i in range(3, sqrt_n + 1, 2):
        if n % i == 0:
            return False
    return True


def factor_inputs():
    # FactorInputs of workloads.go: a 64-bit LCG with Knuth's MMIX constants.
    xs = []
    x = 2024
    for _ in range(FACTOR_INTS):
        x = (x * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        xs.append(40_000_000 + (x >> 33) % 40_000_001)
    return xs


def factorize(n):
    fs = []
    while n % 2 == 0:
        fs.append(2)
        n //= 2
    d = 3
    while d * d <= n:
        while n % d == 0:
            fs.append(d)
            n //= d
        d += 2
    if n > 1:
        fs.append(n)
    return fs


def emit(name, values, unit):
    """Print the median of values and their spread."""
    med = statistics.median(values)
    spread = max(abs(v - med) for v in values) / med * 100 if med else 0.0
    print(f"{name} {med:.6g} {unit} spread={spread:.1f}%", flush=True)


def times(fn, runs=RUNS, warmup=WARMUP):
    """Call fn warmup times untimed, then runs times; return the seconds."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def rate(name, n, unit, fn, **kw):
    """Emit n/seconds of fn as unit/s."""
    emit(name, [n / t for t in times(fn, **kw)], unit + "/s")


def per(name, n, unit, fn, **kw):
    """Emit the nanoseconds of fn per one of its n operations, as unit."""
    emit(name, [t * 1e9 / n for t in times(fn, **kw)], unit)


def speedup(name, serial, parallel, runs=RUNS, warmup=WARMUP):
    """Emit serial time over parallel time, both run in every repetition."""
    for _ in range(warmup):
        serial()
        parallel()
    xs = []
    for _ in range(runs):
        start = time.perf_counter()
        serial()
        ts = time.perf_counter() - start
        start = time.perf_counter()
        parallel()
        xs.append(ts / (time.perf_counter() - start))
    emit(name, xs, "x")


def rss_bytes():
    """The resident set size of this process, from /proc/self/status."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def log(*args):
    print(*args, file=sys.stderr, flush=True)
