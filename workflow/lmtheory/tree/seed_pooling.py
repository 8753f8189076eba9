"""Pooling a transformer measurement over its training seeds (tree paper C16: 3 seeds per context k).

Seed s gives a value v_s with sampling SE σ_s. The pooled value is the mean v̄ over the S seeds and its SE is
√(max(s², mean σ_s²) / S), s² the sample variance of the v_s: the seed spread, which holds each seed's sampling noise
and the training variation, or, when S seeds agree more closely than their sampling errors allow (or S = 1), the
sampling SE of the mean. A table without a `seed` column is one seed.
"""

import numpy as np
import polars as pl


def pooled_se(values: np.ndarray, ses: np.ndarray) -> float:
    """√(max(s², mean σ²) / S) for per-seed values and their SEs (module docstring)."""
    values, ses = np.asarray(values, float), np.asarray(ses, float)
    spread = values.var(ddof=1) if len(values) > 1 else 0.0
    return float(np.sqrt(max(spread, np.mean(ses**2)) / len(values)))


def seeded(table: pl.DataFrame) -> pl.DataFrame:
    """`table` with a `seed` column: 1 throughout when it has none (one seed)."""
    return table if "seed" in table.columns else table.with_columns(seed=pl.lit(1))


def pooled(values, ses) -> dict:
    """{value: the mean of the per-seed values, se: pooled_se, seeds: S, per_seed: the values}."""
    values = np.asarray(values, float)
    mean, se = float(values.mean()), pooled_se(values, ses)
    return {"value": mean, "se": se, "seeds": len(values), "per_seed": values.tolist()}


def pool_seeds(table: pl.DataFrame, value: str, se: str) -> list[dict]:
    """Per context k (sorted): {k, pooled(the seeds' `value`, `se`), B: the samples of one seed}."""
    rows = []
    for (k,), group in seeded(table).sort("k", "seed").group_by("k", maintain_order=True):
        row = {"k": k, **pooled(group[value].to_numpy(), group[se].to_numpy())}
        rows.append(row | ({"B": int(group["B"][0])} if "B" in group.columns else {}))
    return rows


def seeds_text(row: dict, digits: int = 3) -> str:
    """' (seeds: v_1, v_2, v_3)' for a pooled row of more than one seed, else ''."""
    if row["seeds"] < 2:
        return ""
    return " (seeds: " + ", ".join(f"{v:.{digits}f}" for v in row["per_seed"]) + ")"
