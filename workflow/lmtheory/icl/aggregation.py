"""Aggregating N decodes (spec A.3.4), for every prefix N' ≤ N of a nested candidate set (spec C.1).

- best-of-N with the in-context verifier: the candidate minimising L̂(w) = (1/n)||y − Xw||² (binary: w = b/√d); ties
  go to the first index;
- oracle: the candidate minimising the true risk (binary: success if any candidate equals b*);
- majority vote (binary): b̂_j = sign(Σ_{s ≤ N} b_j^{(s)}), meaningful for odd N (0 on a tie, never equal to b*_j);
- mean aggregation (continuous): w̄ = (1/N) Σ_s w^{(s)}.

All functions take arrays with prompts on axis 0 and candidates on axis 1.
"""

import numpy as np


def in_context_loss(X: np.ndarray, y: np.ndarray, W: np.ndarray) -> np.ndarray:
    """L̂(w) = (1/n)||y − Xw||² for candidates W (T, N, d) of prompts X (T, n, d), y (T, n): (T, N)."""
    fits = W @ np.swapaxes(X, 1, 2)  # (T, N, n) = C Xᵀ
    return np.mean((y[:, None, :] - fits) ** 2, axis=-1)


def prefix_argmin(scores: np.ndarray) -> np.ndarray:
    """For each prefix length N' = 1..N, the index of the first minimum of scores[:, :N'], shape (T, N)."""
    T, N = scores.shape
    running = np.minimum.accumulate(scores, axis=1)
    improves = np.ones((T, N), dtype=bool)
    improves[:, 1:] = scores[:, 1:] < running[:, :-1]
    return np.maximum.accumulate(np.where(improves, np.arange(N), 0), axis=1)


def _at(prefixes: np.ndarray, Ns) -> np.ndarray:
    return prefixes if Ns is None else prefixes[:, np.asarray(Ns, dtype=int) - 1]


def best_of_n(scores: np.ndarray, values: np.ndarray, Ns=None) -> np.ndarray:
    """values[t, argmin of scores over the first N' candidates] for every prefix N' (or those in Ns).

    scores (T, N); values (T, N) or (T, N, ...); returns (T, len) or (T, len, ...).
    """
    index = _at(prefix_argmin(scores), Ns)
    index = index.reshape(index.shape + (1,) * (values.ndim - 2))
    return np.take_along_axis(values, index, axis=1)


def oracle_min(values: np.ndarray, Ns=None) -> np.ndarray:
    """Smallest value among the first N' candidates (oracle verifier on the true risk), (T, len)."""
    return _at(np.minimum.accumulate(values, axis=1), Ns)


def any_success(success: np.ndarray, Ns=None) -> np.ndarray:
    """Whether any of the first N' candidates succeeds (binary oracle, pass@N'), (T, len)."""
    return _at(np.logical_or.accumulate(success, axis=1), Ns)


def majority_vote(b: np.ndarray, Ns=None) -> np.ndarray:
    """Coordinate-wise majority sign(Σ_{s ≤ N'} b^{(s)}) of ±1 decodes b (T, N, d) for each prefix: (T, len, d)."""
    votes = np.cumsum(b, axis=1, dtype=np.int32)
    return np.sign(votes[:, np.asarray(Ns, dtype=int) - 1] if Ns is not None else votes).astype(np.int8)


def prefix_mean(W: np.ndarray, Ns=None) -> np.ndarray:
    """Mean of the first N' candidates for each prefix, W (T, N, d) → (T, len, d)."""
    means = np.cumsum(W, axis=1) / np.arange(1, W.shape[1] + 1)[None, :, None]
    return _at(means, Ns)


def exact_recovery(b: np.ndarray, b_star: np.ndarray) -> np.ndarray:
    """1[b = b*] over the last axis, b (T, ..., d) and b* (T, d)."""
    target = b_star.reshape(b_star.shape[:1] + (1,) * (b.ndim - 2) + b_star.shape[1:])
    return np.all(b == target, axis=-1)
