"""OLS fits with bootstrap confidence intervals.

slope = Σ (x − x̄)(y − ȳ) / Σ (x − x̄)²; for y = log₂ Var at each x, the CI comes from resampling the sequences behind
every point independently (the points come from independent samples) and refitting.
"""

import numpy as np

from lmtheory.stats import bootstrap_resamples, percentile_ci, variance


def ols_slope(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """OLS slope of y on x; y may carry leading replicate axes (..., len(x))."""
    x = np.asarray(x, dtype=np.float64)
    dx = x - x.mean()
    return ((np.asarray(y) - np.mean(y, axis=-1, keepdims=True)) * dx).sum(axis=-1) / (dx**2).sum()


def log2_variance_slope(x: np.ndarray, sums: list[np.ndarray], scale: float, n_boot: int, rng) -> dict:
    """Slope of log₂(Var/scale) on x, one array of sums per x, with a percentile bootstrap CI."""
    if len(x) < 2:
        raise ValueError(f"a slope needs at least 2 points, got {len(x)}")
    y = np.log2([variance(np.asarray(s, float)) / scale for s in sums])
    reps = np.stack(
        [np.log2(variance(bootstrap_resamples(np.asarray(s, float), n_boot, rng)) / scale) for s in sums], axis=-1
    )
    slope_reps = ols_slope(x, reps)
    lo, hi = percentile_ci(slope_reps)
    return {
        "slope": float(ols_slope(x, y)),
        "slope_lo": lo,
        "slope_hi": hi,
        "slope_se": float(slope_reps.std()),
        "n_points": len(x),
    }


def paired_excess(ce: np.ndarray, reference: np.ndarray, n_boot: int, rng) -> tuple[np.ndarray, np.ndarray]:
    """mean CE_ℓ − mean CE_ref per level, and its bootstrap replicates (n_boot, levels).

    ce is (sequences, levels) and reference (sequences,): the same sequences at every level, so the bootstrap
    resamples sequences jointly (paired differences).
    """
    idx = rng.integers(0, len(reference), size=(n_boot, len(reference)))
    return ce.mean(axis=0) - reference.mean(), ce[idx].mean(axis=1) - reference[idx].mean(axis=1)[:, None]


def log_excess_slope(levels: np.ndarray, excess: np.ndarray, excess_reps: np.ndarray, base: float) -> dict:
    """Slope of log_base(excess) on ℓ with a percentile CI from the excess replicates (n_boot, levels)."""
    if np.any(excess <= 0) or np.any(excess_reps <= 0):
        raise ValueError("excess loss must be positive at every level to take its logarithm")
    slope_reps = ols_slope(levels, np.log(excess_reps) / np.log(base))
    lo, hi = percentile_ci(slope_reps)
    return {
        "slope": float(ols_slope(levels, np.log(excess) / np.log(base))),
        "slope_lo": lo,
        "slope_hi": hi,
        "slope_se": float(slope_reps.std()),
        "n_points": len(levels),
    }
