"""The exact position-aware (PA) k-gram: P_k(x_t | x_{t−k:t}, t) = P_true(x_t | x_{max(0,t−k)}, …, x_{t−1}).

Computed by sum-product on the tree with the leaves outside C = [s, t−1], s = max(0, t−k), unobserved (spec §2.2).
Every complete node whose leaves lie in C contributes its upward message M·L; these messages are cached once the
node's last leaf is known, so one step costs O(b log_b k) operations on q-vectors, not O(k). Which nodes a step
reads depends on t and k only, so a compiled kernel (numba) runs each operation over a chunk of sequences in its
innermost loop: independent sequences fill the pipeline and the SIMD lanes, with no per-step array call.
"""

import numba
import numpy as np

from lmtheory.tree.trees import Broadcast


class ExactKGram:
    """Batched exact PA k-gram of a broadcast process; `sample` draws sequences, `log_probs` teacher-forces."""

    def __init__(self, tree: Broadcast, k: int):
        if k < 1:
            raise ValueError(f"context length k must be >= 1, got {k}")
        self.tree, self.k = tree, k
        # the largest height whose complete nodes fit inside a context of k leaves
        self.top = min(int(np.floor(np.log(k) / np.log(tree.b) + 1e-9)), tree.d)
        self.height_prior = np.array([tree.marginal(h) for h in range(tree.d + 1)])

    def sample(self, size: int, rng: np.random.Generator) -> np.ndarray:
        """Draw `size` sequences autoregressively; returns (size, n) uint8.

        Token t of sequence i is the inverse-CDF draw of the uniform U[t, i], U = rng.random((n, size)).
        """
        uniforms = rng.random((self.tree.n, size))
        return self._run(np.zeros((size, self.tree.n), np.uint8), uniforms)[0]

    def log_probs(self, tokens: np.ndarray) -> np.ndarray:
        """log P_k(x_t | context) for every position of the given sequences (teacher forcing); (B, n).

        A sequence outside the model's support gets −inf at its first impossible token and NaN after it.
        """
        tokens = np.array(tokens, np.uint8, copy=True, ndmin=2)
        if tokens.shape[1] != self.tree.n or (tokens.size and tokens.max() >= self.tree.q):
            raise ValueError(f"need sequences of n = {self.tree.n} tokens in 0..{self.tree.q - 1}, got {tokens.shape}")
        return self._run(tokens, np.empty((0, 0)))[1]

    def _run(self, tokens, uniforms):
        tree = self.tree
        logp = np.empty(tokens.shape)
        _kernel(tree.channel, self.height_prior, tree.b, self.k, self.top, tokens, uniforms, logp)
        return tokens, logp


@numba.njit(cache=True, error_model="numpy")
def _kernel(M, prior, b, k, top, x, uniforms, logp):  # pragma: no cover - compiled
    """Fill x (when uniforms has rows: sampling) and logp, CHUNK sequences at a time; see the module docstring.

    msg[off[h] + j, c, i] is component c of the normalised upward message M·L of complete node (h, j), h ≤ top, for
    sequence i of the chunk. The ancestors t // b^h and s // b^h of the current leaf t and the context's first leaf s
    are kept as base-b counters, so a step does no integer division.
    """
    size, n = x.shape
    q = M.shape[0]
    sampling = uniforms.shape[0] > 0
    levels = prior.shape[0] + 1  # heights 0 .. d + 1 (prior holds the node law of heights 0 .. d)
    off = np.zeros(top + 2, np.int64)
    for h in range(top + 1):
        off[h + 1] = off[h] + n // b**h
    msg = np.empty((off[top + 1], q, CHUNK))
    beta, tmp, total = np.empty((q, CHUNK)), np.empty((q, CHUNK)), np.empty(CHUNK)
    xc, lp = np.empty((n, CHUNK), np.uint8), np.empty((n, CHUNK))
    t_anc, t_dig = np.zeros(levels, np.int64), np.zeros(levels, np.int64)
    s_anc, s_dig = np.zeros(levels, np.int64), np.zeros(levels, np.int64)
    for first in range(0, size, CHUNK):
        m = min(CHUNK, size - first)
        xc[:, :m] = x[first : first + m].T
        t_anc[:], t_dig[:], s_anc[:], s_dig[:] = 0, 0, 0, 0
        for t in range(n):
            if t == 0:
                for c in range(q):
                    beta[c, :m] = prior[0, c]
            else:
                _conditional(M, prior, b, m, xc[s_anc[0]], msg, off, s_anc, t_anc, beta, tmp, total)
            if sampling:
                _draw(beta, uniforms[t, first : first + m], m, xc[t], tmp)
            for i in range(m):
                lp[t, i] = np.log(beta[xc[t, i], i])
            _complete(M, b, top, m, xc[t], msg, off, t_anc, t_dig, tmp, total)
            _increment(t_anc, t_dig, b)
            if t + 1 > k:
                _increment(s_anc, s_dig, b)
        x[first : first + m] = xc[:, :m].T
        logp[first : first + m] = lp[:, :m].T


CHUNK = 64  # sequences per innermost loop: messages of a chunk stay in cache (64 · 2q · 8 bytes per node)


