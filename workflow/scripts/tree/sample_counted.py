"""Rule sample_counted: B sequences from each counted PM k-gram, prompted with k true tokens."""

from lmtheory.runtime import configure

log = configure(snakemake)

import polars as pl

from lmtheory.tree.counted_kgram import CountedKGram
from lmtheory.io import read_json, read_parquet, tokens_frame, write_parquet
from lmtheory.seeds import rng_for
from lmtheory.tree.trees import broadcast_from_dict, sample_broadcast

p, wc = snakemake.params, snakemake.wildcards
tree = broadcast_from_dict(read_json(snakemake.input.process))
frames = []
for k, path in zip(p.ks, snakemake.input.models, strict=True):
    rng = rng_for(p.seed, "sample", wc.lang, wc.d, "counted", k)
    prompts = sample_broadcast(tree, p.samples, rng)[:, :k]
    tokens = CountedKGram.from_frame(read_parquet(path), k).sample(prompts, tree.n, rng)
    log.info("k=%d: %d sequences", k, p.samples)
    frames.append(tokens_frame(tokens, tree.q, k=k))
write_parquet(pl.concat(frames), snakemake.output[0], dict(p.items()), seed=p.seed)
