"""Per-context statistics of Ising sums and the exact curves they are compared with.

For each context k (ℓ = log_b k): Var/n and kurtosis of S = Σ σ_i with bootstrap CIs (stats.py), the exact true
Var/n (§3.1) and kurtosis (§3.2), the exact 1-gram Var/n (§2.4), and the ratio Var_gen/Var_true.
"""

import numpy as np
import polars as pl

from lmtheory.stats import sum_statistics
from lmtheory.tree.moments import ising_kgram1_var_over_n, ising_kurtosis, ising_var_over_n


def ising_sums(tokens: np.ndarray) -> np.ndarray:
    """S = Σ_i σ_i = 2 Σ_i x_i − n of each sequence of tokens x_i ∈ {0, 1} (σ = 2x − 1), summed without a spin copy."""
    return 2 * tokens.sum(axis=1, dtype=np.int64) - tokens.shape[1]


def truth_table(b: int, theta: float, max_depth: int) -> pl.DataFrame:
    """Exact Var/n and kurtosis of the true sum for d = 1..max_depth."""
    depths = list(range(1, max_depth + 1))
    return pl.DataFrame(
        {
            "d": depths,
            "var_n": [ising_var_over_n(b, theta, d) for d in depths],
            "kurt": [ising_kurtosis(b, theta, d) for d in depths],
        }
    )


def context_statistics(
    sums_by_k: dict[int, np.ndarray], b: int, theta: float, d: int, n_boot: int, rng
) -> pl.DataFrame:
    """One row per context k with the sums' statistics, the exact references and Var_gen/Var_true."""
    n = b**d
    true_var_n, true_kurt = ising_var_over_n(b, theta, d), ising_kurtosis(b, theta, d)
    k1_var_n = ising_kgram1_var_over_n(b, theta, d)
    rows = []
    for k in sorted(sums_by_k):
        s = sum_statistics(sums_by_k[k], n_boot, rng)
        rows.append(
            {
                "k": k,
                "ell": float(np.log(k) / np.log(b)),
                "n": n,
                "B": s["B"],
                "var_n": s["var"] / n,
                "var_n_lo": s["var_lo"] / n,
                "var_n_hi": s["var_hi"] / n,
                "log_var_se": s["log_var_se"],
                "kurt": s["kurt"],
                "kurt_lo": s["kurt_lo"],
                "kurt_hi": s["kurt_hi"],
                "kurt_se": s["kurt_se"],
                "true_var_n": true_var_n,
                "true_kurt": true_kurt,
                "k1_var_n": k1_var_n,
                "var_ratio": s["var"] / n / true_var_n,
            }
        )
    return pl.DataFrame(rows)
