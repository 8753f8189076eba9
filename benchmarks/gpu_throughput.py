"""Benchmark: training throughput of the paper tiers' models on one GPU (or, with --tiny, the same code on the CPU).

- One scaling-paper rung step of GPT-2 small (12 × 768, V = 8192, T = 128, B = 64; config/paper.yaml) through
  lmtheory.scaling.ladder.train_rung as the workflow runs it (bf16 autocast with TF32 matmuls on CUDA, no host sync
  per step), eager and with `torch.compile`: seconds per step from the difference of a run of --steps and one of
  2 × --steps (set-up, evaluation and compilation cancel), tokens/s, and the model FLOPs utilisation
      MFU = (6 N + 12 L d T) · tokens/s / peak,
  N the parameters outside the input embeddings (the output head is a matmul: counted), L layers of width d
  (PaLM's count: matmuls of the forward and backward passes, attention included), peak the card's dense bf16 rate
  (--peak-tflops; 989 for an H100 or H200 SXM).
- The tree paper tier's context-k training step (config/paper.yaml: 4 layers × 256, 8 heads, k = 256, 256 windows a
  step, on random binary sequences) through lmtheory.transformer.train (float32, one host sync per step for the loss
  curve): tokens/s of the model's step alone (the workflow also draws its windows, on the CPU).

Imports only torch, numpy and the torch parts of lmtheory, so it runs on a bare GPU machine:

    PYTHONPATH=workflow python3 benchmarks/gpu_throughput.py --out results/gpu_throughput.json
    PYTHONPATH=workflow python benchmarks/gpu_throughput.py --tiny        # the same code, small, on the CPU

The measured tokens/s of the eager rung is what GPU_TOKENS_PER_S in rules/common.smk stands for.
"""

import argparse
import json
import platform
import time

import numpy as np
import torch

from lmtheory.scaling.ladder import held_out_windows, init_small, train_rung
from lmtheory.transformer import GPT, GPTConfig, random_windows, train

SIZES = {  # (scaling rung: layers, width, vocab, T, batch), (tree tier: layers, width, heads, k, batch)
    "paper": ((12, 768, 8192, 128, 64), (4, 256, 8, 256, 256)),
    "tiny": ((2, 64, 256, 32, 8), (2, 64, 4, 32, 16)),
}


def synchronise(on: torch.device) -> None:
    if on.type == "cuda":
        torch.cuda.synchronize()


def seconds_per_step(run, steps: int, on: torch.device) -> float:
    """(time of run(2·steps) − time of run(steps)) / steps, both after a warm-up call of run(steps) (which compiles)."""
    run(steps)
    times = []
    for n in (steps, 2 * steps):
        synchronise(on)
        start = time.perf_counter()
        run(n)
        synchronise(on)
        times.append(time.perf_counter() - start)
    if times[1] <= times[0]:
        raise SystemExit(f"{steps} more steps took no time ({times[1]:.3f} s vs {times[0]:.3f} s): raise --steps")
    return (times[1] - times[0]) / steps


def rung_step(size, steps: int, on: torch.device, compile_: bool) -> dict:
    layers, width, vocab, T, batch = size
    rng = np.random.default_rng(0)
    train_tokens = rng.integers(0, vocab, 2**20)
    test = held_out_windows([rng.integers(0, vocab, 64 * (T + 1))], T)
    cfg = GPTConfig(vocab=vocab, context=T, n_layer=layers, n_head=max(1, width // 64), d_model=width, d_mlp=4 * width)
    hyper = {"batch": batch, "lr": 6e-4, "weight_decay": 0.1, "warmup": 1, "evals": 1, "compile": compile_}

    torch.manual_seed(0)
    model = init_small(GPT(cfg)).to(on)  # one model for every call: compiled once, by the warm-up call

    def run(n: int) -> None:
        train_rung(model, train_tokens, test, hyper | {"steps": n}, torch.Generator().manual_seed(0))

    per_step = seconds_per_step(run, steps, on)
    embeddings = sum(p.numel() for name, p in model.named_parameters() if name.startswith(("token", "relative")))
    non_embedding = sum(p.numel() for p in model.parameters()) - embeddings
    tokens_per_s = batch * T / per_step
    return {
        "model": f"{layers} x {width}, V {vocab}, T {T}, B {batch}",
        "compile": compile_,
        "seconds_per_step": per_step,
        "tokens_per_s": tokens_per_s,
        "flops_per_token": 6 * non_embedding + 12 * layers * width * T,
    }


def tree_step(size, steps: int, on: torch.device) -> dict:
    layers, width, heads, k, batch = size
    vocab, n = 2, 4 * k
    sequences = torch.randint(0, vocab, (512, n), generator=torch.Generator().manual_seed(0))
    digits = int(np.log2(n))  # the position-aware features of the paper tier: the target's binary position
    cfg = GPTConfig(vocab, k, n_layer=layers, n_head=heads, d_model=width, d_mlp=4 * width, digits=digits)

    torch.manual_seed(0)
    model = GPT(cfg).to(on)

    def run(count: int) -> None:
        generator = torch.Generator().manual_seed(1)

        def next_batch(step):
            return tuple(t.to(on) for t in random_windows(sequences, k, batch, generator))

        train(model, next_batch, count, lr=1e-3, weight_decay=0.01)

    per_step = seconds_per_step(run, steps, on)
    return {
        "model": f"{layers} x {width}, k {k}, B {batch}",
        "seconds_per_step": per_step,
        "tokens_per_s": batch * k / per_step,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--peak-tflops", type=float, default=989.0, help="the card's dense bf16 peak (TFLOP/s)")
    parser.add_argument("--tiny", action="store_true", help="small models (a check of the script on the CPU)")
    parser.add_argument("--no-compile", action="store_true", help="skip the torch.compile rung")
    parser.add_argument("--out", help="write the results as JSON here")
    args = parser.parse_args()
    on = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    name = torch.cuda.get_device_name(on) if on.type == "cuda" else f"CPU ({torch.get_num_threads()} threads)"
    rung_size, tree_size = SIZES["tiny" if args.tiny else "paper"]
    rungs = [rung_step(rung_size, args.steps, on, False)]
    if not args.no_compile:
        rungs.append(rung_step(rung_size, args.steps, on, True))
    for rung in rungs:
        rung["mfu"] = rung["flops_per_token"] * rung["tokens_per_s"] / (args.peak_tflops * 1e12)
    tree = tree_step(tree_size, args.steps, on)
    result = {
        "device": name,
        "torch": torch.__version__,
        "python": platform.python_version(),
        "rungs": rungs,
        "tree": tree,
    }
    print(
        f"{name}, torch {torch.__version__}; steps {args.steps} and {2 * args.steps}, peak {args.peak_tflops} TFLOP/s"
    )
    print("| model | compile | ms/step | tokens/s | MFU |\n|---|---|---|---|---|")
    for r in [*rungs, {**tree, "model": f"tree tier {tree['model']}", "compile": False, "mfu": None}]:
        mfu = "" if r["mfu"] is None else f"{r['mfu']:.1%}"
        print(
            f"| {r['model']} | {r['compile']} | {r['seconds_per_step'] * 1e3:.1f} | {r['tokens_per_s']:.0f} | {mfu} |"
        )
    if args.out:
        with open(args.out, "w") as f:
            json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
