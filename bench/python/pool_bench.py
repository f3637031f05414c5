"""Workloads 2 and 3 (factorisation) on multiprocessing.Pool."""

import multiprocessing

from common import MAP_ITEMS, factor_inputs, factorize, rate, speedup, square


def main():
    xs = list(range(MAP_ITEMS))
    fxs = factor_inputs()
    want = [factorize(x) for x in fxs]
    with multiprocessing.Pool() as p:

        def pool_map():
            out = p.map(square, xs)
            assert len(out) == MAP_ITEMS

        rate("pool_map", MAP_ITEMS, "items", pool_map)

        def imap_unordered():
            assert sum(p.imap_unordered(square, xs, chunksize=1000)) > 0

        rate("imap_unordered_chunk1000", MAP_ITEMS, "items", imap_unordered)

        def serial():
            assert [factorize(x) for x in fxs] == want

        def parallel():
            assert p.map(factorize, fxs) == want

        speedup("factorize_speedup", serial, parallel)


if __name__ == "__main__":
    main()
