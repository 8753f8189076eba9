"""Rule sequence_statistics: per context k (and training seed, for transformers), Var/n and kurtosis of the sums with
bootstrap CIs, and the sums."""

from lmtheory.runtime import configure

configure(snakemake)

import numpy as np
import polars as pl

from lmtheory.io import tokens_by_context, with_seed, write_parquet
from lmtheory.seeds import rng_for
from lmtheory.tree.ising_statistics import context_statistics, ising_sums

p, wc = snakemake.params, snakemake.wildcards
runs = {
    seed: {k: ising_sums(tokens) for k, tokens in by_k.items()}
    for seed, by_k in tokens_by_context(snakemake.input.sequences, p.b**p.d).items()
} or {None: {}}


def sums_frame(sums: dict) -> pl.DataFrame:
    """The sums in long form: one row (k, sum) per sequence."""
    ks = sorted(sums)
    return pl.DataFrame(
        {"k": np.repeat(ks, [len(sums[k]) for k in ks]), "sum": np.concatenate([sums[k] for k in ks]) if ks else []}
    )


rng = rng_for(p.seed, "statistics", wc.lang, wc.d, wc.model)
tables = [with_seed(context_statistics(sums, p.b, p.theta, p.d, p.bootstrap, rng), seed) for seed, sums in runs.items()]
write_parquet(pl.concat(tables), snakemake.output.stats, dict(p.items()), seed=p.seed)
write_parquet(
    pl.concat([with_seed(sums_frame(sums), seed) for seed, sums in runs.items()]),
    snakemake.output.sums,
    dict(p.items()),
)
