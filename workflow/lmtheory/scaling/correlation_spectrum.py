"""The spectrum check of Ĉ(n) (spec §2.2.7, claim C10): a few large singular values above a power-law bulk.

Per lag, from the logged singular values σ_1 ≥ σ_2 ≥ … ≥ σ_k (k ≥ 50): σ_r is large when σ_r > 3·median(σ_11..σ_50),
and n_large counts them. The rest, ranks r = n_large+1..k, must decay as a power law: OLS of log σ_r on log r with
R² ≥ 0.9. A lag passes when n_large ≤ 10 and the bulk R² ≥ 0.9.
"""

import numpy as np
import polars as pl

from lmtheory.scaling.power_law import loglog_fit


def spectrum_check(
    table: pl.DataFrame,
    large_factor: float = 3.0,
    max_large: int = 10,
    bulk_ranks: tuple[int, int] = (11, 50),
    r2_min: float = 0.9,
) -> pl.DataFrame:
    """One row per lag of a `correlation_table` (logged with top_k ≥ bulk_ranks[1]): lag, n_large, bulk_slope,
    bulk_r2, passes. Zero singular values (rank-deficient Ĉ) are left out of the bulk fit."""
    first, last = bulk_ranks
    rows = []
    for lag, values in zip(table["lag"], table["singular_values"], strict=True):
        values = np.asarray(values, float)
        if values.size < last:
            raise ValueError(
                f"the spectrum check needs the top {last} singular values per lag (top_k ≥ {last}), "
                f"lag {lag} has {values.size}"
            )
        n_large = int(np.sum(values > large_factor * np.median(values[first - 1 : last])))
        ranks = np.arange(1, values.size + 1)
        bulk = (ranks > n_large) & (values > 0)
        fit = loglog_fit(ranks[bulk], values[bulk])
        rows.append(
            {
                "lag": int(lag),
                "n_large": n_large,
                "bulk_slope": fit["slope"],
                "bulk_r2": fit["r2"],
                "passes": n_large <= max_large and fit["r2"] >= r2_min,
            }
        )
    return pl.DataFrame(rows)
