"""Alg. 2 of spec B.2.3: sparse-edge search with N walks, a quorum rule and restarts; PRM-mode boosting.

Round r (of R, default K − 1): run N walks from the current state x for T₀ = ⌈4 M ln M⌉ steps; the identified cluster
is Ĉ = {s : at least q = N/2 walks visited s} ∪ {x}. Walks outside Ĉ restart at x. Then all walks advance together
(at most T_max = ⌈20 M/ε⌉ steps); the first move a → b with a ∈ Ĉ, b ∉ Ĉ is recorded as a sparse edge, x ← b. The
cost counts every simulated step of every walk: Σ_r N (T₀ + waiting steps) ≈ (K − 1)(M/ε + N T₀), about one CoT run
(E τ ≈ (K − 1) M/ε). PRM mode boosts each found edge to ε_max, rescaling the rest of its row:
P̃(s, t) = ε_max, P̃(s, y ≠ t) = P(s, y)(1 − ε_max)/(1 − P(s, t)).
"""

import math
from dataclasses import dataclass

import numpy as np

from lmtheory.cot.simulate import BLOCK, Sampler


@dataclass(frozen=True)
class SearchResult:
    """Found edges (n, 2) in discovery order, the identified cluster of each round, total cost in walk-steps, and
    whether a round hit the timeout (then it found no edge and the search stopped)."""

    edges: np.ndarray
    clusters: list[np.ndarray]
    cost: int
    timed_out: bool


def default_burn_in(M: int) -> int:
    return math.ceil(4 * M * math.log(M))


def default_timeout(M: int, eps: float) -> int:
    return math.ceil(20 * M / eps)


def sparse_edge_search(
    P,
    x0: int,
    rng: np.random.Generator,
    rounds: int,
    M: int,
    eps: float,
    walks=8,
    burn_in=None,
    quorum=None,
    timeout=None,
) -> SearchResult:
    """Alg. 2 on the model kernel P from x0; M and ε only set the default burn-in ⌈4 M ln M⌉ and timeout ⌈20 M/ε⌉."""
    burn_in = default_burn_in(M) if burn_in is None else burn_in
    timeout = default_timeout(M, eps) if timeout is None else timeout
    quorum = walks / 2 if quorum is None else quorum
    sampler = Sampler(P)
    x, cost, edges, clusters = int(x0), 0, [], []
    lanes = np.arange(walks)
    for _ in range(rounds):
        pos = np.full(walks, x, np.int64)
        visits = np.zeros((walks, sampler.S), bool)
        visits[:, x] = True
        for u in rng.random((burn_in, walks)):
            pos = sampler.step(pos, u)
            visits[lanes, pos] = True
        cost += walks * burn_in
        inside = visits.sum(axis=0) >= quorum
        inside[x] = True
        clusters.append(np.flatnonzero(inside))
        pos[~inside[pos]] = x
        found = None
        for start in range(0, timeout, BLOCK):
            for i, u in enumerate(rng.random((min(BLOCK, timeout - start), walks))):
                new = sampler.step(pos, u)
                out = ~inside[new]
                if out.any():
                    j = int(np.argmax(out))
                    found, steps = (int(pos[j]), int(new[j])), start + i + 1
                    break
                pos = new
            if found is not None:
                break
        if found is None:
            cost += walks * timeout
            return SearchResult(np.asarray(edges, np.int64).reshape(-1, 2), clusters, cost, True)
        cost += walks * steps
        edges.append(found)
        x = found[1]
    return SearchResult(np.asarray(edges, np.int64).reshape(-1, 2), clusters, cost, False)


def boost(P: np.ndarray, edges: np.ndarray, eps_max: float) -> np.ndarray:
    """PRM mode: every (s, t) in `edges` gets probability ε_max, the rest of row s rescaled (dense kernels)."""
    P = np.array(P, float, copy=True)
    for s, t in np.asarray(edges).reshape(-1, 2):
        rest = 1 - P[s, t]
        P[s] *= (1 - eps_max) / rest
        P[s, t] = eps_max
    return P


def edge_set(edges) -> set[tuple[int, int]]:
    return {(int(s), int(t)) for s, t in np.asarray(edges).reshape(-1, 2)}
