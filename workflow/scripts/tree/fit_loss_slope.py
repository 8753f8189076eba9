"""Rule fit_loss_slope: excess loss CE_k − CE_n per level (paired bootstrap CI) and its log_b slope on ℓ."""

from lmtheory.runtime import configure

configure(snakemake)

import numpy as np

from lmtheory.fits import log_excess_slope, paired_excess
from lmtheory.io import provenance, read_parquet, write_json
from lmtheory.seeds import rng_for
from lmtheory.stats import LEVEL

p, wc = snakemake.params, snakemake.wildcards
wide = read_parquet(snakemake.input.loss).pivot(on="k", index="seq", values="ce").sort("seq")
ks = sorted(int(k) for k in wide.columns if k != "seq")
ce = wide.select([str(k) for k in ks]).to_numpy()
excess, reps = paired_excess(
    ce, wide[str(p.b**p.d)].to_numpy(), p.bootstrap, rng_for(p.seed, "fit_loss", wc.lang, wc.d)
)
lo, hi = np.quantile(reps, [(1 - LEVEL) / 2, (1 + LEVEL) / 2], axis=0)
levels = np.log(ks) / np.log(p.b)
in_range = (levels >= p.min_level - 1e-9) & (levels <= p.d - p.max_level_gap + 1e-9)
in_range &= np.isclose(levels, np.round(levels))  # k = b^ℓ only, not the ⌈n/r⌉ grid
resolved = (reps > 0).all(axis=0)  # a logarithm needs the excess resolved from 0 in every bootstrap replicate
fit = in_range & resolved
result = {
    "ks": ks,
    "levels": levels.round(9).tolist(),
    "excess": excess.tolist(),
    "excess_lo": lo.tolist(),
    "excess_hi": hi.tolist(),
    "sequences": ce.shape[0],
    "fit_levels": levels[fit].round(9).tolist(),
    "unresolved_levels": levels[in_range & ~resolved].round(9).tolist(),
}
if fit.sum() >= 2:
    result.update(log_excess_slope(levels[fit], excess[fit], reps[:, fit], p.b))
else:
    result.update(slope=None)
write_json({**result, "provenance": provenance(dict(p.items()), p.seed)}, snakemake.output[0])
