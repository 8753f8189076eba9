"""Vectorised simulation of many parallel chains of one kernel (spec B.2.1).

Sampling uses the cumulative-sum trick on the kernel's nonzeros: with c(x, j) the within-row cumulative probability of
the j-th nonzero of row x, the keys x + c(x, j) increase across the whole CSR array, so one `searchsorted(keys, x + u)`
with u ~ U[0, 1) draws the next state of every chain at once (O(log nnz) per chain, dense or sparse kernels alike).
Uniforms are drawn in blocks. Censored chains (still running at `max_steps`) report ∞.
"""

import numpy as np
import scipy.sparse as sp

BLOCK = 4096  # steps of uniforms drawn at once


class Sampler:
    """Next-state sampler of a row-stochastic kernel (dense array or scipy.sparse)."""

    def __init__(self, P):
        csr = sp.csr_array(P)
        csr.sum_duplicates()
        csr.eliminate_zeros()
        self.S = csr.shape[0]
        counts = np.diff(csr.indptr)
        if np.any(counts == 0):
            raise ValueError("every row of the kernel needs a positive entry")
        rows = np.repeat(np.arange(self.S), counts)
        cum = np.cumsum(csr.data)
        starts = np.concatenate([[0.0], cum[csr.indptr[1:-1] - 1]])
        within = cum - np.repeat(starts, counts)
        within /= np.repeat(within[csr.indptr[1:] - 1], counts)  # each row's cumulative sum ends at exactly 1
        self.keys = rows + within
        self.indices = csr.indices.astype(np.int64)
        self.last = csr.indptr[1:].astype(np.int64) - 1

    def step(self, x: np.ndarray, u: np.ndarray) -> np.ndarray:
        j = np.searchsorted(self.keys, x + u, side="right")
        return self.indices[np.minimum(j, self.last[x])]


def _blocks(rng: np.random.Generator, n: int):
    while True:
        yield from rng.random((BLOCK, n))


def hitting_times(P, start, targets, n_chains: int, rng: np.random.Generator, max_steps: int) -> np.ndarray:
    """Monte Carlo hitting times of the set `targets` for `n_chains` chains from `start` (a state, or an (n_chains,)
    array of states); finished chains are dropped from the batch. (n_chains,) float, ∞ when censored."""
    sampler = Sampler(P)
    target = np.zeros(sampler.S, bool)
    target[np.atleast_1d(targets)] = True
    x = np.broadcast_to(np.asarray(start, np.int64), (n_chains,)).copy()
    times = np.where(target[x], 0.0, np.inf)
    active = np.flatnonzero(~target[x])
    x = x[active]
    uniforms = _blocks(rng, n_chains)
    for t in range(1, max_steps + 1):
        if len(active) == 0:
            break
        x = sampler.step(x, next(uniforms)[: len(x)])
        done = target[x]
        if done.any():
            times[active[done]] = t
            active, x = active[~done], x[~done]
    return times


def exit_times(P, labels: np.ndarray, start: np.ndarray, rng: np.random.Generator, max_steps: int):
    """First exit from the start cluster for one chain per entry of `start` (states): (times, destination cluster),
    times ∞ and destination −1 when censored."""
    sampler = Sampler(P)
    x = np.asarray(start, np.int64).copy()
    home = labels[x]
    times = np.full(len(x), np.inf)
    dest = np.full(len(x), -1)
    active = np.arange(len(x))
    uniforms = _blocks(rng, len(x))
    for t in range(1, max_steps + 1):
        if len(active) == 0:
            break
        x = sampler.step(x, next(uniforms)[: len(x)])
        left = labels[x] != home[active]
        if left.any():
            times[active[left]] = t
            dest[active[left]] = labels[x[left]]
            active, x = active[~left], x[~left]
    return times, dest


def cluster_paths(P, labels: np.ndarray, start, n_chains: int, steps: int, rng: np.random.Generator):
    """Cluster index of `n_chains` chains from `start` over `steps` steps, compressed to change points: a list per
    chain of (t, cluster) pairs, the first at t = 0 (the staircase of B-C2 a)."""
    sampler = Sampler(P)
    x = np.broadcast_to(np.asarray(start, np.int64), (n_chains,)).copy()
    current = labels[x].copy()
    paths = [[(0, int(c))] for c in current]
    uniforms = _blocks(rng, n_chains)
    for t in range(1, steps + 1):
        x = sampler.step(x, next(uniforms))
        lab = labels[x]
        moved = lab != current
        if moved.any():
            for i in np.flatnonzero(moved):
                paths[i].append((t, int(lab[i])))
            current = lab
    return paths


def label_transitions(P, labels: np.ndarray, start, n_chains: int, steps: int, rng: np.random.Generator):
    """Counts C[k, l] of consecutive label pairs (ι(X_t), ι(X_{t+1})) over `steps` steps of `n_chains` chains from
    `start`; only label changes are recorded in the loop, the diagonal comes from the occupation times."""
    sampler = Sampler(P)
    K = int(labels.max()) + 1
    x = np.broadcast_to(np.asarray(start, np.int64), (n_chains,)).copy()
    current = labels[x].copy()
    since = np.zeros(n_chains, np.int64)
    counts = np.zeros((K, K), np.int64)
    occupation = np.zeros(K, np.int64)
    uniforms = _blocks(rng, n_chains)
    for t in range(1, steps + 1):
        x = sampler.step(x, next(uniforms))
        lab = labels[x]
        moved = lab != current
        if moved.any():
            i = np.flatnonzero(moved)
            np.add.at(counts, (current[i], lab[i]), 1)
            np.add.at(occupation, current[i], t - since[i])
            since[i] = t
            current = lab
    np.add.at(occupation, current, steps - since)
    counts[np.diag_indices(K)] += occupation - counts.sum(axis=1)
    return counts
