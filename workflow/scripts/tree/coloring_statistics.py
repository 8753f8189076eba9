"""Rule coloring_statistics: per context k, P(consistent), frozen roots and first violations per height."""

from lmtheory.runtime import configure

configure(snakemake)


from lmtheory.tree.coloring_statistics import context_consistency
from lmtheory.io import tokens_by_context, write_parquet

p = snakemake.params
tokens = tokens_by_context(snakemake.input.sequences, p.b**p.d)
per_k, per_height = context_consistency(tokens, p.q, p.b, p.d)
write_parquet(per_k, snakemake.output.stats, dict(p.items()))
write_parquet(per_height, snakemake.output.violations, dict(p.items()))
