"""Workloads 1 and 3 (is_prime) on concurrent.futures."""

from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed

from common import PRIMES, TASKS, WORKERS, is_prime, rate, speedup, square


def submit_result():
    with ThreadPoolExecutor(max_workers=WORKERS) as ex:
        fs = [ex.submit(square, i) for i in range(TASKS)]
        for i, f in enumerate(fs):
            assert f.result() == i * i


def as_completed_all():
    with ThreadPoolExecutor(max_workers=WORKERS) as ex:
        fs = [ex.submit(square, i) for i in range(TASKS)]
        n = sum(1 for _ in as_completed(fs))
        assert n == TASKS


def main():
    rate("submit_result", TASKS, "tasks", submit_result)
    rate("as_completed", TASKS, "futures", as_completed_all)

    xs = list(range(TASKS))
    with ThreadPoolExecutor(max_workers=WORKERS) as ex:

        def executor_map():
            for i, v in enumerate(ex.map(square, xs)):
                assert v == i * i

        rate("executor_map", TASKS, "items", executor_map)

    def serial():
        assert [is_prime(n) for n in PRIMES] == [True] * 5 + [False]

    with ProcessPoolExecutor(max_workers=2) as ex:

        def parallel():
            assert list(ex.map(is_prime, PRIMES)) == [True] * 5 + [False]

        speedup("is_prime_speedup", serial, parallel)


if __name__ == "__main__":
    main()
