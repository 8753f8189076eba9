"""The entropy-decay exponent γ of H_n − H_∞ ≍ n^(−γ), read off per-position losses L_n (spec §2.3, §4.2, C14).

* Convergence rule: the window is n = 1..n_c, contiguous from n = 1, with |L_n(P_max) − L_n(P_max/2)| ≤ ε at every
  n in it; fewer than 4 points and the model's γ is not reportable.
* γ_raw = −slope of the OLS of log L_n on log n over n = 1..n_last (the paper's estimate). Its error is half the
  spread of γ over the window choices n_last − 1, n_last, n_last + 1 (those with ≥ 2 points and data).
* γ_shift (sensitivity): L_n − H_∞ ≍ n^(−γ) with H_∞ on the grid [0, min L_n) step 0.005 maximising R²; the profile
  width is the γ range over offsets with R² ≥ R²_max − 0.001, and H_∞ is identifiable iff it is ≤ 0.15.
* The labelled estimator of C14: `model-converged` when the convergence rule gives ≥ 4 points; else `count-heldout`
  (character level only: the held-out n-gram cross-entropies of count_entropies.py over n = 1..n_a, the longest
  window from n = 1 with n ≤ 4 where held-out and plug-in agree within 0.1 nats, needing n_a ≥ 3; its neighbouring
  windows stay within n ≤ 4); else `collapse`
  (γ_c of the collapse scan, with its near-optimal half-range as error); else `none`.
"""

import numpy as np
import polars as pl

from lmtheory.scaling.power_law import loglog_fit
from lmtheory.scaling.shifted_power_law import shifted_loglog_profile

MIN_CONVERGED_POINTS = 4
SHIFT_STEP = 0.005
PROFILE_R2_DROP = 0.001
MAX_PROFILE_WIDTH = 0.15
COUNT_MAX_N = 4
COUNT_MIN_POINTS = 3
COUNT_AGREEMENT = 0.1


def _by_position(n, values) -> tuple[np.ndarray, np.ndarray]:
    """(n, values) sorted by n, restricted to n ≥ 1."""
    n, values = np.asarray(n), np.asarray(values, float)
    order = np.argsort(n)
    n, values = n[order], values[order]
    return n[n >= 1], values[n >= 1]


def leading_window(n, ok) -> np.ndarray:
    """The n = 1, 2, … that pass `ok`, up to (excluding) the first failure or gap: the window contiguous from n = 1."""
    n, ok = _by_position(n, ok)
    stop = np.flatnonzero(~ok.astype(bool) | (n != np.arange(1, n.size + 1)))
    return n[: stop[0] if stop.size else n.size]


def converged_window(n, loss_top, loss_half, eps: float) -> np.ndarray:
    """Positions n = 1..n_c where |L_n(P_max) − L_n(P_max/2)| ≤ ε, contiguous from n = 1 (spec §2.3)."""
    return leading_window(n, np.abs(np.asarray(loss_top, float) - np.asarray(loss_half, float)) <= eps)


def gamma_raw(n, losses, n_last: int) -> dict:
    """γ = −slope of log L_n on log n over n = 1..n_last, its R², and gamma_se = half the spread of γ over the
    windows n_last − 1, n_last, n_last + 1 (each used when it has ≥ 2 points in the data; n_last + 1 enters even
    when it lies outside the converged window, since the error measures the sensitivity to the window choice).

    Returns {'gamma', 'gamma_se', 'r2', 'window': (1, n_last), 'neighbours': {last n of a window: its γ}}.
    """
    n, losses = _by_position(n, losses)
    if n_last not in n or n_last < 2:
        raise ValueError(f"γ needs the positions n = 1..n_last with n_last ≥ 2 in the data, got n_last = {n_last}")
    lasts = [m for m in (n_last - 1, n_last, n_last + 1) if np.count_nonzero(n <= m) >= 2 and m <= n.max()]
    fits = {m: loglog_fit(n[n <= m], losses[n <= m]) for m in lasts}
    gammas = [-fit["slope"] for fit in fits.values()]
    return {
        "gamma": -fits[n_last]["slope"],
        "gamma_se": (max(gammas) - min(gammas)) / 2,
        "r2": fits[n_last]["r2"],
        "window": (1, int(n_last)),
        "neighbours": {m: -fit["slope"] for m, fit in fits.items()},
    }


