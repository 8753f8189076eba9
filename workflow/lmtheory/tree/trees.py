"""Complete b-ary trees and broadcast processes on them.

A complete b-ary tree of depth d has n = b^d leaves x_0..x_{n-1}, read left to right. Node (h, j) at height h
(leaves h=0, root h=d) covers leaves [j b^h, (j+1) b^h). The broadcast process draws the root from the prior π
and passes every edge through the channel M (rows: P(child | parent)).
"""

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, eq=False)
class Broadcast:
    """A broadcast process: arity b, depth d, channel M (q x q, rows sum to 1) and root prior π."""

    b: int
    d: int
    channel: np.ndarray
    prior: np.ndarray

    def __post_init__(self):
        if self.b < 2 or self.d < 1:
            raise ValueError(f"need arity b >= 2 and depth d >= 1, got b={self.b}, d={self.d}")
        if not np.allclose(self.channel.sum(axis=1), 1.0):
            raise ValueError("channel rows must sum to 1")

    @property
    def n(self) -> int:
        return self.b**self.d

    @property
    def q(self) -> int:
        return self.channel.shape[0]

    def marginal(self, height: int) -> np.ndarray:
        """Law of a node at the given height: π M^(d - height)."""
        return self.prior @ np.linalg.matrix_power(self.channel, self.d - height)


def broadcast_to_dict(tree: Broadcast) -> dict:
    """Plain-data form of a broadcast process (the JSON of an exact model)."""
    return {"b": tree.b, "d": tree.d, "channel": tree.channel.tolist(), "prior": tree.prior.tolist()}


def broadcast_from_dict(data: dict) -> Broadcast:
    return Broadcast(b=data["b"], d=data["d"], channel=np.array(data["channel"]), prior=np.array(data["prior"]))


def ising_channel(theta: float) -> np.ndarray:
    """Binary symmetric channel: copy the parent w.p. θ, else a fresh uniform spin (token 0 = −1, 1 = +1)."""
    return np.array([[1 + theta, 1 - theta], [1 - theta, 1 + theta]]) / 2


def ising_broadcast(b: int, theta: float, d: int) -> Broadcast:
    """The b-ary Ising broadcast with correlation θ ∈ [−1, 1], uniform root."""
    if not -1.0 <= theta <= 1.0:
        raise ValueError(f"Ising θ must lie in [-1, 1], got {theta}")
    return Broadcast(b=b, d=d, channel=ising_channel(theta), prior=np.full(2, 0.5))


def spins(tokens: np.ndarray) -> np.ndarray:
    """Map Ising tokens {0, 1} to spins {−1, +1}."""
    return 2 * tokens.astype(np.int64) - 1


def draw_from_rows(probs: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One categorical draw per row of `probs` (..., q) by inverse CDF; returns uint8 indices."""
    cdf = np.cumsum(probs, axis=-1)
    u = rng.random(probs.shape[:-1] + (1,)) * cdf[..., -1:]
    return (u > cdf[..., :-1]).sum(axis=-1).astype(np.uint8)


def sample_broadcast(tree: Broadcast, size: int, rng: np.random.Generator) -> np.ndarray:
    """Draw `size` leaf sequences of the broadcast process top-down; returns (size, n) uint8."""
    values = draw_from_rows(np.broadcast_to(tree.prior, (size, 1, tree.q)), rng)
    cdf = np.cumsum(tree.channel, axis=1)
    for _ in range(tree.d):
        parents = np.repeat(values, tree.b, axis=1)
        u = rng.random(parents.shape)
        values = sum((u > cdf[:, c][parents]) for c in range(tree.q - 1)).astype(np.uint8)
    return values
