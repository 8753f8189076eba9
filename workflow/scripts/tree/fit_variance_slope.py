"""Rule fit_variance_slope: OLS slope of log₂(Var_gen/n) on ℓ over the fit range, bootstrap CI over sequences."""

from lmtheory.runtime import configure

configure(snakemake)

import numpy as np
import polars as pl

from lmtheory.fits import log2_variance_slope
from lmtheory.io import provenance, read_parquet, write_json
from lmtheory.seeds import rng_for

p, wc = snakemake.params, snakemake.wildcards
n = p.b**p.d
sums = read_parquet(snakemake.input.sums)
ks = [k for k in sorted(sums["k"].unique().to_list()) if n / k >= p.min_n_over_k and k >= p.b**p.min_level]
result = {"levels": [], "var_n": [], "normalised_constant": []}
if len(ks) >= 2:
    levels = np.log(ks) / np.log(p.b)
    groups = [sums.filter(pl.col("k") == k)["sum"].to_numpy() for k in ks]
    rng = rng_for(p.seed, "fit", wc.lang, wc.d, wc.model)
    result = log2_variance_slope(levels, groups, n, p.bootstrap, rng)
    var_n = [float(g.var() / n) for g in groups]
    rate = p.b * p.theta**2
    result.update(
        levels=levels.round(9).tolist(),
        var_n=var_n,
        normalised_constant=[v / rate**lvl for v, lvl in zip(var_n, levels, strict=True)],
    )
else:
    result.update(slope=None, slope_lo=None, slope_hi=None, slope_se=None, n_points=len(ks))
result.update(ks=ks, predicted_slope=float(np.log2(p.b * p.theta**2)), provenance=provenance(dict(p.items()), p.seed))
write_json(result, snakemake.output[0])
