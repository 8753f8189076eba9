"""Rule transformer_loss: held-out teacher-forced CE of each transformer (per k and training seed) and of the exact
k-gram, paired."""

from lmtheory.runtime import configure

log = configure(snakemake)

import polars as pl
import torch

from lmtheory.tree.exact_kgram import ExactKGram
from lmtheory.tree.kgram_loss import paired_gap
from lmtheory.io import write_parquet
from lmtheory.tree.languages import make_broadcast
from lmtheory.seeds import rng_for
from lmtheory.transformer import load_model
from lmtheory.tree.transformer_data import teacher_forced_nll
from lmtheory.tree.trees import sample_broadcast

p, wc = snakemake.params, snakemake.wildcards
torch.set_num_threads(snakemake.threads)
tree = make_broadcast(p.process, int(wc.d))
held_out = sample_broadcast(tree, p.sequences, rng_for(p.seed, "tf_eval", wc.lang, wc.d))
rows = []
exact = {k: -ExactKGram(tree, k).log_probs(held_out)[:, 1:].mean(axis=1) for k, _ in p.runs}
for (k, run), weights, config in zip(p.runs, snakemake.input.models, snakemake.input.configs, strict=True):
    tf = teacher_forced_nll(load_model(weights, config), held_out).mean(axis=1)
    rows.append({**paired_gap(k, tf, exact[k]), "seed": run})
    log.info("k=%d, seed %d: CE gap %.4f ± %.4f nats/token", k, run, rows[-1]["gap"], rows[-1]["gap_se"])
write_parquet(pl.DataFrame(rows), snakemake.output[0], dict(p.items()), seed=p.seed)
