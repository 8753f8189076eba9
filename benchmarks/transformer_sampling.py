"""Benchmark: context-k sampling (ms per generated position) with glibc's default malloc against the jobs' heap
setting (lmtheory.runtime.keep_freed_memory), at the workflow's sizes.

Each measurement is a fresh process (mallopt is process-wide): the tree paper's default GPT (2 layers, d_model 64,
4 heads, MLP 256, position digits) samples B = 1000 sequences, one forward pass of the last k tokens per position,
on one thread as the workflow's jobs run. Cases: context-k models at k = 2…32 (binary tokens, 8 digits: Ising
d = 8) and the d = 8 trace model (window 10, 36 packed tokens). Sides interleaved, best of --repeats each; the
sampled tokens are checked equal on both sides (the allocator changes no number).

    python benchmarks/transformer_sampling.py [--positions 40] [--repeats 3]
"""

import argparse
import json
import platform
import subprocess
import sys
import time

CASES = {  # name: GPTConfig keyword arguments
    "k=2": {"vocab": 2, "context": 2, "digits": 8, "base": 2},
    "k=8": {"vocab": 2, "context": 8, "digits": 8, "base": 2},
    "k=32": {"vocab": 2, "context": 32, "digits": 8, "base": 2},
    "trace d=8 (W=10)": {"vocab": 36, "context": 10, "digits": 8, "base": 2, "period": 9, "packed": True},
}


def one(case: str, heap: bool, positions: int) -> dict:
    """In this process: ms per generated position over `positions` positions, and a checksum of the tokens."""
    if heap:
        from lmtheory.runtime import keep_freed_memory

        keep_freed_memory()
    import torch

    from lmtheory.transformer import GPT, GPTConfig, sample

    torch.set_num_threads(1)
    torch.manual_seed(0)
    model = GPT(GPTConfig(**CASES[case]))
    k = model.cfg.context
    prompts = torch.randint(0, model.cfg.vocab, (1000, k), generator=torch.Generator().manual_seed(1))
    sample(model, prompts, k + 2, torch.Generator().manual_seed(2), last_only=True)  # warm-up
    start = time.perf_counter()
    out = sample(model, prompts, k + positions, torch.Generator().manual_seed(2), last_only=True)
    return {"ms": (time.perf_counter() - start) / positions * 1e3, "checksum": int(out.sum())}


def measure(case: str, heap: bool, positions: int) -> dict:
    """one() in a fresh Python process."""
    command = [sys.executable, __file__, "--one", case, "--positions", str(positions)] + (["--heap"] if heap else [])
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--positions", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--one", choices=CASES)
    parser.add_argument("--heap", action="store_true")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.heap, args.positions)))
        return
    print(f"{platform.machine()}, {platform.python_version()}; B = 1000, one thread, best of {args.repeats}")
    print("| model | default malloc (ms/position) | heap setting (ms/position) | speed-up |")
    print("|---|---|---|---|")
    for case in CASES:
        runs = {False: [], True: []}
        for _ in range(args.repeats):
            for heap in (False, True):
                runs[heap].append(measure(case, heap, args.positions))
        if len({r["checksum"] for side in runs.values() for r in side}) != 1:
            raise SystemExit(f"{case}: the two allocators sampled different tokens")
        default, heap = (min(r["ms"] for r in runs[side]) for side in (False, True))
        print(f"| {case} | {default:.1f} | {heap:.1f} | {default / heap:.2f}× |")


if __name__ == "__main__":
    main()
