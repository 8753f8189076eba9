"""Rule merge_transformer_samples: a transformer tier's per-k sample files as one, in the config's order of k (rows,
columns and tokens unchanged)."""

from lmtheory.runtime import configure

log = configure(snakemake)

import polars as pl

from lmtheory.io import read_parquet, write_parquet

p = snakemake.params
frames = [read_parquet(path) for path in snakemake.input.samples]
log.info("%d contexts, %d sequences", len(frames), sum(frame.height for frame in frames))
write_parquet(pl.concat(frames), snakemake.output[0], dict(p.items()), seed=p.seed)
