"""Benchmark: exact PA k-gram sampling throughput (generated tokens/s) against the context length k.

The BP sampler caches the messages of complete subtrees, so one step costs O(b log_b k) vector operations on the
batch: the time per token should grow like log k, not like k.

    python benchmarks/kgram_sampling.py [--depth 12] [--batch 1000] [--ks 4 16 64 256 1024 4096]
"""

import argparse
import platform
import time

import numpy as np

from lmtheory.tree.exact_kgram import ExactKGram
from lmtheory.tree.trees import ising_broadcast


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--depth", type=int, default=12)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--ks", type=int, nargs="+", default=[4, 16, 64, 256, 1024, 4096])
    args = parser.parse_args()
    tree = ising_broadcast(2, 0.9, args.depth)
    tokens = args.batch * tree.n
    print(f"machine: {platform.processor() or platform.machine()}, b=2, d={args.depth}, n={tree.n}, B={args.batch}")
    print("| k | log₂ k | seconds | tokens/s | µs per token step (whole batch) |")
    print("|---|---|---|---|---|")
    for k in args.ks:
        start = time.perf_counter()
        ExactKGram(tree, k).sample(args.batch, np.random.default_rng(k))
        seconds = time.perf_counter() - start
        print(f"| {k} | {np.log2(k):.0f} | {seconds:.2f} | {tokens / seconds:,.0f} | {1e6 * seconds / tree.n:.0f} |")


if __name__ == "__main__":
    main()
