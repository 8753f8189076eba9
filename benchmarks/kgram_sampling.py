"""Benchmark: the exact k-gram sampler (compiled kernel) against the numpy recursion it replaced, in ns per token.

Both samplers run the same recursion and draw the same tokens from the same seed (tests/tree/test_exact_kgram.py);
the numpy one is kept as the tests' reference in tests/tree/reference_exact_kgram.py. One thread for both (BLAS
pinned before numpy loads, as the workflow's one-thread sample_exact jobs), best of --repeats for each, sizes varied
one at a time around B = 8000, b = 2, θ = 0.9: the batch B, the length n = 2^d and the context k. The growth of the
time with B and n is fitted as a power law, with k as ns per doubling of k (the recursion climbs log_b k levels).

    python benchmarks/kgram_sampling.py [--repeats 3] [--reference-max-tokens 4e6]
"""

import os

os.environ.update({v: "1" for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")})

import argparse  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
from timing import best_of  # noqa: E402

from lmtheory.tree.exact_kgram import ExactKGram  # noqa: E402
from lmtheory.tree.trees import ising_broadcast  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "tree"))
from reference_exact_kgram import NumpyExactKGram  # noqa: E402

SIZES = {  # (d, k, B): one size varied at a time
    "B": [(8, 16, B) for B in (1000, 2000, 4000, 8000, 16000)],
    "n": [(d, 16, 8000) for d in (6, 8, 10, 12)],
    "k": [(10, k, 8000) for k in (2, 4, 16, 64, 256, 1024)],
}


def ns_per_token(cls, d, k, B, repeats):
    tree = ising_broadcast(2, 0.9, d)
    _, seconds = best_of(repeats, lambda: cls(tree, k).sample(B, np.random.default_rng(k)))
    return 1e9 * seconds / (B * tree.n)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--reference-max-tokens", type=float, default=4e6, help="skip the numpy side above this B·n")
    args = parser.parse_args()
    start = time.perf_counter()
    ExactKGram(ising_broadcast(2, 0.9, 2), 2).sample(1, np.random.default_rng(0))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores; one thread; best of {args.repeats}")
    print(f"first call (numba compile, or load from its on-disk cache): {time.perf_counter() - start:.2f} s\n")
    print("| varied | d | n | k | B | kernel ns/token | numpy ns/token | speed-up |")
    print("|---|---|---|---|---|---|---|---|")
    fits = {}
    for varied, sizes in SIZES.items():
        xs, ys = [], []
        for d, k, B in sizes:
            ours = ns_per_token(ExactKGram, d, k, B, args.repeats)
            small = B * 2**d <= args.reference_max_tokens
            ref = ns_per_token(NumpyExactKGram, d, k, B, args.repeats) if small else None
            ref_text = f"{ref:.0f} | {ref / ours:.1f}×" if ref else "— | —"
            print(f"| {varied} | {d} | {2**d} | {k} | {B} | {ours:.1f} | {ref_text} |")
            xs.append({"B": B, "n": 2**d, "k": k}[varied])
            ys.append(ours * B * 2**d)  # seconds ∝ this
        if varied == "k":
            fits[varied] = np.polyfit(np.log2(xs), np.array(ys) / (8000 * 2**10), 1)[0]
        else:
            fits[varied] = np.polyfit(np.log(xs), np.log(ys), 1)[0]
    print(
        f"\nkernel time ∝ B^{fits['B']:.2f} · n^{fits['n']:.2f}; +{fits['k']:.1f} ns per token for each doubling of k"
    )


if __name__ == "__main__":
    main()
