"""Rule sequence_statistics: per context k, Var/n and kurtosis of the sums with bootstrap CIs, and the sums."""

from lmtheory.runtime import configure

configure(snakemake)

import numpy as np
import polars as pl

from lmtheory.io import tokens_by_context, write_parquet
from lmtheory.tree.ising_statistics import context_statistics, ising_sums
from lmtheory.seeds import rng_for

p, wc = snakemake.params, snakemake.wildcards
sums = {k: ising_sums(tokens) for k, tokens in tokens_by_context(snakemake.input.sequences, p.b**p.d).items()}
rng = rng_for(p.seed, "statistics", wc.lang, wc.d, wc.model)
write_parquet(
    context_statistics(sums, p.b, p.theta, p.d, p.bootstrap, rng), snakemake.output.stats, dict(p.items()), seed=p.seed
)
long = pl.DataFrame(
    {
        "k": np.repeat(sorted(sums), [len(sums[k]) for k in sorted(sums)]),
        "sum": np.concatenate([sums[k] for k in sorted(sums)]) if sums else [],
    }
)
write_parquet(long, snakemake.output.sums, dict(p.items()))
