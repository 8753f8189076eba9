"""Power-law fits in log–log space: y ≍ x^slope, fitted by OLS of log y on log x (natural logs).

`loglog_fit` returns slope, intercept and R²; `bootstrap_loglog_slope` resamples the (x, y) points with replacement
and refits (spec §4.1: the SD over resamples is the slope's error); `first_m_slopes` fits the first m points for
every m of a sweep (spec §4.4).
"""

import numpy as np

from lmtheory.fits import ols_slope


def loglog_fit(x, y) -> dict:
    """OLS of log y on log x: {'slope', 'intercept', 'r2', 'n_points'}; needs ≥ 2 distinct positive x and y > 0."""
    lx, ly = np.log(np.asarray(x, float)), np.log(np.asarray(y, float))
    if lx.size < 2 or np.ptp(lx) == 0:
        raise ValueError(f"a log-log fit needs at least 2 distinct x, got {lx.size}")
    if not np.all(np.isfinite(ly)):
        raise ValueError("a log-log fit needs positive finite y")
    slope = float(ols_slope(lx, ly))
    intercept = float(ly.mean() - slope * lx.mean())
    resid = ly - (intercept + slope * lx)
    total = ((ly - ly.mean()) ** 2).sum()
    r2 = float(1 - (resid**2).sum() / total) if total > 0 else 1.0
    return {"slope": slope, "intercept": intercept, "r2": r2, "n_points": int(lx.size)}


def bootstrap_loglog_slope(x, y, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Slopes of log y on log x over n_boot resamples of the points with replacement (resamples whose x are all
    equal are skipped, so fewer than n_boot may come back)."""
    lx, ly = np.log(np.asarray(x, float)), np.log(np.asarray(y, float))
    idx = rng.integers(0, lx.size, size=(n_boot, lx.size))
    keep = np.ptp(lx[idx], axis=1) > 0
    idx = idx[keep]
    xs, ys = lx[idx], ly[idx]
    dx = xs - xs.mean(axis=1, keepdims=True)
    return ((ys - ys.mean(axis=1, keepdims=True)) * dx).sum(axis=1) / (dx**2).sum(axis=1)


def first_m_slopes(x, y, ms) -> dict[int, float]:
    """{m: log-log slope over the first m points (x sorted ascending)} for each m ≤ len(x)."""
    order = np.argsort(np.asarray(x, float))
    x, y = np.asarray(x, float)[order], np.asarray(y, float)[order]
    return {int(m): loglog_fit(x[:m], y[:m])["slope"] for m in ms if 2 <= m <= x.size}
