"""The context a k-gram needs to sample faithfully, k*(n), and its growth with n (spec claim C14).

k*(n) is the smallest sampled context k (the grid b^ℓ ∪ ⌈n/r⌉) whose statistic reaches the threshold: the variance
ratio Var_gen/Var_true ≥ 0.9 for Ising, P(consistent) ≥ 0.5 for coloring. Ω(n) means k*(n)/n stays constant.
"""

import numpy as np
import polars as pl


def required_context(stats: pl.DataFrame, column: str, threshold: float) -> int | None:
    """Smallest k with stats[column] ≥ threshold (None if no sampled k reaches it)."""
    reached = stats.filter(pl.col(column) >= threshold).sort("k")
    return int(reached["k"][0]) if reached.height else None


def growth_exponent(n: np.ndarray, k_star: np.ndarray) -> float:
    """OLS slope of log k* on log n (1 for a linear requirement)."""
    x, y = np.log(n), np.log(k_star)
    dx = x - x.mean()
    return float((dx * (y - y.mean())).sum() / (dx**2).sum())
