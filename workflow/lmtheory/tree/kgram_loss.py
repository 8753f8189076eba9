"""Teacher-forced cross-entropy of the exact k-gram on true sequences (spec §3.7).

CE_k(x) = −(1/n) Σ_t log P_k(x_t | x_{t−k:t}) per sequence; at k = n it is the true per-token entropy rate of the
sequence, so CE_k − CE_n is the excess loss of a context-k model, which decays like 1/k (a factor 1/b per level).
"""

import numpy as np
import polars as pl

from lmtheory.fits import log_excess_slope, paired_excess
from lmtheory.stats import LEVEL
from lmtheory.tree.exact_kgram import ExactKGram
from lmtheory.tree.trees import Broadcast


def teacher_forced_loss(tree: Broadcast, tokens: np.ndarray, ks: list[int]) -> pl.DataFrame:
    """Per-sequence mean cross-entropy (nats/token) of the exact k-gram for every k: columns k, seq, ce."""
    frames = []
    for k in ks:
        ce = -ExactKGram(tree, k).log_probs(tokens).mean(axis=1)
        frames.append(pl.DataFrame({"k": k, "seq": np.arange(len(tokens), dtype=np.uint32), "ce": ce}))
    return pl.concat(frames)


def excess_loss_fit(loss: pl.DataFrame, b: int, d: int, min_level: float, max_level_gap: float, n_boot: int, rng):
    """C9's fit of a teacher-forced loss table (k, seq, ce): the excess CE_k − CE_n per k (paired bootstrap CI over
    sequences) and the slope of log_b(excess) on ℓ = log_b k over min_level ≤ ℓ ≤ d − max_level_gap, k = b^ℓ only,
    at the levels whose excess is resolved from 0 in every replicate (slope None with fewer than 2)."""
    wide = loss.pivot(on="k", index="seq", values="ce").sort("seq")
    ks = sorted(int(k) for k in wide.columns if k != "seq")
    ce = wide.select([str(k) for k in ks]).to_numpy()
    excess, reps = paired_excess(ce, wide[str(b**d)].to_numpy(), n_boot, rng)
    lo, hi = np.quantile(reps, [(1 - LEVEL) / 2, (1 + LEVEL) / 2], axis=0)
    levels = np.log(ks) / np.log(b)
    in_range = (levels >= min_level - 1e-9) & (levels <= d - max_level_gap + 1e-9)
    in_range &= np.isclose(levels, np.round(levels))  # k = b^ℓ only, not the ⌈n/r⌉ grid
    resolved = (reps > 0).all(axis=0)  # a logarithm needs the excess resolved from 0 in every bootstrap replicate
    fit = in_range & resolved
    result = {
        "ks": ks,
        "levels": levels.round(9).tolist(),
        "excess": excess.tolist(),
        "excess_lo": lo.tolist(),
        "excess_hi": hi.tolist(),
        "sequences": ce.shape[0],
        "fit_levels": levels[fit].round(9).tolist(),
        "unresolved_levels": levels[in_range & ~resolved].round(9).tolist(),
    }
    if fit.sum() >= 2:
        return result | log_excess_slope(levels[fit], excess[fit], reps[:, fit], b)
    return result | {"slope": None}


def paired_gap(k: int, model_ce: np.ndarray, kgram_ce: np.ndarray) -> dict:
    """C16's row for context k: per-sequence CE of a model minus that of the exact k-gram on the same held-out
    sequences, its mean and SE."""
    gap = model_ce - kgram_ce
    return {
        "k": k,
        "sequences": len(gap),
        "ce_transformer": float(model_ce.mean()),
        "ce_kgram": float(kgram_ce.mean()),
        "gap": float(gap.mean()),
        "gap_se": float(gap.std(ddof=1) / np.sqrt(len(gap))),
    }
