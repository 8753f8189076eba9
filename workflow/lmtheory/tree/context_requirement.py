"""The context a k-gram needs to sample faithfully, k*(n), and its growth with n (spec claim C14).

k*(n) is the smallest sampled context k (the grid b^ℓ ∪ ⌈n/r⌉) whose statistic reaches the threshold: the variance
ratio Var_gen/Var_true ≥ 0.9 for Ising, P(consistent) ≥ 0.5 for coloring. Ω(n) means k*(n)/n stays constant.

The measured k* is interpolated between the two grid points that bracket the first crossing, linearly in log k:
log k* = log k_a + (t − s_a)/(s_b − s_a)·(log k_b − log k_a); its 95% interval is the same interpolation with both
statistics moved by ∓2 SE (clipped to the bracket), so a grid cell is not presented as a measurement.
"""

import numpy as np
import polars as pl

SE_OF = {  # the standard error of each statistic that k* can be read from
    "var_ratio": pl.col("var_ratio") * pl.col("log_var_se"),
    "p_consistent": pl.col("p_consistent_se"),
}


def _crossing(log_k, s, threshold: float) -> float:
    """log k where the segment from (log_k[0], s[0]) to (log_k[1], s[1]) reaches the threshold, clipped to it."""
    if s[1] == s[0]:
        return float(log_k[1])
    return float(np.clip(log_k[0] + (threshold - s[0]) / (s[1] - s[0]) * (log_k[1] - log_k[0]), *log_k))


def interpolated_context(stats: pl.DataFrame, column: str, threshold: float) -> dict | None:
    """{'k_star', 'lo', 'hi', 'bracket': (k_a, k_b)}: k* interpolated between the last k below the threshold and the
    first reaching it, with its 95% interval; at the grid's first k (nothing below it) lo = 0 (k* ≤ that k). None if
    no sampled k reaches it."""
    table = stats.sort("k").with_columns(se=SE_OF[column])
    k, s, se = (table[c].to_numpy().astype(float) for c in ("k", column, "se"))
    reached = np.flatnonzero(s >= threshold)
    if reached.size == 0:
        return None
    b = int(reached[0])
    if b == 0:
        return {"k_star": k[0], "lo": 0.0, "hi": k[0], "bracket": (int(k[0]), int(k[0]))}
    pair = slice(b - 1, b + 1)
    log_k = np.log(k[pair])
    centre = _crossing(log_k, s[pair], threshold)
    early = _crossing(log_k, s[pair] + 2 * se[pair], threshold)  # a higher statistic crosses at a smaller k
    late = _crossing(log_k, s[pair] - 2 * se[pair], threshold)
    return {"k_star": np.exp(centre), "lo": np.exp(early), "hi": np.exp(late), "bracket": (int(k[b - 1]), int(k[b]))}


def growth_exponent(n: np.ndarray, k_star: np.ndarray) -> float:
    """OLS slope of log k* on log n (1 for a linear requirement)."""
    x, y = np.log(n), np.log(k_star)
    dx = x - x.mean()
    return float((dx * (y - y.mean())).sum() / (dx**2).sum())
