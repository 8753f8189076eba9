"""Benchmark: n-gram counting throughput (tokens/s) of lmtheory.ngrams against a plain collections.Counter.

Corpus: true Ising broadcast sequences (b=2, θ=0.9, d=12), 10^7 binary tokens. For each k the (k+1)-gram table is
counted by lmtheory (best of 3) and by two Counter baselines (one run each) on the same corpus; results must agree.

    python benchmarks/ngram_counting.py [--tokens 10000000] [--ks 1 2 4 8 16]
"""

import argparse
import platform
from collections import Counter

import numpy as np
from timing import best_of

from lmtheory.ngrams import count_ngrams
from lmtheory.tree.trees import ising_broadcast, sample_broadcast


def counter_slices(tokens: np.ndarray, k: int) -> Counter:
    """The plain baseline: a Counter over the (k+1)-tuple of every window, row by row."""
    counts = Counter()
    for row in tokens.tolist():
        counts.update(tuple(row[t - k : t + 1]) for t in range(k, len(row)))
    return counts


def counter_zip(tokens: np.ndarray, k: int) -> Counter:
    """A faster pure-Python idiom: Counter.update over zipped shifted rows (tuples built in C)."""
    counts = Counter()
    for row in tokens.tolist():
        counts.update(zip(*(row[i : len(row) - k + i] for i in range(k + 1)), strict=True))
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=10**7)
    parser.add_argument("--ks", type=int, nargs="+", default=[1, 2, 4, 8, 16])
    args = parser.parse_args()
    tree = ising_broadcast(2, 0.9, 12)
    corpus = sample_broadcast(tree, -(-args.tokens // tree.n), np.random.default_rng(0))
    print(f"machine: {platform.processor() or platform.machine()}, corpus {corpus.size:,} tokens ({corpus.shape})")
    print("| k | lmtheory tokens/s | Counter (slices) tokens/s | speed-up | Counter (zip) tokens/s | speed-up |")
    print("|---|---|---|---|---|---|")
    for k in args.ks:
        table, ours = best_of(3, count_ngrams, corpus, k, 2)
        reference, slices = best_of(1, counter_slices, corpus, k)
        _, zipped = best_of(1, counter_zip, corpus, k)
        assert table.height == len(reference) and int(table["count"].sum()) == sum(reference.values())
        rate = corpus.size / ours
        print(
            f"| {k} | {rate:,.0f} | {corpus.size / slices:,.0f} | {slices / ours:.0f}× "
            f"| {corpus.size / zipped:,.0f} | {zipped / ours:.0f}× |"
        )


if __name__ == "__main__":
    main()
