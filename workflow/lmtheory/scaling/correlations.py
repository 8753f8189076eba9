"""The lagged correlation matrix Ĉ(n) of a token stream, its norms and its permutation noise floor (spec §2.2).

For lag n the pairs (a_i, b_i) = (x_i, x_{i+n}), i = 1..N_n, give the joint J_μν = #{i: a_i=μ, b_i=ν}/N_n, the
endpoint marginals p = bincount(a)/N_n, q = bincount(b)/N_n and Ĉ(n) = J − p qᵀ (V×V, the full vocabulary).

* ‖Ĉ‖_op is the top singular value: ARPACK (`svds`) on the operator v ↦ Jv − p(q·v), vᵀ ↦ Jᵀv − q(p·v), so Ĉ is
  never formed; for V ≤ 256 a dense SVD (as fast there, and valid for any k ≤ V).
* ‖Ĉ‖_F² = ‖J‖_F² − 2 pᵀJq + ‖p‖²‖q‖² in closed form. For independent a and b its expectation is the noise
  (1 − Σp²)(1 − Σq²)/N_n (≈ 1/N_n, spec §2.2.6), which the debiased norm sqrt(max(‖Ĉ‖_F² − noise, 0)) removes.
* The noise floor: ‖Ĉ(n)‖_op of random permutations of the stream (same unigram, order destroyed); the floor is
  the median over permutations and lags; its flatness in n is measured per lag and as a fitted trend.

Document-interior variant (spec §2.1): with a separator token, only pairs inside one document count (neither
endpoint a separator, no separator between them), and permutations shuffle the tokens between separators only.
"""

import numpy as np
import polars as pl
import scipy.sparse as sp
from scipy.sparse.linalg import LinearOperator, svds

from lmtheory.scaling.power_law import loglog_fit
from lmtheory.seeds import generator

DENSE_MAX_VOCAB = 256  # dense SVD up to this V: as fast as ARPACK there, and valid for every k ≤ V
BINCOUNT_MAX_CELLS = 2**22  # count pairs with a dense bincount while V² ≤ this (32 MiB of int64), else sparse_joint


def log_lag_grid(n_max: int, count: int) -> np.ndarray:
    """unique(round(logspace(0, log10 n_max, count))): at most `count` log-spaced integer lags from 1 to n_max."""
    if n_max < 1 or count < 1:
        raise ValueError(f"a lag grid needs n_max ≥ 1 and count ≥ 1, got n_max={n_max}, count={count}")
    return np.unique(np.round(np.logspace(0, np.log10(n_max), count)).astype(np.int64))


