"""The fast-learning exponents δ_n of L_n(P) = A P^(−δ_n) + H_n above the data threshold P*_n (spec §2.5, C9).

P*_n = N_0 · (floor(N_0)/‖C(n)‖_op)²: the P at which the permutation floor, scaled as 1/√P from the N_0 tokens it
was measured on, meets the signal [O]. δ_n and H_n come from the rungs P ≥ 10 P*_n, H_n on the grid 0, 0.002, …
< min_P L_n maximising the R² of log(L_n − H_n) on log P; A = exp(intercept). Fast learning: δ_n > γ/(2β).
"""

import numpy as np

from lmtheory.scaling.shifted_power_law import shifted_loglog_fit

THRESHOLD_FACTOR = 10
OFFSET_STEP = 0.002
MIN_R2 = 0.9  # a δ_n counts only with a fit R² at least this (spec §4 step 6)


def data_threshold(op_norm, floor: float, n_tokens: int):
    """P*_n = N_0 · (floor/‖C(n)‖_op)² for the floor measured on N_0 = n_tokens tokens."""
    return n_tokens * (floor / np.asarray(op_norm, float)) ** 2


def fast_learning_exponent(P, loss, p_star: float) -> dict:
    """δ_n from the rungs P ≥ 10 P*_n: {'delta', 'h_n', 'amplitude', 'r2', 'n_points'} (NaN below 3 rungs)."""
    P, loss = np.asarray(P, float), np.asarray(loss, float)
    keep = P >= THRESHOLD_FACTOR * p_star
    if np.unique(P[keep]).size < 3:
        return {"delta": np.nan, "h_n": np.nan, "amplitude": np.nan, "r2": np.nan, "n_points": int(keep.sum())}
    fit = shifted_loglog_fit(P[keep], loss[keep], OFFSET_STEP)
    return {
        "delta": -fit["slope"],
        "h_n": fit["offset"],
        "amplitude": float(np.exp(fit["intercept"])),
        "r2": fit["r2"],
        "n_points": fit["n_points"],
    }


def op_norm_at(n, lags, op_norm) -> np.ndarray:
    """‖C(n)‖_op at the positions n, log-log interpolated between the measured lags (constant beyond them)."""
    return np.exp(np.interp(np.log(np.asarray(n, float)), np.log(lags), np.log(op_norm)))


def fast_learning_rows(n_max: int, lags, op_norm, floor: float, n_tokens: int, P, losses, alpha_pred) -> list[dict]:
    """Per position n = 1..n_max: P*_n, δ_n with its fit, and whether it shows fast learning, δ_n > α_pred with
    R² ≥ 0.9 (None without a fit or without α_pred). `losses` is (positions, rungs): L_n(P) of the rungs P."""
    positions = np.arange(1, n_max + 1)
    p_stars = data_threshold(op_norm_at(positions, lags, op_norm), floor, n_tokens)
    rows = []
    for n, p_star in zip(positions, p_stars, strict=True):
        fit = fast_learning_exponent(P, losses[n - 1], p_star)
        decided = np.isfinite(fit["delta"]) and np.isfinite(alpha_pred)
        fast = bool(fit["r2"] >= MIN_R2 and fit["delta"] > alpha_pred) if decided else None
        rows.append({"n": int(n), "p_star": float(p_star), **fit, "fast": fast})
    return rows
