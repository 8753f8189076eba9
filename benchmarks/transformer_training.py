"""Benchmark: training throughput (tokens/s) of lmtheory.transformer.train against a minimal plain-PyTorch loop
on the same model (the default 2-layer, d_model 64 GPT, context k, batches of 256 windows), on the CPU threads given.

    python benchmarks/transformer_training.py [--context 16] [--steps 60] [--threads 2]
"""

import argparse
import platform
import time

import numpy as np
import torch
from torch.nn import functional as F

from lmtheory.transformer import GPT, GPTConfig, random_windows, train
from lmtheory.tree.trees import ising_broadcast, sample_broadcast


def plain_loop(model, batches, lr):
    """The reference: AdamW, forward, cross-entropy, backward, step — nothing else."""
    optimiser = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    for inputs, targets, positions in batches:
        loss = F.cross_entropy(model(inputs, positions).reshape(-1, 2), targets.reshape(-1))
        optimiser.zero_grad(set_to_none=True)
        loss.backward()
        optimiser.step()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--context", type=int, default=16)
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    tree = ising_broadcast(2, 0.9, 8)
    data = torch.as_tensor(sample_broadcast(tree, 2000, np.random.default_rng(0)), dtype=torch.long)
    g = torch.Generator().manual_seed(0)
    batches = [random_windows(data, args.context, args.batch, g) for _ in range(args.steps)]
    cfg = GPTConfig(vocab=2, context=args.context, digits=tree.d, base=2)
    tokens = args.steps * args.batch * args.context
    timings = {}
    for name in ("plain", "lmtheory", "plain", "lmtheory"):  # interleaved, best of two each
        torch.manual_seed(0)
        model = GPT(cfg)
        start = time.perf_counter()
        if name == "plain":
            plain_loop(model, batches, 2e-3)
        else:
            train(model, lambda step: batches[step], args.steps, 2e-3, 0.01)
        timings[name] = min(timings.get(name, np.inf), time.perf_counter() - start)
    print(
        f"machine: {platform.processor() or platform.machine()}, torch {torch.__version__}, {args.threads} threads, "
        f"k={args.context}, batch {args.batch}, {args.steps} steps"
    )
    print("| loop | tokens/s |\n|---|---|")
    for name, seconds in timings.items():
        print(f"| {name} | {tokens / seconds:,.0f} |")
    print(f"lmtheory / plain throughput: {timings['plain'] / timings['lmtheory']:.2f}")


if __name__ == "__main__":
    main()
