"""Benchmark: the exact hitting-time solver (states/s) against Monte Carlo simulation of the same E τ, on the
metastable chains of the CoT paper (K clusters of M states, sparse edges of probability ε).

The solver gives E τ from every state at once (one dense or sparse linear solve); simulation estimates it from one
start with an SE that shrinks like 1/√chains, and its cost grows like E τ ∝ KM/ε.

BLAS is pinned to one thread before numpy loads, as the workflow's one-thread experiment_table jobs run.

    python benchmarks/hitting_time_solver.py [--eps 1e-2] [--chains 300]
"""

import os

os.environ.update({v: "1" for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")})

import argparse  # noqa: E402
import platform  # noqa: E402

import numpy as np  # noqa: E402
from timing import best_of  # noqa: E402

from lmtheory.cot.exact import mean_hitting_time  # noqa: E402
from lmtheory.cot.graphs import metastable_graph  # noqa: E402
from lmtheory.cot.simulate import hitting_times  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eps", type=float, default=1e-2)
    parser.add_argument("--chains", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, one thread, best of {args.repeats} for both sides, ε = {args.eps}")
    print("| K × M | states | exact E τ | solve | states/s | MC E τ ± SE | MC time | MC/solve time |")
    print("|---|---|---|---|---|---|---|---|")
    for K, M in ((5, 32), (5, 128), (8, 128), (16, 128)):
        g = metastable_graph(0, K=K, M=M, eps=args.eps)
        exact, solve = best_of(args.repeats, mean_hitting_time, g.P, g.x_in, g.x_out)
        rng = np.random.default_rng(2)
        sims, simulate = best_of(args.repeats, hitting_times, g.P, g.x_in, g.x_out, args.chains, rng, int(50 * exact))
        S = g.P.shape[0]
        mc, se = sims.mean(), sims.std(ddof=1) / np.sqrt(args.chains)
        print(
            f"| {K} × {M} | {S} | {exact:,.0f} | {solve * 1e3:.1f} ms | {S / solve:,.0f} | {mc:,.0f} ± {se:,.0f} "
            f"| {simulate:.1f} s | {simulate / solve:,.0f}× |"
        )


if __name__ == "__main__":
    main()
