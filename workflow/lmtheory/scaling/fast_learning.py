"""The fast-learning exponents δ_n of L_n(P) = A P^(−δ_n) + H_n above the data threshold P*_n (spec §2.5, C9).

P*_n = N_0 · (floor(N_0)/‖C(n)‖_op)²: the P at which the permutation floor, scaled as 1/√P from the N_0 tokens it
was measured on, meets the signal [O]. δ_n and H_n come from the rungs P ≥ 10 P*_n, H_n on the grid 0, 0.002, …
< min_P L_n maximising the R² of log(L_n − H_n) on log P; A = exp(intercept). Fast learning: δ_n > γ/(2β).
"""

import numpy as np

from .shifted_power_law import shifted_loglog_fit

THRESHOLD_FACTOR = 10
OFFSET_STEP = 0.002


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
