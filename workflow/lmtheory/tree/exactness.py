"""Exact leaf law of a small broadcast tree and a χ² goodness-of-fit test of samples against it.

P(x) = Σ_c π(c) Λ_root(c), with Λ the upward likelihood of the leaves (sum-product), evaluated for every one of
the q^n leaf sequences at once; feasible only for small n.
"""

import itertools

import numpy as np

from lmtheory.tree.trees import Broadcast


def all_sequences(q: int, n: int) -> np.ndarray:
    """All q^n sequences in lexicographic order (which is the order of their base-q keys)."""
    return np.array(list(itertools.product(range(q), repeat=n)), dtype=np.uint8)


def leaf_law(tree: Broadcast) -> np.ndarray:
    """P(x) for every leaf sequence x, in the order of `all_sequences` (length q^n)."""
    x = all_sequences(tree.q, tree.n)
    likelihood = np.eye(tree.q)[x]  # (q^n, nodes, q)
    for _ in range(tree.d):
        message = likelihood @ tree.channel.T
        likelihood = message.reshape(len(x), -1, tree.b, tree.q).prod(axis=2)
    return likelihood[:, 0, :] @ tree.prior


def sequence_index(tokens: np.ndarray, q: int) -> np.ndarray:
    """Base-q key of each whole sequence = its index in `all_sequences`."""
    return (tokens.astype(np.int64) * q ** np.arange(tokens.shape[1] - 1, -1, -1)).sum(axis=1)


def goodness_of_fit(tokens: np.ndarray, law: np.ndarray, q: int) -> dict:
    """Pearson χ² of the empirical sequence counts against `law` (cells with zero probability must be empty)."""
    from scipy import stats  # here, not at the top: the many jobs that import this module for all_sequences (corpus,
    # coloring, the transformers) would each pay scipy.stats's ≈ 0.7 s import (benchmarks/workflow_overhead.py)

    counts = np.bincount(sequence_index(tokens, q), minlength=len(law))
    expected = law * len(tokens)
    support = law > 0
    if counts[~support].any():
        raise ValueError("samples hit sequences of probability zero")
    chi2 = float((((counts - expected) ** 2)[support] / expected[support]).sum())
    df = int(support.sum() - 1)
    return {
        "chi2": chi2,
        "df": df,
        "p_value": float(stats.chi2.sf(chi2, df)),
        "tv": float(0.5 * np.abs(counts / len(tokens) - law).sum()),
        "samples": len(tokens),
    }
