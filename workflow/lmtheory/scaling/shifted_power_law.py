"""Shifted power laws y − c ≍ x^slope, with the offset c chosen on a grid by the R² of the log–log fit.

For every c on the grid 0, step, 2·step, … < min y, OLS of log(y − c) on log x; the fitted c is the grid value of
largest R² (spec §2.3 γ_shift with step 0.005, §2.5 δ_n with step 0.002, §4.4 α̂_shift). R² of a simple regression
is b²·Sxx/Syy with b the slope, so the whole grid is one vectorised pass.
"""

import numpy as np

from lmtheory.fits import ols_slope


def shifted_loglog_profile(x, y, step: float) -> dict:
    """R² profile of log(y − c) on log x over offsets c = 0, step, … < min y.

    Returns {'offset', 'slope', 'intercept', 'r2'}: arrays over the grid, with intercept the OLS intercept of each
    fit. Needs ≥ 3 points (with 2 every offset fits exactly) and y > 0.
    """
    lx, y = np.log(np.asarray(x, float)), np.asarray(y, float)
    if lx.size < 3 or np.ptp(lx) == 0:
        raise ValueError(f"a shifted power-law fit needs at least 3 points with distinct x, got {lx.size}")
    if not np.all(y > 0):
        raise ValueError("a shifted power-law fit needs y > 0")
    offset = np.arange(0.0, y.min(), step)
    ly = np.log(y[None, :] - offset[:, None])
    slope = ols_slope(lx, ly)
    dx = lx - lx.mean()
    syy = ((ly - ly.mean(axis=1, keepdims=True)) ** 2).sum(axis=1)
    r2 = np.where(syy > 0, slope**2 * (dx**2).sum() / np.where(syy > 0, syy, 1.0), 1.0)
    intercept = ly.mean(axis=1) - slope * lx.mean()
    return {"offset": offset, "slope": slope, "intercept": intercept, "r2": r2}


def shifted_loglog_fit(x, y, step: float) -> dict:
    """The R²-maximising offset c on the grid and its fit: {'offset', 'slope', 'intercept', 'r2', 'n_points'}."""
    profile = shifted_loglog_profile(x, y, step)
    best = int(np.argmax(profile["r2"]))
    return {key: float(values[best]) for key, values in profile.items()} | {"n_points": int(np.size(x))}
