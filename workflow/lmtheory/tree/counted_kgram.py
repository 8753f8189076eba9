"""The counted, position-marginalised (PM) k-gram (spec §2.3).

P̄_k(a | w) = (c(w, a) + α) / (Σ_a' c(w, a') + qα) from (k+1)-gram counts c of a true corpus (add-α smoothing; an
unseen context gets the uniform law). Generation takes the first k tokens from the true process (the prompt) and
draws every later token from P̄_k given the last k tokens.
"""

import numpy as np
import polars as pl

from lmtheory.tree.trees import draw_from_rows


class CountedKGram:
    """Conditional table of a PM k-gram: sorted context keys (uint64) and next-token laws (contexts, q)."""

    def __init__(self, contexts: np.ndarray, probs: np.ndarray, k: int):
        self.contexts, self.probs, self.k, self.q = contexts, probs, k, probs.shape[1]

    @classmethod
    def from_counts(cls, table: pl.DataFrame, k: int, q: int, alpha: float) -> "CountedKGram":
        """Smooth an n-gram table (context, next, count) into conditional laws."""
        wide = table.pivot(on="next", index="context", values="count", sort_columns=True).fill_null(0).sort("context")
        counts = np.zeros((wide.height, q))
        for a in range(q):
            if str(a) in wide.columns:
                counts[:, a] = wide[str(a)].to_numpy()
        probs = (counts + alpha) / (counts.sum(axis=1, keepdims=True) + q * alpha)
        return cls(wide["context"].to_numpy().astype(np.uint64), probs, k)

    def to_frame(self) -> pl.DataFrame:
        return pl.DataFrame({"context": self.contexts, "probs": self.probs}).with_columns(
            pl.col("probs").cast(pl.Array(pl.Float64, self.q))
        )

    @classmethod
    def from_frame(cls, frame: pl.DataFrame, k: int) -> "CountedKGram":
        return cls(frame["context"].to_numpy().astype(np.uint64), frame["probs"].to_numpy(), k)

    def next_law(self, keys: np.ndarray) -> np.ndarray:
        """P̄_k(· | context key) for a batch of keys; uniform for contexts never counted."""
        idx = np.minimum(np.searchsorted(self.contexts, keys), len(self.contexts) - 1)
        seen = self.contexts[idx] == keys
        return np.where(seen[:, None], self.probs[idx], 1.0 / self.q)

    def sample(self, prompts: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
        """Continue prompts (B, k) of true tokens to length n; returns (B, n) uint8."""
        size, k, q = prompts.shape[0], self.k, np.uint64(self.q)
        x = np.zeros((size, n), np.uint8)
        x[:, :k] = prompts[:, :k]
        key = np.zeros(size, np.uint64)
        for i in range(k):
            key = key * q + x[:, i]
        modulus = q ** np.uint64(k)
        for t in range(k, n):
            x[:, t] = draw_from_rows(self.next_law(key), rng)
            key = (key * q + x[:, t]) % modulus
        return x