def gamma_shift(n, losses, step: float = SHIFT_STEP) -> dict:
    """γ of L_n − H_∞ ≍ n^(−γ) over all given positions, H_∞ by the R² grid (spec §2.3).

    Returns {'gamma', 'h_inf', 'r2', 'profile_width', 'identifiable'}: the width is max − min of γ over offsets
    with R² ≥ R²_max − 0.001; H_∞ is identifiable iff the width is ≤ 0.15.
    """
    n, losses = _by_position(n, losses)
    profile = shifted_loglog_profile(n, losses, step)
    best = int(np.argmax(profile["r2"]))
    near = -profile["slope"][profile["r2"] >= profile["r2"][best] - PROFILE_R2_DROP]
    width = float(near.max() - near.min())
    return {
        "gamma": float(-profile["slope"][best]),
        "h_inf": float(profile["offset"][best]),
        "r2": float(profile["r2"][best]),
        "profile_width": width,
        "identifiable": width <= MAX_PROFILE_WIDTH,
    }


def count_window(count) -> np.ndarray:
    """Positions n = 1..n_a ≤ 4, contiguous from 1, where |held-out − plug-in| ≤ 0.1 nats (count: frame n, plugin,
    heldout)."""
    n = count["n"].to_numpy()
    agree = (np.abs(count["heldout"].to_numpy() - count["plugin"].to_numpy()) <= COUNT_AGREEMENT) & (n <= COUNT_MAX_N)
    return leading_window(n, agree)


def count_gamma(count) -> tuple[dict | None, str]:
    """(γ_raw of the held-out count entropies over count_window, or None when that window has fewer than
    COUNT_MIN_POINTS positions; the reason either way). count: the frame of count_entropy_table (n, plugin, heldout)."""
    agree = count_window(count)
    reason = (
        f"count: held-out and plug-in agree within {COUNT_AGREEMENT} nats for {agree.size} positions "
        f"n ≤ {COUNT_MAX_N} (need {COUNT_MIN_POINTS})"
    )
    if agree.size < COUNT_MIN_POINTS:
        return None, reason
    usable = count.filter(pl.col("n") <= COUNT_MAX_N)
    return gamma_raw(usable["n"].to_numpy(), usable["heldout"].to_numpy(), int(agree[-1])), reason


def select_gamma(n, loss_top, loss_half, eps: float, count=None, collapse: dict | None = None) -> dict:
    """The labelled γ of C14: {'gamma', 'gamma_se', 'r2', 'estimator', 'window', 'reason'}.

    n, loss_top, loss_half: per-position losses at P_max and P_max/2. count: the frame of count_entropy_table
    (n, plugin, heldout), passed only at character level, else None. collapse: the result of collapse_scan
    (gamma_c, gamma_c_se, on_edge), or None. window is (1, n_last), or None for `collapse` and `none`.
    """
    converged = converged_window(n, loss_top, loss_half, eps)
    reasons = [f"model: {converged.size} converged positions at ε = {eps} (need {MIN_CONVERGED_POINTS})"]
    if converged.size >= MIN_CONVERGED_POINTS:
        return _labelled(gamma_raw(n, loss_top, int(converged[-1])), "model-converged", reasons)
    if count is None:
        reasons.append("count: not offered (not character level)")
    else:
        fit, reason = count_gamma(count)
        reasons.append(reason)
        if fit is not None:
            return _labelled(fit, "count-heldout", reasons)
    if collapse is None or not np.isfinite(collapse["gamma_c"]) or collapse["on_edge"]:
        reasons.append("collapse: no minimum inside the grid")
        return _labelled({"gamma": np.nan, "gamma_se": np.nan, "r2": np.nan, "window": None}, "none", reasons)
    reasons.append("collapse: γ_c of the CQ minimum")
    fit = {"gamma": collapse["gamma_c"], "gamma_se": collapse["gamma_c_se"], "r2": np.nan, "window": None}
    return _labelled(fit, "collapse", reasons)


def _labelled(fit: dict, estimator: str, reasons: list[str]) -> dict:
    keys = ("gamma", "gamma_se", "r2", "window")
    return {key: fit[key] for key in keys} | {"estimator": estimator, "reason": "; ".join(reasons)}
