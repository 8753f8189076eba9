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
    """KS distance of two samples with a percentile-bootstrap CI and SE (both samples resampled).

    The replicates are computed on the ranks of the pooled distinct values (KS is invariant under a monotone map):
    per resample, the counts of each rank (one bincount for all resamples), their cumulative sums are the empirical
    CDFs on that grid, and the largest gap between the two CDFs there is the KS distance at the resample's own points.
    O(n_boot·(B + U)) for U distinct values instead of a sort per resample; the same draws and values as
    `ks_distance` of each resampled pair.
    """
    grid, ranks = np.unique(np.concatenate([a, b]), return_inverse=True)
    ra, rb = bootstrap_resamples(ranks[: len(a)], n_boot, rng), bootstrap_resamples(ranks[len(a) :], n_boot, rng)
    reps = np.abs(_cdfs_on_grid(ra, len(grid)) - _cdfs_on_grid(rb, len(grid))).max(axis=1)
    lo, hi = percentile_ci(reps)
    return {"ks": ks_distance(a, b), "ks_lo": lo, "ks_hi": hi, "ks_se": float(np.std(reps))}


def _cdfs_on_grid(ranks: np.ndarray, size: int) -> np.ndarray:
    """(R, size) empirical CDFs of R rows of ranks in [0, size): F_r(g) = #{ranks ≤ g} / row length."""
    rows = np.arange(len(ranks))[:, None] * size
    counts = np.bincount((ranks + rows).ravel(), minlength=len(ranks) * size).reshape(len(ranks), size)
    return counts.cumsum(axis=1) / ranks.shape[1]


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
