"""Coloring broadcast languages: feasible-set consistency, freezing, and the per-node violation rate (spec §1.3, §4).

Channel M = (J − I)/(q − 1): each child is uniform over the colours other than its parent's. A leaf sequence is
consistent iff some proper colouring of the internal nodes has it as leaves. Feasible sets, as q-bit masks:
F(leaf) = {x_i}; F(v) = ∅ if some child has F = ∅, else [q] minus the colours c with F(child) = {c} for a child.
x is consistent ⇔ F(root) ≠ ∅. A first violation is a node with F = ∅ whose children all have F ≠ ∅.
"""

import itertools
from math import comb

import numpy as np

from lmtheory.tree.exactness import all_sequences
from lmtheory.tree.trees import Broadcast


def coloring_broadcast(q: int, b: int, d: int) -> Broadcast:
    """The proper-coloring broadcast with q colours on the b-ary tree of depth d, uniform root."""
    if q < 2:
        raise ValueError(f"a coloring needs q >= 2 colours, got {q}")
    return Broadcast(b=b, d=d, channel=(np.ones((q, q)) - np.eye(q)) / (q - 1), prior=np.full(q, 1 / q))


def feasible_sets(tokens: np.ndarray, q: int, b: int) -> list[np.ndarray]:
    """Feasible-set bit masks of every node, level by level: masks[h] has shape (B, n / b^h)."""
    if q > 62:
        raise ValueError("feasible sets are 64-bit masks: at most 62 colours")
    full = np.int64((1 << q) - 1)
    masks = [np.left_shift(np.int64(1), tokens.astype(np.int64))]
    while masks[-1].shape[1] > 1:
        children = masks[-1].reshape(masks[-1].shape[0], -1, b)
        singleton = (children & (children - 1)) == 0  # exactly one colour (0 is not a singleton)
        forced = np.bitwise_or.reduce(np.where(singleton & (children != 0), children, 0), axis=2)
        masks.append(np.where((children == 0).any(axis=2), 0, full & ~forced))
    return masks


def consistency(tokens: np.ndarray, q: int, b: int) -> dict[str, np.ndarray]:
    """Per sequence: consistent (F(root) ≠ ∅), root_frozen (|F(root)| = 1) and first violations per height (B, d+1)."""
    masks = feasible_sets(tokens, q, b)
    first = np.zeros((tokens.shape[0], len(masks)), np.int64)
    for h in range(1, len(masks)):
        children_ok = (masks[h - 1].reshape(tokens.shape[0], -1, b) != 0).all(axis=2)
        first[:, h] = ((masks[h] == 0) & children_ok).sum(axis=1)
    root = masks[-1][:, 0]
    return {"consistent": root != 0, "root_frozen": (root != 0) & ((root & (root - 1)) == 0), "first_violations": first}


def _freeze_step(q: int, b: int, p: float) -> float:
    """p_{h+1} = Σ_{j=0}^{q−1} (−1)^j C(q−1, j) (1 − j p_h/(q−1))^b (inclusion–exclusion over the colours ≠ σ_v
    that no frozen child takes; spec §1.3)."""
    return sum((-1) ** j * comb(q - 1, j) * (1 - j * p / (q - 1)) ** b for j in range(q))


def freezing_probabilities(q: int, b: int, depth: int) -> np.ndarray:
    """p_h, h = 0..depth: probability that a height-h node is frozen (its leaves force its colour); p_0 = 1."""
    p = [1.0]
    for _ in range(depth):
        p.append(_freeze_step(q, b, p[-1]))
    return np.array(p)


def frozen_limit(q: int, b: int, tol: float = 1e-13, max_iter: int = 10_000_000) -> float:
    """p* = lim_h p_h (0 outside the freezing regime): the recursion iterated from p_0 = 1 to a fixed point."""
    p = 1.0
    for _ in range(max_iter):
        nxt = _freeze_step(q, b, p)
        if abs(nxt - p) < tol:
            return nxt
        p = nxt
    raise RuntimeError(f"freezing recursion for q={q}, b={b} did not converge in {max_iter} steps")


def violation_rate_k1(q: int, b: int) -> float:
    """ε_0: probability that b siblings drawn as an M²-chain (the 1-gram) visit all q colours (spec §4.2).

    ε_0 = Σ_{a=0}^{q} (−1)^{q−a} C(q, a) (a/q) r_a^{b−1}, r_a = [1 + (a−1)(q−2)/(q−1)]/(q−1).
    """
    total = 0.0
    for a in range(q + 1):
        r = (1 + (a - 1) * (q - 2) / (q - 1)) / (q - 1)
        total += (-1) ** (q - a) * comb(q, a) * (a / q) * r ** (b - 1)
    return total


def brute_force_consistency(q: int, b: int, d: int) -> tuple[np.ndarray, np.ndarray]:
    """Reference for the DP by exhaustion: for every leaf sequence (in `all_sequences` order), whether some proper
    colouring of the internal nodes is compatible with it, and whether exactly one root colour is. q^(#internal)
    colourings × q^n sequences: tiny trees only."""
    internal = sum(b**h for h in range(d))
    x = all_sequences(q, b**d)
    root_colours = np.zeros((len(x), q), bool)
    for values in itertools.product(range(q), repeat=internal):  # heap order: node c has parent (c − 1) // b
        if any(values[(c - 1) // b] == values[c] for c in range(1, internal)):
            continue
        parents = np.array([values[(internal + i - 1) // b] for i in range(b**d)])
        root_colours[:, values[0]] |= (x != parents).all(axis=1)
    return root_colours.any(axis=1), root_colours.sum(axis=1) == 1
