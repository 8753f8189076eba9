"""Benchmark: n-gram counting throughput (tokens/s) of lmtheory.ngrams against its peers, one thread each.

Corpus: true Ising broadcast sequences (b=2, θ=0.9, d=12, rows of n = 4096 tokens). For each k the (k+1)-gram
table (windows inside the rows) is counted by every side, best of --repeats each, and the tables must agree:
- lmtheory: keys by doubling, bincount per row block (lmtheory.ngrams.count_ngrams);
- polars: the windows as k+1 token columns, `group_by(columns).len()` (what a data-frame user writes);
- numba: a compiled single pass, a rolling base-q key and one increment per window into a dense table;
- Counter: `Counter.update(zip(*shifted rows))`, the fastest pure-Python idiom.
Threads are pinned to 1 (POLARS_MAX_THREADS, BLAS) as the workflow's count_ngrams jobs run. The corpus size N is
varied at k = 4 and the growth of each side's time fitted as N^a.

    python benchmarks/ngram_counting.py [--tokens 10000000] [--ks 1 2 4 8 16] [--repeats 3]
"""

import os

os.environ.update({v: "1" for v in ("POLARS_MAX_THREADS", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")})

import argparse  # noqa: E402
import platform  # noqa: E402
from collections import Counter  # noqa: E402

import numba  # noqa: E402
import numpy as np  # noqa: E402
import polars as pl  # noqa: E402
from timing import best_of  # noqa: E402

from lmtheory.ngrams import count_ngrams  # noqa: E402
from lmtheory.tree.trees import ising_broadcast, sample_broadcast  # noqa: E402


def counter_zip(tokens: np.ndarray, k: int) -> dict:
    counts = Counter()
    for row in tokens.tolist():
        counts.update(zip(*(row[i : len(row) - k + i] for i in range(k + 1)), strict=True))
    return counts


def polars_group_by(tokens: np.ndarray, k: int) -> pl.DataFrame:
    n = tokens.shape[1]
    columns = {f"w{i}": tokens[:, i : n - k + i].ravel() for i in range(k + 1)}
    return pl.DataFrame(columns).group_by(list(columns)).len()


@numba.njit(cache=True)
def _single_pass(tokens, k, q):  # pragma: no cover - compiled
    counts = np.zeros(q ** (k + 1), np.int64)
    top = q**k
    for r in range(tokens.shape[0]):
        key = 0
        for t in range(tokens.shape[1]):
            key = (key % top) * q + tokens[r, t]
            if t >= k:
                counts[key] += 1
    return counts


def numba_single_pass(tokens: np.ndarray, k: int) -> np.ndarray:
    counts = _single_pass(tokens, k, 2)
    return counts[counts > 0]


SIDES = {"lmtheory": lambda x, k: count_ngrams(x, k, 2), "polars": polars_group_by, "numba": numba_single_pass}


def sizes(result) -> tuple[int, int]:
    """(distinct (k+1)-grams, windows) of any side's result."""
    if isinstance(result, Counter):
        return len(result), sum(result.values())
    if isinstance(result, np.ndarray):
        return len(result), int(result.sum())
    count = result["count"] if "count" in result.columns else result["len"]
    return result.height, int(count.sum())


def rates(corpus: np.ndarray, k: int, repeats: int, counter: bool) -> dict[str, float]:
    """Seconds of each side (best of `repeats`), after checking that all tables agree."""
    sides = {**SIDES, **({"Counter": counter_zip} if counter else {})}
    seconds, shapes = {}, set()
    for name, fn in sides.items():
        result, seconds[name] = best_of(repeats, fn, corpus, k)
        shapes.add(sizes(result))
    assert len(shapes) == 1, f"k={k}: the sides disagree: {shapes}"
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=10**7)
    parser.add_argument("--ks", type=int, nargs="+", default=[1, 2, 4, 8, 16])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    tree = ising_broadcast(2, 0.9, 12)
    corpus = sample_broadcast(tree, -(-args.tokens // tree.n), np.random.default_rng(0))
    numba_single_pass(corpus[:1], 1)  # compile (or load) outside the timings
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores; one thread; best of {args.repeats}")
    print(f"corpus {corpus.size:,} tokens {corpus.shape}; tokens/s per side, and lmtheory's speed-up over it\n")
    print("| k | lmtheory | polars group_by | × | numba single pass | × | Counter(zip) | × |")
    print("|---|---|---|---|---|---|---|---|")
    for k in args.ks:
        s = rates(corpus, k, args.repeats, counter=True)
        cells = " | ".join(f"{corpus.size / s[name]:,.0f} | {s[name] / s['lmtheory']:.1f}×" for name in list(s)[1:])
        print(f"| {k} | {corpus.size / s['lmtheory']:,.0f} | {cells} |")
    growth = {name: [] for name in SIDES}
    tokens = [args.tokens // 10, args.tokens // 3, args.tokens]
    for N in tokens:
        for name, value in rates(corpus[: -(-N // tree.n)], 4, args.repeats, counter=False).items():
            growth[name].append(value)
    fits = ", ".join(f"{name} N^{np.polyfit(np.log(tokens), np.log(t), 1)[0]:.2f}" for name, t in growth.items())
    print(f"\ntime at k = 4 against N = {', '.join(f'{N:.0e}' for N in tokens)} tokens: {fits}")


if __name__ == "__main__":
    main()
