"""Rule coloring_statistics: per context k, P(consistent), frozen roots and first violations per height."""

from lmtheory.runtime import configure

configure(snakemake)

import polars as pl

from lmtheory.coloring_statistics import context_consistency
from lmtheory.io import write_parquet

p = snakemake.params
frame = pl.read_parquet(snakemake.input.sequences)
if "k" not in frame.columns:  # the true corpus: full context
    frame = frame.with_columns(k=pl.lit(p.b**p.d, pl.Int64))
tokens = {k: group["tokens"].to_numpy() for (k,), group in frame.group_by("k")}
per_k, per_height = context_consistency(tokens, p.q, p.b, p.d)
write_parquet(per_k, snakemake.output.stats, dict(p.items()))
write_parquet(per_height, snakemake.output.violations, dict(p.items()))
