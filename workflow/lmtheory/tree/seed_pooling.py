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


def pool_seeds(table: pl.DataFrame, value: str, se: str, by: str = "k") -> list[dict]:
    """Per group of `by` (sorted): {by, value: mean over seeds, se: pooled_se, seeds: S, per_seed: the v_s in seed
    order, B: the samples of one seed}."""
    if "seed" not in table.columns:
        table = table.with_columns(seed=pl.lit(1))
    rows = []
    for (key,), group in table.sort(by, "seed").group_by(by, maintain_order=True):
        v, s = group[value].to_numpy(), group[se].to_numpy()
        row = {by: key, "value": float(v.mean()), "se": pooled_se(v, s), "seeds": group.height, "per_seed": v.tolist()}
        rows.append(row | ({"B": int(group["B"][0])} if "B" in group.columns else {}))
    return rows


def seeds_text(row: dict, digits: int = 3) -> str:
    """' (seeds: v_1, v_2, v_3)' for a pooled row of more than one seed, else ''."""
    if row["seeds"] < 2:
        return ""
    return " (seeds: " + ", ".join(f"{v:.{digits}f}" for v in row["per_seed"]) + ")"
