"""Benchmark: coloring consistency checking (feasible-set DP) throughput in sequences/s, and reasoning sampling
throughput in leaves/s and trace tokens/s.

    python benchmarks/consistency_checking.py [--q 3] [--b 5] [--depth 6] [--sequences 2000]
"""

import argparse
import platform

import numpy as np
from timing import best_of

from lmtheory.tree.coloring import coloring_broadcast, consistency
from lmtheory.tree.reasoning import sample_traces, window_size
from lmtheory.tree.trees import ising_broadcast, sample_broadcast


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--q", type=int, default=3)
    parser.add_argument("--b", type=int, default=5)
    parser.add_argument("--depth", type=int, default=6)
    parser.add_argument("--sequences", type=int, default=2000)
    args = parser.parse_args()
    print(f"machine: {platform.processor() or platform.machine()}")
    tree = coloring_broadcast(args.q, args.b, args.depth)
    tokens = sample_broadcast(tree, args.sequences, np.random.default_rng(0))
    _, seconds = best_of(3, consistency, tokens, args.q, args.b)
    print(
        f"| consistency DP | q={args.q}, b={args.b}, d={args.depth}, n={tree.n} | {args.sequences} sequences | "
        f"{seconds:.2f} s | {args.sequences / seconds:,.0f} sequences/s | {tokens.size / seconds:,.0f} leaves/s |"
    )
    for name, process in (
        ("Ising b=2, θ=0.9, d=12", ising_broadcast(2, 0.9, 12)),
        (
            f"coloring q={args.q}, b={args.b}, d={min(args.depth, 5)}",
            coloring_broadcast(args.q, args.b, min(args.depth, 5)),
        ),
    ):
        runs = 500
        _, seconds = best_of(1, sample_traces, process, runs, np.random.default_rng(1))
        trace_tokens = runs * process.n * window_size(process)
        print(
            f"| reasoning sampler | {name}, window {window_size(process)} | {runs} runs | {seconds:.2f} s | "
            f"{runs * process.n / seconds:,.0f} leaves/s | {trace_tokens / seconds:,.0f} trace tokens/s |"
        )


if __name__ == "__main__":
    main()
