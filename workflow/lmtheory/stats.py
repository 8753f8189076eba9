"""Bootstrap estimates of the variance and kurtosis of sums (spec §3.8).

Var: percentile bootstrap on log Var; kurtosis κ = E(S − S̄)⁴ / Var²: percentile bootstrap; both with the
bootstrap standard error. Analytic check: SE(log Var) ≈ sqrt((κ − 1)/B).
"""

import numpy as np

LEVEL = 0.95


def variance(sums: np.ndarray) -> np.ndarray:
    """Sample variance along the last axis (ddof 0)."""
    return sums.var(axis=-1)


def kurtosis(sums: np.ndarray) -> np.ndarray:
    """Pearson kurtosis E(S − S̄)⁴ / Var² along the last axis (3 for a Gaussian)."""
    centred = sums - sums.mean(axis=-1, keepdims=True)
    return (centred**4).mean(axis=-1) / (centred**2).mean(axis=-1) ** 2


def bootstrap_resamples(sums: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """(n_boot, B) resamples of the B sums, drawn with replacement."""
    return sums[rng.integers(0, len(sums), size=(n_boot, len(sums)))]


def percentile_ci(replicates: np.ndarray, level: float = LEVEL) -> tuple[float, float]:
    lo, hi = np.quantile(replicates, [(1 - level) / 2, (1 + level) / 2])
    return float(lo), float(hi)


def sum_statistics(sums: np.ndarray, n_boot: int, rng: np.random.Generator) -> dict:
    """Var and kurtosis of the sums with percentile CIs and bootstrap SEs (SE of Var on the log scale)."""
    sums = np.asarray(sums, dtype=np.float64)
    resampled = bootstrap_resamples(sums, n_boot, rng)
    var_reps, kurt_reps = variance(resampled), kurtosis(resampled)
    var_lo, var_hi = percentile_ci(var_reps)
    kurt_lo, kurt_hi = percentile_ci(kurt_reps)
    return {
        "B": len(sums),
        "var": float(variance(sums)),
        "var_lo": var_lo,
        "var_hi": var_hi,
        "log_var_se": float(np.log(var_reps).std()),
        "kurt": float(kurtosis(sums)),
        "kurt_lo": kurt_lo,
        "kurt_hi": kurt_hi,
        "kurt_se": float(kurt_reps.std()),
    }


def mean_se(x: np.ndarray) -> float:
    """Standard error of the mean over axis 0 (replicates): sd/√n, NaN for fewer than two values."""
    return float(np.std(x, ddof=1) / np.sqrt(len(x))) if len(x) > 1 else float("nan")
