"""Reference for the compiled exact k-gram: the same recursion as numpy array calls over the whole batch.

This was the pipeline's sampler before the kernel (lmtheory.tree.exact_kgram); the tests hold the kernel to its
draws and log-probabilities. P_k(x_t | x_{t−k:t}, t) = P_true(x_t | x_{max(0,t−k)}, …, x_{t−1}).

Computed by sum-product on the tree with the leaves outside C = [s, t−1], s = max(0, t−k), unobserved (spec §2.2).
Every complete node whose leaves lie in C contributes its upward message M·L; these messages are cached once the
node's last leaf is known, so one step costs O(b log_b k) vector operations on a (B, q) batch, not O(k).
"""

import numpy as np

from lmtheory.tree.trees import Broadcast, draw_from_rows


def _normalise(p: np.ndarray) -> np.ndarray:
    return p / p.sum(axis=-1, keepdims=True)


class NumpyExactKGram:
    """Batched exact PA k-gram of a broadcast process; `sample` draws sequences, `log_probs` teacher-forces."""

    def __init__(self, tree: Broadcast, k: int):
        if k < 1:
            raise ValueError(f"context length k must be >= 1, got {k}")
        self.tree, self.k = tree, k
        # the largest height whose complete nodes fit inside a context of k leaves
        self.top = min(int(np.floor(np.log(k) / np.log(tree.b) + 1e-9)), tree.d)
        self.height_prior = [tree.marginal(h) for h in range(tree.d + 1)]

    def sample(self, size: int, rng: np.random.Generator) -> np.ndarray:
        """Draw `size` sequences autoregressively; returns (size, n) uint8."""
        return self._run(size, rng=rng)[0]

    def log_probs(self, tokens: np.ndarray) -> np.ndarray:
        """log P_k(x_t | context) for every position of the given sequences (teacher forcing); (B, n).

        A sequence outside the model's support gets −inf at its first impossible token and NaN after it.
        """
        return self._run(tokens.shape[0], tokens=tokens)[1]

    def _run(self, size, rng=None, tokens=None):
        b, q, n = self.tree.b, self.tree.q, self.tree.n
        x = np.zeros((size, n), np.uint8) if tokens is None else np.asarray(tokens, np.uint8)
        logp = np.zeros((size, n))
        # msg[h][j] = normalised M·L_{h,j} of complete node (h, j), (B, q)
        msg = [np.zeros((n // b**h, size, q)) for h in range(self.top + 1)]
        for t in range(n):
            if t == 0:
                p = np.broadcast_to(self.height_prior[0], (size, q))
            else:
                p = self._conditional(t, x, msg)
            if tokens is None:
                x[:, t] = draw_from_rows(p, rng)
            logp[:, t] = np.log(p[np.arange(size), x[:, t]])
            self._complete(t, x, msg)
        return x, logp

    def _complete(self, t, x, msg):
        """Cache the messages of the nodes whose last leaf is t."""
        b, M = self.tree.b, self.tree.channel
        msg[0][t] = M[:, x[:, t]].T
        for h in range(1, self.top + 1):
            if (t + 1) % b**h:
                break
            j = t // b**h
            likelihood = _normalise(msg[h - 1][j * b : (j + 1) * b].prod(axis=0))
            msg[h][j] = _normalise(likelihood @ M.T)

    def _conditional(self, t, x, msg):
        """P(x_t | x_s .. x_{t−1}) for the whole batch, (B, q)."""
        b, M = self.tree.b, self.tree.channel
        s = max(0, t - self.k)
        H = 1
        while s // b**H != t // b**H:
            H += 1
        # climb from leaf s: λ = likelihood of the observed leaves below s's ancestor at height h
        lam = np.eye(self.tree.q)[x[:, s]]
        for h in range(1, H):
            lam = lam @ M.T
            lo, hi = s // b ** (h - 1) + 1, (s // b**h + 1) * b
            if hi > lo:
                lam = lam * msg[h - 1][lo:hi].prod(axis=0)
            lam = _normalise(lam)
        # belief at the common ancestor (height H) of s and t
        beta = self.height_prior[H] * (lam @ M.T)
        lo, hi = s // b ** (H - 1) + 1, t // b ** (H - 1)
        if hi > lo:
            beta = beta * msg[H - 1][lo:hi].prod(axis=0)
        beta = _normalise(beta)
        # descend along t's ancestors, absorbing their complete left children
        for h in range(H, 0, -1):
            beta = beta @ M
            if h >= 2:
                lo, hi = (t // b ** (h - 1)) * b, t // b ** (h - 2)
                if hi > lo:
                    beta = beta * msg[h - 2][lo:hi].prod(axis=0)
            beta = _normalise(beta)
        return beta
