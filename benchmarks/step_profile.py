"""Benchmark: where a training step of each default model spends its CPU time; what bf16 or torch.compile buys.

The default run's time is mostly training steps of four small GPTs (config/config.yaml): the tree paper's context-k
model (k = 16, batch 128; the coloring runs' shape) and trace model (d = 8, W = 10, batch 256, the last block on the
loss slots), the scaling ladder's rung model (T 64, batch 32, V = 67) and C8's n-gram leg (T 16, batch 64,
V = 8192). For each, on one thread as the jobs run, on random tokens (a step's cost does not depend on them):

- ms per AdamW step in float32 (what the workflow runs), under CPU bf16 autocast, and with the model (its forward
  and backward; the loss and AdamW stay eager, as in the ladder's `compile: true`) through torch.compile (inductor's
  fused C++ kernels, float32), best of --repeats each, interleaved; the first compiled step, on an empty inductor
  cache (a fresh machine's cost, once per model shape), is reported apart;
- a torch.profiler breakdown of the float32 step's self CPU time: matrix products (mm, addmm, bmm, with their
  achieved GFLOP/s from the profiler's FLOP counts), attention, softmax and cross-entropy, GELU, and the rest
  (element-wise ops, normalisations, the optimiser).

    python benchmarks/step_profile.py [--steps 20] [--repeats 3]
"""

import argparse
import os
import platform
import tempfile
import time
from pathlib import Path

import numpy as np
import torch
import yaml
from torch.nn import functional as F
from torch.profiler import ProfilerActivity, profile

from lmtheory.transformer import GPT, GPTConfig
from lmtheory.tree.coloring import coloring_broadcast
from lmtheory.tree.transformer_data import trace_loss_slots, trace_model_config
from lmtheory.tree.trees import ising_broadcast

CONFIG = yaml.safe_load((Path(__file__).resolve().parents[1] / "config" / "config.yaml").read_text())
GROUPS = {  # profiler keys by substring; everything else (element-wise ops, norms, the optimiser) is "rest"
    "matmul": ("aten::mm", "aten::addmm", "aten::bmm"),
    "attention": ("flash_attention", "scaled_dot_product"),
    "softmax and CE": ("softmax", "nll_loss", "cross_entropy"),
    "GELU": ("gelu",),
}


def models() -> dict:
    """name → (GPTConfig, batch, window length, last), the default config's shapes built as the training jobs build
    them."""
    tree, scaling = CONFIG["tree"]["transformer"], CONFIG["scaling"]
    ladder, leg = scaling["ladder"], scaling["ngram_leg"]
    coloring, ising = coloring_broadcast(3, 5, 3), ising_broadcast(2, 0.9, 8)
    trace = trace_model_config(ising, tree["reasoning"]["margin"], tree["model"])
    context_k = GPTConfig(vocab=coloring.q, context=16, digits=coloring.d, base=coloring.b, **tree["model"])
    return {
        "context-k (k=16)": (context_k, tree["batch"], 16, None),
        "trace (d=8)": (trace, tree["reasoning"]["batch"], trace.context, trace_loss_slots(ising, trace.context)),
        "ladder rung": (
            GPTConfig(vocab=67, context=ladder["T"], **scaling["model"]),
            ladder["batch"],
            ladder["T"],
            None,
        ),
        "n-gram leg": (GPTConfig(vocab=8192, context=leg["T"], **leg["model"]), leg["batch"], leg["T"], None),
    }


MODES = ("fp32", "bf16", "compiled")


def stepper(cfg: GPTConfig, batch: int, length: int, last, mode: str):
    """A function running one AdamW step of a fresh model on fixed random windows, in one of MODES."""
    torch.manual_seed(0)
    model = GPT(cfg)
    forward = torch.compile(model) if mode == "compiled" else model
    optimiser = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.1)
    g = torch.Generator().manual_seed(1)
    tokens = torch.randint(0, cfg.vocab, (batch, length + 1), generator=g)
    at = torch.arange(1, length + 1).expand(batch, -1)
    inputs, targets = tokens[:, :-1], tokens[:, 1:]
    if cfg.packed:  # a packed target: a value at the phase and digit its position fixes
        targets = targets % (cfg.vocab // (cfg.period * cfg.base)) + model.structure(at[:1]).long().argmax(-1)
    targets = targets if last is None else targets[:, -last:]

    def step():
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=mode == "bf16"):
            logits = forward(inputs, at, last)
        loss = F.cross_entropy(logits.float().reshape(-1, cfg.vocab), targets.reshape(-1))
        optimiser.zero_grad(set_to_none=True)
        loss.backward()
        optimiser.step()

    return step


def seconds_per_step(step, steps: int) -> float:
    step()  # warm-up
    start = time.perf_counter()
    for _ in range(steps):
        step()
    return (time.perf_counter() - start) / steps


def breakdown(step, steps: int) -> tuple[dict, float]:
    """Shares of the self CPU time per group, and the matrix products' GFLOP/s."""
    step()
    with profile(activities=[ProfilerActivity.CPU], with_flops=True) as prof:
        for _ in range(steps):
            step()
    times, flops, mm_time = dict.fromkeys([*GROUPS, "rest"], 0.0), 0.0, 0.0
    for event in prof.key_averages():
        group = next((g for g, keys in GROUPS.items() if any(key in event.key for key in keys)), "rest")
        times[group] += event.self_cpu_time_total
        if group == "matmul":
            flops, mm_time = flops + event.flops, mm_time + event.self_cpu_time_total
    total = sum(times.values())
    return {g: t / total for g, t in times.items()}, flops / (mm_time * 1e-6) / 1e9


def row(name: str, cfg: GPTConfig, batch: int, length: int, last, args) -> str:
    """One table row: ms per step in each mode, the speed-ups, the cold compile, the float32 step's shares."""
    steps = {mode: stepper(cfg, batch, length, last, mode) for mode in MODES}
    start = time.perf_counter()
    steps["compiled"]()  # the first call compiles
    compile_s = time.perf_counter() - start
    best = dict.fromkeys(MODES, np.inf)
    for _ in range(args.repeats):  # interleaved: a slow spell of the machine hits every mode alike
        for mode, step in steps.items():
            best[mode] = min(best[mode], seconds_per_step(step, args.steps))
    shares, gflops = breakdown(steps["fp32"], args.steps)
    parameters = sum(p.numel() for p in GPT(cfg).parameters())
    cells = [f"{1e3 * best[mode]:.1f}" for mode in MODES]
    cells += [f"{best['fp32'] / best[mode]:.2f}×" for mode in ("bf16", "compiled")] + [f"{compile_s:.0f}"]
    cells += [f"{100 * s:.0f}%" for s in shares.values()] + [f"{gflops:.0f}"]
    return f"| {name} | {parameters:,} | " + " | ".join(cells) + " |"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(1)
    print(f"machine: {platform.machine()}, torch {torch.__version__}, one thread, best of {args.repeats}")
    head = ["model", "parameters", *(f"{mode} ms/step" for mode in MODES), "bf16 speed-up", "compiled speed-up"]
    head += ["cold compile s", *GROUPS, "rest", "matmul GFLOP/s"]
    print("| " + " | ".join(head) + " |\n" + "|---" * len(head) + "|")
    with tempfile.TemporaryDirectory(prefix="step_profile_inductor_") as cache:
        os.environ["TORCHINDUCTOR_CACHE_DIR"] = cache  # empty: each model compiles as on a fresh machine
        for name, (cfg, batch, length, last) in models().items():
            print(row(name, cfg, batch, length, last, args))


if __name__ == "__main__":
    main()
