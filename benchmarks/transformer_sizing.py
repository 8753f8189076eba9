"""Sizing study of the tree paper's context-k transformers: one seed per setting, trained with lmtheory's own loop and
data, sampled from k true tokens, compared with the exact k-gram's statistics of a finished run.

For each k: training and sampling seconds (one thread), the last 20 steps' mean training loss, and the quantity the
claim compares — Ising: Var/n of the generated sums and log₂ of its ratio to the exact k-gram's; coloring: the
fraction of consistent sequences under plain sampling and with tokens below p = 0.01 dropped, against the exact
k-gram's. This is how config/config.yaml's steps, batch and learning rate were chosen (the numbers quoted there and
in docs/tree.md); the claims themselves come from the workflow's 3-seed runs.

    python benchmarks/transformer_sizing.py ising --steps 300 --batch 128 --ks 2,4,8,16,32 --results results
    python benchmarks/transformer_sizing.py coloring --steps 1200 --batch 128 --lr 0.006 --ks 16 --results results

`--results` is a finished run's results/ folder (its exact statistics of ising_b2 d = 8 / coloring_q3b5 d = 3).
"""

import argparse
import json
import time

import numpy as np
import polars as pl
import torch

from lmtheory.transformer import GPT, GPTConfig, sample, train
from lmtheory.tree.coloring import consistency
from lmtheory.tree.ising_statistics import ising_sums
from lmtheory.tree.languages import make_broadcast
from lmtheory.tree.transformer_data import fresh_batches
from lmtheory.tree.trees import sample_broadcast

SETTINGS = {  # the default config's transformer settings
    "ising": ("ising_b2", {"kind": "ising", "b": 2, "theta": 0.9}, 8),
    "coloring": ("coloring_q3b5", {"kind": "coloring", "q": 3, "b": 5}, 3),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("language", choices=sorted(SETTINGS))
    parser.add_argument("--steps", type=int, required=True)
    parser.add_argument("--batch", type=int, required=True)
    parser.add_argument("--lr", type=float, default=0.002)
    parser.add_argument("--ks", required=True, help="comma-separated contexts")
    parser.add_argument("--samples", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--results", default="results")
    args = parser.parse_args()
    torch.set_num_threads(1)
    name, process, d = SETTINGS[args.language]
    tree = make_broadcast(process, d)
    exact = pl.read_parquet(f"{args.results}/tree/statistics/{name}/d{d}/exact.parquet")
    for k in (int(k) for k in args.ks.split(",")):
        torch.manual_seed(args.seed)
        model = GPT(GPTConfig(vocab=tree.q, context=k, digits=tree.d, base=tree.b))
        rng, generator = np.random.default_rng(args.seed), torch.Generator().manual_seed(args.seed)
        batches = fresh_batches(tree, k, args.batch, rng, generator)
        start = time.perf_counter()
        curve = train(model, batches, args.steps, args.lr, 0.01)
        trained = time.perf_counter()
        prompts = torch.as_tensor(sample_broadcast(tree, args.samples, np.random.default_rng(args.seed + 1))[:, :k])
        out = sample(model, prompts.long(), tree.n, torch.Generator().manual_seed(args.seed), last_only=True)
        row = {"k": k, "steps": args.steps, "batch": args.batch, "lr": args.lr, "train_s": round(trained - start, 1)}
        row |= {"sample_s": round(time.perf_counter() - trained, 1), "loss": round(float(np.mean(curve[-20:])), 4)}
        reference = exact.filter(pl.col("k") == k).row(0, named=True)
        if process["kind"] == "ising":
            var_n = float(ising_sums(out.numpy()).var() / tree.n)
            row |= {"var_n": round(var_n, 2), "log2_ratio": round(float(np.log2(var_n / reference["var_n"])), 3)}
        else:
            truncated = sample(model, prompts.long(), tree.n, torch.Generator().manual_seed(args.seed), 0.01, True)
            consistent = [
                consistency(x.numpy().astype(np.uint8), tree.q, tree.b)["consistent"].mean() for x in (out, truncated)
            ]
            row |= {"p_plain": round(float(consistent[0]), 3), "p_truncated": round(float(consistent[1]), 3)}
            row["p_exact"] = reference["p_consistent"]
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