def lag_pairs(tokens: np.ndarray, lag: int, separator: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(a, b) = (x_i, x_{i+lag}) as int64; with a separator, only the pairs inside one document."""
    x = np.asarray(tokens)
    if not 1 <= lag < x.size:
        raise ValueError(f"lag must be in [1, {x.size - 1}] for a stream of {x.size} tokens, got {lag}")
    a, b = x[:-lag].astype(np.int64), x[lag:].astype(np.int64)
    if separator is None:
        return a, b
    document = np.cumsum(x == separator)
    inside = (document[:-lag] == document[lag:]) & (a != separator)
    return a[inside], b[inside]


def permuted_stream(tokens: np.ndarray, rng: np.random.Generator, separator: int | None = None) -> np.ndarray:
    """A uniformly random permutation of the stream; with a separator, separators stay put and the other tokens
    are shuffled among the other positions."""
    x = np.asarray(tokens)
    if separator is None:
        return rng.permutation(x)
    out = x.copy()
    movable = x != separator
    out[movable] = rng.permutation(x[movable])
    return out


def sparse_joint(a: np.ndarray, b: np.ndarray, vocab_size: int) -> sp.csr_matrix:
    """J_μν = #{i: a_i = μ, b_i = ν}/N as a V×V CSR matrix, counted on the sorted keys μ·V + ν (uint32 while V² ≤ 2³²):
    one sort and one run-length pass over 4 bytes a pair, the rows' pointers found by binary search."""
    dtype = np.uint32 if vocab_size**2 <= 2**32 else np.uint64
    keys = a.astype(dtype) * dtype(vocab_size) + b.astype(dtype)
    keys.sort()
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    counts = np.diff(np.r_[starts, keys.size])
    rows, columns = np.divmod(keys[starts], dtype(vocab_size))
    indptr = np.searchsorted(rows, np.arange(vocab_size + 1))
    return sp.csr_matrix((counts / keys.size, columns, indptr), shape=(vocab_size, vocab_size))


class LaggedCorrelation:
    """Ĉ = J − p qᵀ from pairs (a, b) over a vocabulary of `vocab_size` tokens; J is stored sparse (CSR)."""

    def __init__(self, a: np.ndarray, b: np.ndarray, vocab_size: int):
        if a.size == 0:
            raise ValueError("no pairs: the stream is shorter than the lag (or every pair crosses a separator)")
        if max(a.max(), b.max()) >= vocab_size or min(a.min(), b.min()) < 0:
            raise ValueError(
                f"tokens must lie in [0, {vocab_size}), got [{min(a.min(), b.min())}, {max(a.max(), b.max())}]"
            )
        self.vocab_size, self.n_pairs = int(vocab_size), int(a.size)
        self.p = np.bincount(a, minlength=vocab_size) / a.size
        self.q = np.bincount(b, minlength=vocab_size) / a.size
        shape = (vocab_size, vocab_size)
        if vocab_size**2 <= BINCOUNT_MAX_CELLS:
            counts = np.bincount(a * vocab_size + b, minlength=vocab_size**2).reshape(shape)
            self.joint = sp.csr_matrix(counts / a.size)
        else:
            self.joint = sparse_joint(a, b, vocab_size)

    def dense(self) -> np.ndarray:
        """Ĉ as a dense V×V array."""
        return self.joint.toarray() - np.outer(self.p, self.q)

    def singular_values(self, k: int) -> np.ndarray:
        """The top min(k, V) singular values of Ĉ, descending (ARPACK from a fixed start, so deterministic)."""
        k = min(int(k), self.vocab_size)
        if self.vocab_size <= DENSE_MAX_VOCAB:
            return np.linalg.svd(self.dense(), compute_uv=False)[:k]
        joint, joint_t, p, q = self.joint, self.joint.T.tocsr(), self.p, self.q
        operator = LinearOperator(
            (self.vocab_size, self.vocab_size),
            matvec=lambda v: joint @ v.ravel() - p * (q @ v.ravel()),
            rmatvec=lambda v: joint_t @ v.ravel() - q * (p @ v.ravel()),
            dtype=np.float64,
        )
        values = svds(operator, k=k, return_singular_vectors=False, rng=np.random.default_rng(0))
        return np.sort(values)[::-1]

    def op_norm(self) -> float:
        """‖Ĉ‖_op, the top singular value."""
        return float(self.singular_values(1)[0])

    def frobenius_squared(self) -> float:
        """‖Ĉ‖_F² = ‖J‖_F² − 2 pᵀJq + ‖p‖²‖q‖²."""
        joint_sq = float(self.joint.multiply(self.joint).sum())
        return joint_sq - 2 * float(self.p @ (self.joint @ self.q)) + float(self.p @ self.p) * float(self.q @ self.q)

    def frobenius_noise(self) -> float:
        """E‖Ĉ‖_F² for independent endpoints: (1 − Σp²)(1 − Σq²)/N_n."""
        return (1 - float(self.p @ self.p)) * (1 - float(self.q @ self.q)) / self.n_pairs

    def frobenius_debiased(self) -> float:
        """sqrt(max(‖Ĉ‖_F² − (1 − Σp²)(1 − Σq²)/N_n, 0))."""
        return float(np.sqrt(max(self.frobenius_squared() - self.frobenius_noise(), 0.0)))


def lagged_correlation(tokens: np.ndarray, lag: int, vocab_size: int, separator: int | None = None):
    """Ĉ(lag) of a token stream (values in [0, vocab_size))."""
    return LaggedCorrelation(*lag_pairs(tokens, lag, separator), vocab_size)


def correlation_table(
    tokens: np.ndarray,
    vocab_size: int,
    lags,
    top_k: int = 10,
    n_permutations: int = 3,
    rng=0,
    separator: int | None = None,
) -> pl.DataFrame:
    """One row per lag: lag, n_pairs, op_norm, frob, frob_noise (the subtracted (1 − Σp²)(1 − Σq²)/N_n),
    frob_debiased, singular_values (the top-k, a list: the spectrum log) and permuted_op_norms (‖Ĉ(lag)‖_op of each
    of the n_permutations permuted streams: the floor values).

    The permutations come from `rng` (a Generator, or a seed for one), so a seed fixes the table.
    """
    lags = np.asarray(lags, dtype=np.int64)
    if lags.size == 0 or np.any(np.diff(lags) <= 0):
        raise ValueError(f"lags must be a non-empty strictly increasing sequence, got {lags.tolist()}")
    if n_permutations < 1:
        raise ValueError(f"the noise floor needs at least 1 permutation (3 recommended), got {n_permutations}")
    rng = generator(rng)
    rows = []
    for lag in lags:
        corr = lagged_correlation(tokens, int(lag), vocab_size, separator)
        values = corr.singular_values(top_k)
        rows.append(
            {
                "lag": int(lag),
                "n_pairs": corr.n_pairs,
                "op_norm": float(values[0]),
                "frob": float(np.sqrt(max(corr.frobenius_squared(), 0.0))),
                "frob_noise": corr.frobenius_noise(),
                "frob_debiased": corr.frobenius_debiased(),
                "singular_values": values.tolist(),
            }
        )
    permuted = np.empty((n_permutations, lags.size))
    for j in range(n_permutations):
        stream = permuted_stream(tokens, rng, separator)
        permuted[j] = [lagged_correlation(stream, int(lag), vocab_size, separator).op_norm() for lag in lags]
    for row, floors in zip(rows, permuted.T, strict=True):
        row["permuted_op_norms"] = floors.tolist()
    return pl.DataFrame(
        rows, schema_overrides={"singular_values": pl.List(pl.Float64), "permuted_op_norms": pl.List(pl.Float64)}
    )


def noise_floor(table: pl.DataFrame) -> dict:
    """The permutation floor of a `correlation_table` and two measures of its flatness in n.

    'floor': the median of every permuted ‖Ĉ‖_op; 'flatness': max over lags of |median over permutations / floor − 1|
    (each lag's floor against the pooled one: with 3 permutations it carries their scatter, 10–16% per value for
    Zipf-like unigrams); 'trend': exp(s·ln(n_last/n_first)) − 1, the relative change of the floor from the first lag
    to the last implied by the OLS slope s of log(permuted ‖Ĉ‖_op) on log n over all values; 'n_values'.
    """
    per_lag = np.asarray(table["permuted_op_norms"].to_list(), dtype=float)
    lags = table["lag"].to_numpy().astype(float)
    floor = float(np.median(per_lag))
    flatness = float(np.max(np.abs(np.median(per_lag, axis=1) / floor - 1)))
    trend = float("nan")
    if lags.size >= 2:
        slope = loglog_fit(np.repeat(lags, per_lag.shape[1]), per_lag.ravel())["slope"]
        trend = float(np.expm1(slope * np.log(lags[-1] / lags[0])))
    return {"floor": floor, "flatness": flatness, "trend": trend, "n_values": int(per_lag.size)}
