"""Rule coloring_statistics: per context k (and training seed, for transformers), P(consistent), frozen roots and first
violations per height."""

from lmtheory.runtime import configure

configure(snakemake)

import polars as pl

from lmtheory.io import tokens_by_context, with_seed, write_parquet
from lmtheory.tree.coloring_statistics import context_consistency

p = snakemake.params
tables = {
    seed: context_consistency(tokens, p.q, p.b, p.d)
    for seed, tokens in tokens_by_context(snakemake.input.sequences, p.b**p.d).items()
}
for part, output in enumerate((snakemake.output.stats, snakemake.output.violations)):
    write_parquet(pl.concat([with_seed(t[part], seed) for seed, t in tables.items()]), output, dict(p.items()))