@numba.njit(cache=True, inline="always")
def _increment(anc, dig, b):  # pragma: no cover - compiled
    """Leaf index + 1 on its ancestor counters: anc[h] = leaf // b^h, dig[h] = (leaf // b^h) mod b."""
    for h in range(anc.size):
        anc[h] += 1
        dig[h] += 1
        if dig[h] < b:  # no carry: the higher ancestors are unchanged
            break
        dig[h] = 0


@numba.njit(cache=True, inline="always")
def _draw(beta, u, m, out, cum):  # pragma: no cover - compiled
    """Inverse-CDF draw per sequence: out[i] = #{c < q − 1 : u[i] · Σ_c beta[c, i] > Σ_{a ≤ c} beta[a, i]}."""
    q = beta.shape[0]
    for i in range(m):
        cum[0, i] = beta[0, i]
    for c in range(1, q):
        for i in range(m):
            cum[c, i] = cum[c - 1, i] + beta[c, i]
    for i in range(m):
        scaled = u[i] * cum[q - 1, i]
        draw = 0
        for c in range(q - 1):
            draw += scaled > cum[c, i]
        out[i] = draw


@numba.njit(cache=True, inline="always")
def _absorb(vec, msg, lo, hi, m, tmp):  # pragma: no cover - compiled
    """vec ← vec · Π_{lo ≤ j < hi} msg[j] (elementwise; the product first, as numpy's prod then multiply)."""
    if hi <= lo:
        return
    q = vec.shape[0]
    for c in range(q):
        for i in range(m):
            tmp[c, i] = msg[lo, c, i]
    for j in range(lo + 1, hi):
        for c in range(q):
            for i in range(m):
                tmp[c, i] *= msg[j, c, i]
    for c in range(q):
        for i in range(m):
            vec[c, i] *= tmp[c, i]


@numba.njit(cache=True, error_model="numpy", inline="always")
def _normalise(vec, m, total):  # pragma: no cover - compiled
    q = vec.shape[0]
    for i in range(m):
        total[i] = vec[0, i]
    for c in range(1, q):
        for i in range(m):
            total[i] += vec[c, i]
    for c in range(q):
        for i in range(m):
            vec[c, i] /= total[i]


@numba.njit(cache=True, inline="always")
def _times(vec, M, m, tmp):  # pragma: no cover - compiled
    """vec[:, i] ← M · vec[:, i] for every sequence (pass Mᵀ to move a belief forward, M to move a likelihood up)."""
    q = vec.shape[0]
    for c in range(q):
        for i in range(m):
            tmp[c, i] = vec[0, i] * M[c, 0]
        for a in range(1, q):
            for i in range(m):
                tmp[c, i] += vec[a, i] * M[c, a]
    for c in range(q):
        for i in range(m):
            vec[c, i] = tmp[c, i]


@numba.njit(cache=True, error_model="numpy")
def _complete(M, b, top, m, token, msg, off, t_anc, t_dig, tmp, total):  # pragma: no cover - compiled
    """Cache the messages of the nodes whose last leaf is t (t's base-b digits below height h all b − 1)."""
    q = M.shape[0]
    leaf = msg[off[0] + t_anc[0]]
    for c in range(q):
        for i in range(m):
            leaf[c, i] = M[c, token[i]]
    for h in range(1, top + 1):
        if t_dig[h - 1] != b - 1:
            break
        j = t_anc[h]
        node = msg[off[h] + j]
        node[:, :m] = 1.0
        _absorb(node, msg[off[h - 1] :], j * b, (j + 1) * b, m, tmp)
        _normalise(node, m, total)
        _times(node, M, m, tmp)
        _normalise(node, m, total)


@numba.njit(cache=True, error_model="numpy")
def _conditional(M, prior, b, m, first, msg, off, s_anc, t_anc, beta, tmp, total):  # pragma: no cover - compiled
    """beta[:, i] ← P(x_t | x_s .. x_{t−1}) of sequence i, s = max(0, t − k); `first` = x_s of every sequence."""
    q = M.shape[0]
    MT = M.T
    H = 1
    while s_anc[H] != t_anc[H]:
        H += 1
    # climb from leaf s: λ = likelihood of the observed leaves below s's ancestor at height h (kept in beta)
    for c in range(q):
        for i in range(m):
            beta[c, i] = 1.0 if c == first[i] else 0.0
    for h in range(1, H):
        _times(beta, M, m, tmp)
        _absorb(beta, msg[off[h - 1] :], s_anc[h - 1] + 1, (s_anc[h] + 1) * b, m, tmp)
        _normalise(beta, m, total)
    # belief at the common ancestor (height H) of s and t
    _times(beta, M, m, tmp)
    for c in range(q):
        for i in range(m):
            beta[c, i] *= prior[H, c]
    _absorb(beta, msg[off[H - 1] :], s_anc[H - 1] + 1, t_anc[H - 1], m, tmp)
    _normalise(beta, m, total)
    # descend along t's ancestors, absorbing their complete left children
    for h in range(H, 0, -1):
        _times(beta, MT, m, tmp)
        if h >= 2:
            _absorb(beta, msg[off[h - 2] :], t_anc[h - 1] * b, t_anc[h - 2], m, tmp)
        _normalise(beta, m, total)
