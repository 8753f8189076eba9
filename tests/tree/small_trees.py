"""Small broadcast trees on which the tests compare the samplers with brute-force laws."""

import numpy as np

from lmtheory.tree.trees import Broadcast, ising_broadcast


def coloring(q: int, b: int, d: int) -> Broadcast:
    """Proper-coloring broadcast: each child uniform over the colours that differ from its parent."""
    return Broadcast(b=b, d=d, channel=(np.ones((q, q)) - np.eye(q)) / (q - 1), prior=np.full(q, 1 / q))


def asymmetric(b: int, d: int) -> Broadcast:
    """A 3-symbol channel with a non-stationary prior: exercises the height-dependent node marginals."""
    channel = np.array([[0.7, 0.2, 0.1], [0.1, 0.6, 0.3], [0.3, 0.3, 0.4]])
    return Broadcast(b=b, d=d, channel=channel, prior=np.array([0.5, 0.3, 0.2]))


SMALL_TREES = {
    "ising_b2_d3": ising_broadcast(2, 0.8, 3),
    "ising_b3_d2": ising_broadcast(3, 0.7, 2),
    "coloring_q3_b3_d2": coloring(3, 3, 2),
    "asymmetric_b2_d3": asymmetric(2, 3),
}
