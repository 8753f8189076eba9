"""n-gram counting into sorted polars tables.

A window w_0..w_{L−1} of a q-ary sequence is packed into the integer key Σ_i w_i q^(L−1−i). Keys of every window
are built by doubling (keys of length 2m from two keys of length m), O(log L) vector passes over the corpus. The
(k+1)-gram table is (context = key // q, next = key mod q, count), sorted by (context, next): a bincount over row
blocks when the q^(k+1) cells fit in memory, a sort otherwise.
"""

import numpy as np
import polars as pl

DENSE_LIMIT = 1 << 24  # count with bincount when q^(k+1) is at most this many cells, else sort-based
CHUNK_TOKENS = 1 << 18  # dense counting runs over row blocks of about this many tokens, which stay in cache


def key_dtype(length: int, q: int):
    """Smallest unsigned integer type holding base-q keys of windows of `length` symbols."""
    bits = length * np.log2(q)
    for dtype in (np.uint16, np.uint32, np.uint64):
        if bits <= np.iinfo(dtype).bits:
            return dtype
    raise ValueError(f"windows of length {length} over {q} symbols do not fit in 64-bit keys")


def window_keys(tokens: np.ndarray, length: int, q: int) -> np.ndarray:
    """Base-q keys of all windows of `length` inside each row of `tokens` (N, n); returns (N, n − length + 1)."""
    if length < 1 or length > tokens.shape[1]:
        raise ValueError(f"window length must be in [1, {tokens.shape[1]}], got {length}")
    dtype = key_dtype(length, q)
    x = tokens.astype(dtype)

    def keys(m: int) -> np.ndarray:
        if m == 1:
            return x
        if m % 2:
            shorter = keys(m - 1)
            return shorter[:, :-1] * dtype(q) + x[:, m - 1 :]
        half = keys(m // 2)
        return half[:, : half.shape[1] - m // 2] * dtype(q ** (m // 2)) + half[:, m // 2 :]

    return keys(length)


def count_ngrams(tokens: np.ndarray, k: int, q: int) -> pl.DataFrame:
    """Counts of (context of k tokens, next token) over all windows inside the rows of `tokens`."""
    cells = q ** (k + 1)
    if cells <= DENSE_LIMIT:
        rows = max(1, CHUNK_TOKENS // tokens.shape[1])
        counts = np.zeros(cells, np.int64)
        for start in range(0, tokens.shape[0], rows):
            counts += np.bincount(window_keys(tokens[start : start + rows], k + 1, q).ravel(), minlength=cells)
        key = np.flatnonzero(counts)
        counts = counts[key]
    else:
        key, counts = np.unique(window_keys(tokens, k + 1, q).ravel(), return_counts=True)
    key = key.astype(np.uint64)
    return pl.DataFrame(
        {
            "context": key // np.uint64(q),
            "next": (key % np.uint64(q)).astype(np.uint8),
            "count": counts.astype(np.uint64),
        }
    )
