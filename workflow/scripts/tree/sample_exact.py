"""Rule sample_exact: B sequences from the exact PA k-gram for every context k of the sweep."""

from lmtheory.runtime import configure

log = configure(snakemake)

import time

import polars as pl

from lmtheory.tree.exact_kgram import ExactKGram
from lmtheory.io import read_json, tokens_frame, write_parquet
from lmtheory.seeds import rng_for
from lmtheory.tree.trees import broadcast_from_dict

p, wc = snakemake.params, snakemake.wildcards
tree = broadcast_from_dict(read_json(snakemake.input.model))
frames = []
for k in p.ks:
    start = time.perf_counter()
    tokens = ExactKGram(tree, k).sample(p.samples, rng_for(p.seed, "sample", wc.lang, wc.d, "exact", k))
    log.info("k=%d: %d sequences in %.1f s", k, p.samples, time.perf_counter() - start)
    frames.append(tokens_frame(tokens, tree.q, k=k))
write_parquet(pl.concat(frames), snakemake.output[0], dict(p.items()), seed=p.seed)
