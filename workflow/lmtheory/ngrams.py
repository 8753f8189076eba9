"""n-gram counting into sorted polars tables.

A window w_0..w_{L−1} of a q-ary sequence is packed into the integer key Σ_i w_i q^(L−1−i). Keys of every window
are built by doubling (keys of length 2m from two keys of length m), O(log L) vector passes over the corpus; the
(k+1)-gram table is then (context = key // q, next = key mod q, count), sorted by (context, next).
"""

import numpy as np
import polars as pl

DENSE_LIMIT = 1 << 24  # count with bincount when q^(k+1) is at most this many cells, else sort-based


def window_keys(tokens: np.ndarray, length: int, q: int) -> np.ndarray:
    """Base-q keys of all windows of `length` inside each row of `tokens` (N, n); returns (N, n − length + 1)."""
    if length < 1 or length > tokens.shape[1]:
        raise ValueError(f"window length must be in [1, {tokens.shape[1]}], got {length}")
    if length * np.log2(q) >= 64:
        raise ValueError(f"windows of length {length} over {q} symbols do not fit in 64-bit keys")
    x = tokens.astype(np.uint64)

    def keys(m: int) -> np.ndarray:
        if m == 1:
            return x
        if m % 2:
            shorter = keys(m - 1)
            return shorter[:, :-1] * np.uint64(q) + x[:, m - 1 :]
        half = keys(m // 2)
        return half[:, : half.shape[1] - m // 2] * np.uint64(q ** (m // 2)) + half[:, m // 2 :]

    return keys(length)


def count_ngrams(tokens: np.ndarray, k: int, q: int) -> pl.DataFrame:
    """Counts of (context of k tokens, next token) over all windows inside the rows of `tokens`."""
    keys = window_keys(tokens, k + 1, q).ravel()
    cells = q ** (k + 1)
    if cells <= DENSE_LIMIT:
        counts = np.bincount(keys.astype(np.int64), minlength=cells)
        key = np.flatnonzero(counts).astype(np.uint64)
        counts = counts[key.astype(np.int64)]
    else:
        key, counts = np.unique(keys, return_counts=True)
    return pl.DataFrame(
        {
            "context": key // np.uint64(q),
            "next": (key % np.uint64(q)).astype(np.uint8),
            "count": counts.astype(np.uint64),
        }
    )
