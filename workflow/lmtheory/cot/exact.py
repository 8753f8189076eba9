"""Exact quantities of a finite Markov kernel by linear algebra (spec B.2.1, pitfall C.10: exact before Monte Carlo).

- Hitting times: h = 0 on the target set T and (I − P_{AA}) h_A = 1 on A = S ∖ T, for the states A that can reach T
  (the others have h = ∞). Dense `scipy.linalg.solve`, or sparse `spsolve` for CSR kernels.
- Cluster exits: with Q_k = P restricted to C_k and R_k the block C_k → S ∖ C_k, the exit time from a uniform start
  is mean((I − Q_k)⁻¹ 1) and the exit law is the uniform average of (I − Q_k)⁻¹ R_k, summed by destination cluster.
- Spectrum: the eigenvalue moduli |λ_1| = 1 ≥ |λ_2| ≥ …; a metastable kernel has K of them at 1 − Θ(ε/M) and then
  a gap; the time-scale separation is (1 − |λ_{K+1}|)/(1 − |λ_2|) (fast relaxation over slowest metastable rate).
- A K×K chain (the meta-chain) uses the same hitting-time solve.
"""

import numpy as np
import scipy.linalg as la
import scipy.sparse as sp
import scipy.sparse.csgraph as csgraph
import scipy.sparse.linalg as spla


def _reaches(P, targets: np.ndarray) -> np.ndarray:
    """Boolean (S,): the states with a path of positive transitions to the target set (BFS on the reversed graph
    from a virtual node joined to every target)."""
    S = P.shape[0]
    rev = sp.coo_array(sp.csr_array(P).T if not sp.issparse(P) else P.T)
    keep = rev.data > 0
    rows = np.concatenate([rev.row[keep], np.full(len(targets), S)])
    cols = np.concatenate([rev.col[keep], targets])
    graph = sp.csr_array((np.ones(len(rows)), (rows, cols)), shape=(S + 1, S + 1))
    seen = np.zeros(S + 1, bool)
    seen[csgraph.breadth_first_order(graph, S, directed=True, return_predecessors=False)] = True
    return seen[:S]


def hitting_times(P, targets) -> np.ndarray:
    """Expected hitting time of the set `targets` from every state, (S,) float; 0 on targets, ∞ where unreachable."""
    S = P.shape[0]
    targets = np.unique(np.atleast_1d(np.asarray(targets, dtype=np.int64)))
    h = np.zeros(S)
    reach = _reaches(P, targets)
    h[~reach] = np.inf
    A = np.flatnonzero(reach & ~np.isin(np.arange(S), targets))
    if len(A) == 0:
        return h
    if sp.issparse(P):
        P = P.tocsr()
        system = sp.identity(len(A), format="csc") - P[A][:, A].tocsc()
        h[A] = spla.spsolve(system, np.ones(len(A)))
    else:
        h[A] = la.solve(np.eye(len(A)) - P[np.ix_(A, A)], np.ones(len(A)))
    return h


def mean_hitting_time(P, start, targets) -> float:
    """E τ_targets from `start`: a state (int) or a distribution over states ((S,) array)."""
    h = hitting_times(P, targets)
    if np.ndim(start) == 0:
        return float(h[int(start)])
    start = np.asarray(start, float)
    return float(np.dot(start[start > 0], h[start > 0]))


def cluster_exit(P, labels: np.ndarray, k: int) -> tuple[float, np.ndarray]:
    """From a uniform start in cluster k: the expected exit time and the exit law over clusters, (K,) (entry k = 0).

    R_k is summed by destination cluster before the solve, so the right-hand side has K columns, not S − M.
    """
    inside = np.flatnonzero(labels == k)
    K = int(labels.max()) + 1
    onehot = np.eye(K)[labels]
    onehot[inside] = 0.0  # R_k: only transitions that leave C_k
    if sp.issparse(P):
        rows = P.tocsr()[inside]
        system = sp.identity(len(inside), format="csc") - rows[:, inside].tocsc()
        rhs = np.column_stack([np.ones(len(inside)), rows @ onehot])
        sol = spla.spsolve(system, rhs)
    else:
        system = np.eye(len(inside)) - P[np.ix_(inside, inside)]
        sol = la.solve(system, np.column_stack([np.ones(len(inside)), P[inside] @ onehot]))
    sol = np.asarray(sol).reshape(len(inside), K + 1).mean(axis=0)
    return float(sol[0]), sol[1:]


def spectrum(P) -> np.ndarray:
    """Eigenvalue moduli in decreasing order (dense eigvals; for CSR kernels convert first, S ≤ a few thousand)."""
    dense = P.toarray() if sp.issparse(P) else P
    return np.sort(np.abs(la.eigvals(dense)))[::-1]


def slow_count(moduli: np.ndarray, threshold: float) -> int:
    """How many eigenvalues have |λ| > threshold (the metastable ones for threshold 1 − 10ε/M)."""
    return int(np.sum(moduli > threshold))


def gap_ratio(moduli: np.ndarray, K: int) -> float:
    """Time-scale separation (1 − |λ_{K+1}|)/(1 − |λ_2|): fast relaxation rate over the slowest metastable rate."""
    return float((1 - moduli[K]) / (1 - moduli[1]))


def chain_hitting_time(q: np.ndarray, start: int, target: int) -> float:
    """E τ_target from `start` for a small (e.g. K×K meta-) chain."""
    return mean_hitting_time(np.asarray(q, float), start, [target])
