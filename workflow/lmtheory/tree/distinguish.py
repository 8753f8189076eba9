"""Distinguishability of generated and true sums: the two-sample Kolmogorov–Smirnov distance (spec §3.6).

KS(F, G) = sup_x |F(x) − G(x)| between the empirical laws of |S| under the generated and the true process; it is
a lower bound on their total-variation distance. Its uncertainty is a bootstrap over both samples.
"""

import numpy as np
import polars as pl

from lmtheory.stats import bootstrap_resamples, percentile_ci


def ks_distance(a: np.ndarray, b: np.ndarray) -> float:
    """sup_x |F_a(x) − F_b(x)| of the two empirical CDFs (evaluated at every sample point)."""
    a, b = np.sort(a), np.sort(b)
    points = np.concatenate([a, b])
    fa = np.searchsorted(a, points, side="right") / len(a)
    fb = np.searchsorted(b, points, side="right") / len(b)
    return float(np.abs(fa - fb).max())


def ks_with_ci(a: np.ndarray, b: np.ndarray, n_boot: int, rng: np.random.Generator) -> dict:
    """KS distance of two samples with a percentile-bootstrap CI and SE (both samples resampled)."""
    reps = [
        ks_distance(ra, rb)
        for ra, rb in zip(bootstrap_resamples(a, n_boot, rng), bootstrap_resamples(b, n_boot, rng), strict=True)
    ]
    lo, hi = percentile_ci(np.array(reps))
    return {"ks": ks_distance(a, b), "ks_lo": lo, "ks_hi": hi, "ks_se": float(np.std(reps))}


def ks_by_context(true_sums: np.ndarray, generated: dict, n: int, n_boot: int, rng: np.random.Generator):
    """Per context k (ascending) of generated {k: sums}: KS between |S| generated and |S| true, with its CI."""
    true_abs = np.abs(true_sums)
    rows = []
    for k in sorted(generated):
        gen_abs = np.abs(generated[k])
        rows.append(
            {"k": k, "n": n, "n_over_k": n / k, "B": len(gen_abs), "B_true": len(true_abs)}
            | ks_with_ci(gen_abs, true_abs, n_boot, rng)
        )
    return pl.DataFrame(rows)
