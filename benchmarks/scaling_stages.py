"""Benchmark: the scaling paper's stages at the paper's vocabulary, one thread each, best of --repeats per side.

- Pair counting of Ĉ(n) at V = 8192 (lmtheory.scaling.correlations.sparse_joint: the lag-n pairs as sorted uint32
  keys μ·V + ν) against scipy's COO → CSR duplicate summing (the previous code), on i.i.d. Zipf tokens, N varied
  and each side's time fitted as N^a, with each side's peak memory (tracemalloc); the two joints must be equal.
  Beside them ‖Ĉ‖_op by ARPACK at the largest N.
- Count entropies (lmtheory.scaling.count_entropies.count_entropy_table: plug-in and held-out H_n, n ≤ 4) at the
  character level (V = 67), N varied.
- One ladder step (lmtheory.scaling.ladder.train_rung) of the default model (4 layers, d 128, T 64, B 32) in
  float32 on the CPU, and on CUDA with bf16 autocast when a GPU is present: seconds per step and tokens/s, from the
  difference of two runs (--steps and 2 × --steps) so the evaluation and set-up cancel.

    python benchmarks/scaling_stages.py [--tokens 1e6 4e6 1.6e7] [--repeats 3] [--steps 40]
"""

import os

os.environ.update({v: "1" for v in ("POLARS_MAX_THREADS", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")})

import argparse  # noqa: E402
import platform  # noqa: E402
import tracemalloc  # noqa: E402

import numpy as np  # noqa: E402
import scipy.sparse as sp  # noqa: E402
import torch  # noqa: E402
from timing import best_of  # noqa: E402

from lmtheory.scaling.correlations import LaggedCorrelation, lag_pairs, sparse_joint  # noqa: E402
from lmtheory.scaling.count_entropies import count_entropy_table  # noqa: E402
from lmtheory.scaling.ladder import held_out_windows, init_small, train_rung  # noqa: E402
from lmtheory.transformer import GPT, GPTConfig  # noqa: E402


def zipf(n: int, vocab: int, rng) -> np.ndarray:
    p = 1 / np.arange(1, vocab + 1)
    return rng.choice(vocab, size=n, p=p / p.sum()).astype(np.uint16)


def scipy_coo(a: np.ndarray, b: np.ndarray, vocab: int) -> sp.csr_matrix:
    """The previous pair counting: one COO entry per pair, summed into CSR."""
    return sp.coo_matrix((np.full(a.size, 1 / a.size), (a, b)), shape=(vocab, vocab)).tocsr()


def peak_mib(fn, *args) -> float:
    """Peak memory allocated (numpy arrays included) while fn(*args) runs, in MiB."""
    tracemalloc.start()
    fn(*args)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def growth(sizes, seconds) -> float:
    return float(np.polyfit(np.log(sizes), np.log(seconds), 1)[0])


def pair_counting(sizes, repeats: int, vocab: int = 8192) -> None:
    print(f"\nPair counting of Ĉ(1) at V = {vocab} (i.i.d. Zipf tokens), best of {repeats}:")
    print("| N | sorted uint32 keys (s) | scipy COO → CSR (s) | ratio | peak MiB, keys | peak MiB, scipy |")
    print("|---|---|---|---|---|---|")
    ours, theirs = [], []
    for n in sizes:
        a, b = lag_pairs(zipf(n, vocab, np.random.default_rng(0)), 1)
        mine, t_mine = best_of(repeats, sparse_joint, a, b, vocab)
        peer, t_peer = best_of(repeats, scipy_coo, a, b, vocab)
        assert abs(mine - peer).max() * a.size < 1e-6, "the two joints differ (in counts)"  # peer sums 1/N per pair
        ours.append(t_mine)
        theirs.append(t_peer)
        memory = f"{peak_mib(sparse_joint, a, b, vocab):.0f} | {peak_mib(scipy_coo, a, b, vocab):.0f}"
        print(f"| {n:,} | {t_mine:.3f} | {t_peer:.3f} | {t_peer / t_mine:.1f}× | {memory} |")
    print(f"growth: sorted keys N^{growth(sizes, ours):.2f}, scipy N^{growth(sizes, theirs):.2f}")
    correlation = LaggedCorrelation(a, b, vocab)
    _, t_svd = best_of(repeats, correlation.op_norm)
    print(f"‖Ĉ‖_op by ARPACK at N = {sizes[-1]:,}: {t_svd:.3f} s")


def count_entropies(sizes, repeats: int, vocab: int = 67) -> None:
    print(f"\nCount entropies (plug-in and held-out H_n, n ≤ 4) at V = {vocab}, 1:19 test:train, best of {repeats}:")
    print("| N | seconds | tokens/s |\n|---|---|---|")
    times = []
    for n in sizes:
        x = zipf(n, vocab, np.random.default_rng(1))
        _, seconds = best_of(repeats, count_entropy_table, x[: n * 19 // 20], x[n * 19 // 20 :], vocab, 4)
        times.append(seconds)
        print(f"| {n:,} | {seconds:.3f} | {n / seconds:.2e} |")
    print(f"growth: N^{growth(sizes, times):.2f}")


def ladder_step(steps: int, repeats: int, on: torch.device) -> None:
    rng = np.random.default_rng(2)
    train, test = zipf(2**18, 67, rng), held_out_windows([zipf(4096, 67, rng)], 64)[:32]
    hyper = {"batch": 32, "lr": 2e-3, "weight_decay": 0.1, "warmup": 10, "evals": 1}

    def run(n: int) -> None:
        torch.manual_seed(0)
        model = init_small(GPT(GPTConfig(vocab=67, context=64, n_layer=4, n_head=4, d_model=128, d_mlp=512))).to(on)
        train_rung(model, train, test, hyper | {"steps": n}, torch.Generator().manual_seed(0))
        if on.type == "cuda":
            torch.cuda.synchronize()

    _, short = best_of(repeats, run, steps)
    _, long = best_of(repeats, run, 2 * steps)
    per_step = (long - short) / steps
    label = "CUDA, bf16 autocast" if on.type == "cuda" else f"CPU, float32, {torch.get_num_threads()} thread(s)"
    rate = f"{per_step * 1e3:.1f} ms, {32 * 64 / per_step:.0f} tokens/s"
    print(f"\nOne ladder step (4 × 128, T 64, B 32; {label}): {rate}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=float, nargs="+", default=[1e6, 4e6, 1.6e7])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--steps", type=int, default=40)
    args = parser.parse_args()
    torch.set_num_threads(1)
    sizes = [int(n) for n in args.tokens]
    print(f"{platform.machine()}, {os.cpu_count()} cores, torch {torch.__version__}, numpy {np.__version__}")
    pair_counting(sizes, args.repeats)
    count_entropies(sizes, args.repeats)
    ladder_step(args.steps, args.repeats, torch.device("cpu"))
    if torch.cuda.is_available():
        ladder_step(args.steps, args.repeats, torch.device("cuda"))


if __name__ == "__main__":
    main()
