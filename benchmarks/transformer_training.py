"""Benchmark: training throughput (tokens/s) of lmtheory's GPT and loop against a nanoGPT-style peer of the same shape.

Three sides on the same batches (the default 2-layer, d_model 64, 4-head, MLP 256 model at context k, batches of
256 windows), interleaved, best of --repeats each, on --threads threads (1 by default, as the workflow's training
jobs run):
- lmtheory: `lmtheory.transformer.train` on `lmtheory.transformer.GPT` (with the position-digit features);
- plain loop: the same model in a minimal AdamW loop (what the training loop itself costs);
- nanoGPT: nanoGPT's model of the same shape (pre-LN blocks, fused QKV, `scaled_dot_product_attention`, GELU MLP,
  learned positions, no digit features) in the same minimal loop: what a well-known implementation costs.

    python benchmarks/transformer_training.py [--context 16] [--steps 60] [--threads 1] [--repeats 3]
"""

import argparse
import platform
import time

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from lmtheory.transformer import GPT, GPTConfig, random_windows, train
from lmtheory.tree.trees import ising_broadcast, sample_broadcast


class NanoBlock(nn.Module):
    """nanoGPT's block: x + attn(ln(x)), then x + mlp(ln(x)); causal attention by scaled_dot_product_attention."""

    def __init__(self, width: int, heads: int, hidden: int):
        super().__init__()
        self.heads = heads
        self.ln1, self.ln2 = nn.LayerNorm(width), nn.LayerNorm(width)
        self.qkv, self.proj = nn.Linear(width, 3 * width), nn.Linear(width, width)
        self.mlp = nn.Sequential(nn.Linear(width, hidden), nn.GELU(), nn.Linear(hidden, width))

    def forward(self, x):
        B, T, C = x.shape
        q, k, v = (t.view(B, T, self.heads, C // self.heads).transpose(1, 2) for t in self.qkv(self.ln1(x)).split(C, 2))
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True).transpose(1, 2).reshape(B, T, C)
        x = x + self.proj(y)
        return x + self.mlp(self.ln2(x))


class NanoGPT(nn.Module):
    def __init__(self, cfg: GPTConfig):
        super().__init__()
        self.token, self.position = nn.Embedding(cfg.vocab, cfg.d_model), nn.Embedding(cfg.context, cfg.d_model)
        self.blocks = nn.Sequential(*(NanoBlock(cfg.d_model, cfg.n_head, cfg.d_mlp) for _ in range(cfg.n_layer)))
        self.ln, self.head = nn.LayerNorm(cfg.d_model), nn.Linear(cfg.d_model, cfg.vocab, bias=False)

    def forward(self, tokens, _positions=None):
        x = self.token(tokens) + self.position(torch.arange(tokens.shape[1]))
        return self.head(self.ln(self.blocks(x)))


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
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    tree = ising_broadcast(2, 0.9, 8)
    data = torch.as_tensor(sample_broadcast(tree, 2000, np.random.default_rng(0)), dtype=torch.long)
    g = torch.Generator().manual_seed(0)
    batches = [random_windows(data, args.context, args.batch, g) for _ in range(args.steps)]
    cfg = GPTConfig(vocab=2, context=args.context, digits=tree.d, base=2)
    tokens = args.steps * args.batch * args.context
    sides = {
        "lmtheory": (GPT, lambda model: train(model, lambda step: batches[step], args.steps, 2e-3, 0.01)),
        "plain loop": (GPT, lambda model: plain_loop(model, batches, 2e-3)),
        "nanoGPT": (NanoGPT, lambda model: plain_loop(model, batches, 2e-3)),
    }
    timings, parameters = {}, {}
    for _ in range(args.repeats):  # interleaved: a slow spell of the machine hits every side alike
        for name, (model_class, fit) in sides.items():
            torch.manual_seed(0)
            model = model_class(cfg)
            parameters[name] = sum(p.numel() for p in model.parameters())
            start = time.perf_counter()
            fit(model)
            timings[name] = min(timings.get(name, np.inf), time.perf_counter() - start)
    print(
        f"machine: {platform.processor() or platform.machine()}, torch {torch.__version__}, {args.threads} threads, "
        f"k={args.context}, batch {args.batch}, {args.steps} steps"
    )
    print("| side | parameters | tokens/s | lmtheory's throughput / this side's |\n|---|---|---|---|")
    for name, seconds in timings.items():
        print(f"| {name} | {parameters[name]:,} | {tokens / seconds:,.0f} | {seconds / timings['lmtheory']:.2f} |")


if __name__ == "__main__":
    main()
