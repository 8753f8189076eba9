"""Rule sequence_statistics: per context k, Var/n and kurtosis of the sums with bootstrap CIs, and the sums."""

from lmtheory.runtime import configure

configure(snakemake)

import numpy as np
import polars as pl

from lmtheory.io import write_parquet
from lmtheory.ising_statistics import context_statistics, ising_sums
from lmtheory.seeds import rng_for

p, wc = snakemake.params, snakemake.wildcards
frame = pl.read_parquet(snakemake.input.sequences)
if "k" not in frame.columns:  # the true corpus: full context
    frame = frame.with_columns(k=pl.lit(p.b**p.d, pl.Int64))
sums = {k: ising_sums(group["tokens"].to_numpy()) for (k,), group in frame.group_by("k")}
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
