"""Benchmark: a trace transformer's training step with every window slot computed, against the loss slots only.

The trace model (tree paper §6.2, `train_reasoning_transformer`) reads W = d + 1 + margin tokens and takes its loss
only at the last W − d slots, where the window holds the token's source (`trace_windows`). `train(..., last=W − d)`
has the last block compute those slots only (its keys and values still see every slot): the same loss. Both sides
train the same initial model on the same batches (the workflow's batch of 256 windows of true Ising traces, b = 2,
θ = 0.9, the default config's model and margin), interleaved, best of --repeats each, on --threads threads (1, as the
workflow's training jobs run), for depths d varied; the first step's loss is checked equal on both sides (1e-6).

    python benchmarks/trace_training.py [--depths 4 8 10] [--steps 40] [--threads 1] [--repeats 3]
"""

import argparse
import platform
import time
from pathlib import Path

import numpy as np
import torch
import yaml

from lmtheory.transformer import GPT, train
from lmtheory.tree.reasoning import sample_traces
from lmtheory.tree.transformer_data import trace_loss_slots, trace_model_config, trace_windows
from lmtheory.tree.trees import ising_broadcast

CONFIG = yaml.safe_load((Path(__file__).resolve().parents[1] / "config" / "config.yaml").read_text())
TRANSFORMER = CONFIG["tree"]["transformer"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--depths", type=int, nargs="+", default=[4, 8, 10])
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    print(
        f"machine: {platform.processor() or platform.machine()}, torch {torch.__version__}, {args.threads} threads, "
        f"batch {args.batch}, {args.steps} steps, best of {args.repeats}"
    )
    print("| d | W | loss slots | every slot (ms/step) | loss slots (ms/step) | speed-up |\n|---|---|---|---|---|---|")
    for d in args.depths:
        tree = ising_broadcast(2, 0.9, d)
        traces = torch.as_tensor(sample_traces(tree, 200, np.random.default_rng(0))[0], dtype=torch.long)
        cfg = trace_model_config(tree, TRANSFORMER["reasoning"]["margin"], TRANSFORMER["model"])
        g = torch.Generator().manual_seed(0)
        batches = [trace_windows(traces, tree, cfg.context, args.batch, g) for _ in range(args.steps)]
        sides = {"every slot": None, "loss slots": trace_loss_slots(tree, cfg.context)}
        timings, first = {}, {}
        for _ in range(args.repeats):  # interleaved: a slow spell of the machine hits every side alike
            for name, last in sides.items():
                torch.manual_seed(0)
                model = GPT(cfg)
                start = time.perf_counter()
                curve = train(model, batches.__getitem__, args.steps, 2e-3, 0.01, last=last)
                timings[name] = min(timings.get(name, np.inf), time.perf_counter() - start)
                first[name] = curve[0]
        if abs(first["every slot"] - first["loss slots"]) > 1e-6:
            raise SystemExit(f"d={d}: first-step losses differ: {first}")
        every, slots = (1e3 * timings[name] / args.steps for name in sides)
        print(f"| {d} | {cfg.context} | {sides['loss slots']} | {every:.1f} | {slots:.1f} | {every / slots:.2f} |")


if __name__ == "__main__":
    main()
