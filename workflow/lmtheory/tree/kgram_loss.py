"""Teacher-forced cross-entropy of the exact k-gram on true sequences (spec §3.7).

CE_k(x) = −(1/n) Σ_t log P_k(x_t | x_{t−k:t}) per sequence; at k = n it is the true per-token entropy rate of the
sequence, so CE_k − CE_n is the excess loss of a context-k model, which decays like 1/k (a factor 1/b per level).
"""

import numpy as np
import polars as pl

from lmtheory.tree.exact_kgram import ExactKGram
from lmtheory.tree.trees import Broadcast


def teacher_forced_loss(tree: Broadcast, tokens: np.ndarray, ks: list[int]) -> pl.DataFrame:
    """Per-sequence mean cross-entropy (nats/token) of the exact k-gram for every k: columns k, seq, ce."""
    frames = []
    for k in ks:
        ce = -ExactKGram(tree, k).log_probs(tokens).mean(axis=1)
        frames.append(pl.DataFrame({"k": k, "seq": np.arange(len(tokens), dtype=np.uint32), "ce": ce}))
    return pl.concat(frames)
