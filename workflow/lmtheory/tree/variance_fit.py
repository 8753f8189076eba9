"""The C4 variance fit: OLS slope of log₂(Var_gen/n) on ℓ = log_b k over the contexts with n/k ≥ min_n_over_k and
k ≥ b^min_level (bootstrap CI over sequences), and the normalised constant Var_gen/n ÷ (bθ²)^ℓ per context."""

import numpy as np

from lmtheory.fits import log2_variance_slope


def variance_fit(sums: dict, b: int, theta: float, d: int, min_n_over_k: float, min_level: float, n_boot: int, rng):
    """The fit of sums {k: per-sequence sums S} against the prediction log₂(bθ²); slope None with < 2 contexts."""
    n = b**d
    ks = [k for k in sorted(sums) if n / k >= min_n_over_k and k >= b**min_level]
    result = {"levels": [], "var_n": [], "normalised_constant": []}
    if len(ks) >= 2:
        levels = np.log(ks) / np.log(b)
        groups = [np.asarray(sums[k]) for k in ks]
        result = log2_variance_slope(levels, groups, n, n_boot, rng)
        var_n = [float(g.var() / n) for g in groups]
        rate = b * theta**2
        result.update(
            levels=levels.round(9).tolist(),
            var_n=var_n,
            normalised_constant=[v / rate**lvl for v, lvl in zip(var_n, levels, strict=True)],
        )
    else:
        result.update(slope=None, slope_lo=None, slope_hi=None, slope_se=None, n_points=len(ks))
    return {**result, "ks": [int(k) for k in ks], "predicted_slope": float(np.log2(b * theta**2))}
