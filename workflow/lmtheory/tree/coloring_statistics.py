"""Per-context statistics of coloring sequences (spec §4.2): P(consistent), frozen roots, first violations per height.

ε at height h is the per-node first-violation rate: first violations at height h / (B · n/b^h); its SE is the
standard deviation of the per-sequence rates over √B (nodes within a sequence are not independent).
"""

import numpy as np
import polars as pl

from lmtheory.tree.coloring import consistency


def context_consistency(
    tokens_by_k: dict[int, np.ndarray], q: int, b: int, d: int
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(per-k table: P(consistent), frozen-root fraction with binomial SEs; per-(k, height) first-violation rates)."""
    n = b**d
    per_k, per_height = [], []
    for k in sorted(tokens_by_k):
        out = consistency(tokens_by_k[k], q, b)
        size = len(out["consistent"])
        p, frozen = out["consistent"].mean(), out["root_frozen"].mean()
        per_k.append(
            {
                "k": k,
                "ell": float(np.log(k) / np.log(b)),
                "n": n,
                "n_over_k": n / k,
                "B": size,
                "consistent": int(out["consistent"].sum()),
                "p_consistent": float(p),
                "p_consistent_se": float(np.sqrt(p * (1 - p) / size)),
                "frozen_root": float(frozen),
                "frozen_root_se": float(np.sqrt(frozen * (1 - frozen) / size)),
            }
        )
        for h in range(1, d + 1):
            rate = out["first_violations"][:, h] / (n // b**h)
            per_height.append(
                {
                    "k": k,
                    "height": h,
                    "nodes": n // b**h,
                    "B": size,
                    "violations": int(out["first_violations"][:, h].sum()),
                    "rate": float(rate.mean()),
                    "rate_se": float(rate.std(ddof=1) / np.sqrt(size)) if size > 1 else 0.0,
                }
            )
    return pl.DataFrame(per_k), pl.DataFrame(per_height)
