"""The metastable graph of spec B.2.1: K dense clusters of M states joined by sparse edges of probability ε.

Cluster k holds the states k·M … k·M + M − 1. Inside a cluster the base kernel is the lazy permutation mixture
P₀|C_k = λ I + (1 − λ)(1/r) Σ_{m ≤ r} Π_m^{(k)} (doubly stochastic: uniform stationary law; a random expander).
Sparse edges (s, t) join clusters: `n_fwd` per C_k → C_{k+1}, `n_back` per C_k → C_{k−1} (k ≥ 2), and a wrap
edge C_K → C_1. Sources are distinct states (uniform in their cluster), targets uniform in the target cluster. The
kernel is P^ε(s, ·) = (1 − ε) P₀(s, ·) + ε δ_t on every sparse source s and P₀ elsewhere. X_in is a uniform state of
C_1 and X_out a uniform state of C_K (a single target state). The topology is drawn once: `with_eps` rescales only the
sparse edges, so an ε sweep compares the same graph (common random numbers).
"""

from dataclasses import dataclass, replace

import numpy as np
import scipy.sparse as sp

from lmtheory.seeds import generator

DENSE_MAX = 2048  # kernels with more states are scipy.sparse CSR arrays


@dataclass(frozen=True)
class MetastableGraph:
    """K clusters of M states; `P` the kernel P^ε (dense (S, S) array, or CSR beyond DENSE_MAX states), `base` P₀,
    `labels` (S,) the cluster of each state, `edges` (E, 2) the sparse edges (s, t) with `kinds` ("fwd" | "back" |
    "wrap"), `x_in` ∈ C_1 and `x_out` ∈ C_K."""

    K: int
    M: int
    eps: float
    P: np.ndarray | sp.csr_array
    base: np.ndarray | sp.csr_array
    labels: np.ndarray
    edges: np.ndarray
    kinds: tuple[str, ...]
    x_in: int
    x_out: int

    @property
    def S(self) -> int:
        return self.K * self.M

    @property
    def x_in_set(self) -> np.ndarray:
        """X_in as a set: the states of C_1."""
        return np.arange(self.M)

    @property
    def x_out_set(self) -> np.ndarray:
        """The states of C_K (X_out is one of them)."""
        return np.arange((self.K - 1) * self.M, self.K * self.M)

    def cluster(self, k: int) -> np.ndarray:
        return np.arange(k * self.M, (k + 1) * self.M)

    def edges_of(self, *kinds: str) -> np.ndarray:
        """The sparse edges of the given kinds, (n, 2)."""
        keep = np.array([kind in kinds for kind in self.kinds], bool)
        return self.edges[keep] if len(self.edges) else self.edges

    @property
    def forward_edges(self) -> np.ndarray:
        return self.edges_of("fwd")

    def with_eps(self, eps: float) -> "MetastableGraph":
        """The same topology with sparse-edge probability `eps`."""
        return replace(self, eps=float(eps), P=perturbed_kernel(self.base, self.edges, eps))

    def dense(self) -> np.ndarray:
        return self.P.toarray() if sp.issparse(self.P) else self.P

    def support(self) -> np.ndarray:
        """Boolean (S, S) support of P^ε (the sparse edges included only when ε > 0)."""
        return self.dense() > 0

    def meta_kernel(self) -> np.ndarray:
        """The meta-chain q_∘(k, l) = n_kl ε/M (k ≠ l), q_∘(k, k) = 1 − Σ_l q_∘(k, l) of spec B.2.5."""
        q = np.zeros((self.K, self.K))
        for s, t in self.edges:
            q[self.labels[s], self.labels[t]] += self.eps / self.M
        return q + np.diag(1 - q.sum(axis=1))


def perturbed_kernel(base, edges: np.ndarray, eps: float):
    """P^ε from P₀: every sparse source row becomes (1 − ε) P₀(s, ·) + ε δ_t."""
    if sp.issparse(base):
        P = base.tolil(copy=True)
        for s, t in edges:
            P[s, :] = P[s, :] * (1 - eps)
            P[s, t] = P[s, t] + eps
        return sp.csr_array(P)
    P = base.copy()
    for s, t in edges:
        P[s] *= 1 - eps
        P[s, t] += eps
    return P


def metastable_graph(
    rng=0, K=5, M=32, eps=1e-3, r=3, lazy=0.1, n_fwd=1, n_back=0, wrap=True, sparse: bool | None = None
) -> MetastableGraph:
    """Draw the topology of spec B.2.1 from `rng` (Generator or int seed) and return the graph at `eps`.

    `sparse` (default: more than DENSE_MAX states) stores the kernels as CSR arrays.
    """
    if K < 2 or M < 2:
        raise ValueError(f"need K ≥ 2 clusters of M ≥ 2 states, got K={K}, M={M}")
    if not 0 <= lazy < 1 or r < 1:
        raise ValueError(f"need 0 ≤ lazy < 1 and r ≥ 1, got lazy={lazy}, r={r}")
    gen = generator(rng)
    S = K * M
    rows, cols, vals = [np.arange(S)], [np.arange(S)], [np.full(S, lazy)]
    for k in range(K):
        for _ in range(r):
            rows.append(k * M + np.arange(M))
            cols.append(k * M + gen.permutation(M))
            vals.append(np.full(M, (1 - lazy) / r))
    base = sp.coo_array((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(S, S)).tocsr()
    base.sum_duplicates()
    edges, kinds = [], []
    for k in range(K):
        out = [("fwd", k + 1)] * (n_fwd if k < K - 1 else 0) + [("back", k - 1)] * (n_back if k > 0 else 0)
        out += [("wrap", 0)] if (wrap and k == K - 1) else []
        if len(out) > M:
            raise ValueError(f"cluster {k} needs {len(out)} distinct sparse sources but has only M={M} states")
        sources = k * M + gen.choice(M, size=len(out), replace=False)
        for s, (kind, target) in zip(sources, out, strict=True):
            edges.append((int(s), int(target * M + gen.integers(M))))
            kinds.append(kind)
    x_in, x_out = int(gen.integers(M)), int((K - 1) * M + gen.integers(M))
    if not (sparse if sparse is not None else S > DENSE_MAX):
        base = base.toarray()
    edges = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    return MetastableGraph(
        K=K,
        M=M,
        eps=float(eps),
        P=perturbed_kernel(base, edges, eps),
        base=base,
        labels=np.repeat(np.arange(K), M),
        edges=edges,
        kinds=tuple(kinds),
        x_in=x_in,
        x_out=x_out,
    )
