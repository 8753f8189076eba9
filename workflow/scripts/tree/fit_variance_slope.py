"""Rule fit_variance_slope: OLS slope of log₂(Var_gen/n) on ℓ over the fit range, bootstrap CI over sequences."""

from lmtheory.runtime import configure

configure(snakemake)

import polars as pl

from lmtheory.io import provenance, read_parquet, write_json
from lmtheory.seeds import rng_for
from lmtheory.tree.variance_fit import variance_fit

p, wc = snakemake.params, snakemake.wildcards
table = read_parquet(snakemake.input.sums)
sums = {k: table.filter(pl.col("k") == k)["sum"].to_numpy() for k in table["k"].unique().to_list()}
rng = rng_for(p.seed, "fit", wc.lang, wc.d, wc.model)
result = variance_fit(sums, p.b, p.theta, p.d, p.min_n_over_k, p.min_level, p.bootstrap, rng)
write_json({**result, "provenance": provenance(dict(p.items()), p.seed)}, snakemake.output[0])
