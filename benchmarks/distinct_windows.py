"""Benchmark: sampling from the trained tree transformers with one forward pass per distinct window (what the jobs
run, lmtheory.transformer.next_token_logits) against one per row (the sampler before 1f6142a), on a finished run.

Every row's target sits at the same position t, so a row's next-token logits are a function of its window alone;
sampling B = 1000 sequences, the distinct windows are far fewer than the rows where the language repeats itself
(Ising traces, short contexts). For each trained model of the run (training seed 1 of each context k, and each trace
model), both sides continue the same prompts (the first k tokens of the run's true sequences or traces) with the same
generator for --positions positions (0: to the full length, the job's whole work), on one thread and with the heap
setting of the jobs (lmtheory.runtime.keep_freed_memory), interleaved (the side that runs first alternates), best of
--repeats; the sampled tokens must be equal on both sides.

    python benchmarks/distinct_windows.py [--results results] [--positions 0] [--repeats 2]
"""

import argparse
import platform
import re
import time
from pathlib import Path

import torch

from lmtheory import transformer
from lmtheory.io import read_tokens
from lmtheory.runtime import keep_freed_memory
from lmtheory.transformer import last_window, load_model, sample

DISTINCT = transformer.next_token_logits


@torch.no_grad()
def every_row(model, history: torch.Tensor, t: int, last_only: bool = False) -> torch.Tensor:
    """The sampler's logits before 1f6142a: the model on every row's window."""
    return model(*last_window(model, history, t), 1 if last_only else None)[:, -1]


def cases(results: Path) -> dict:
    """name → (model, true sequences whose first k tokens prompt it): seed 1 of each context-k model, each trace
    model."""
    found = {}
    for weights in sorted(results.glob("tree/models/*/d*/*.pt")):
        setting, depth = weights.parts[-3], weights.parts[-2]
        model = load_model(str(weights), str(weights.with_suffix(".json")))
        if context := re.fullmatch(r"transformer_k(\d+)_s1", weights.stem):
            true = read_tokens(results / "tree" / "corpora" / setting / f"{depth}.parquet")
            found[f"{setting} {depth} k={context[1]}"] = (model, true)
        elif weights.stem == "reasoning_transformer":
            true = read_tokens(results / "tree" / "reasoning" / setting / depth / "traces.parquet")
            found[f"{setting} {depth} trace W={model.cfg.context}"] = (model, true)
    return found


def timed(model, true, positions: int, logits) -> tuple[float, torch.Tensor, float]:
    """Seconds per generated position, the tokens, and the mean count of distinct windows per position."""
    k = model.cfg.context
    prompts = torch.as_tensor(true[:1000, :k].astype("int64"))
    length = true.shape[1] if positions == 0 else min(true.shape[1], k + positions)
    transformer.next_token_logits = logits
    try:
        start = time.perf_counter()
        out = sample(model, prompts, length, torch.Generator().manual_seed(0), last_only=True)
        seconds = (time.perf_counter() - start) / (length - k)
    finally:
        transformer.next_token_logits = DISTINCT
    distinct = [len(torch.unique(out[:, max(0, t - k) : t], dim=0)) for t in range(k, length)]
    return seconds, out, sum(distinct) / len(distinct)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=Path, default=Path("results"))
    parser.add_argument("--positions", type=int, default=0)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    keep_freed_memory()  # glibc's heap setting of the jobs: without it the side that runs first pays page faults
    torch.set_num_threads(1)
    print(f"{platform.machine()}, torch {torch.__version__}; B = 1000, one thread, best of {args.repeats}")
    print(
        "| model | distinct windows per position (of 1000) | every row (ms/position) | distinct (ms/position) |"
        " speed-up |"
    )
    print("|---|---|---|---|---|")
    for name, (model, true) in cases(args.results).items():
        best = {every_row: float("inf"), DISTINCT: float("inf")}
        tokens = {}
        for repeat in range(args.repeats):
            for side in list(best)[:: 1 if repeat % 2 == 0 else -1]:  # alternate which side runs first (and cold)
                seconds, tokens[side], distinct = timed(model, true, args.positions, side)
                best[side] = min(best[side], seconds)
        if not torch.equal(tokens[every_row], tokens[DISTINCT]):
            raise SystemExit(f"{name}: the two sides sampled different tokens")
        slow, fast = 1e3 * best[every_row], 1e3 * best[DISTINCT]
        print(f"| {name} | {distinct:.0f} | {slow:.1f} | {fast:.1f} | {slow / fast:.1f}× |", flush=True)


if __name__ == "__main__":
    main()
