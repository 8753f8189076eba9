"""Alg. 4 of spec B.2.5: distil the meta-chain on clusters from CoT data, then rescale time.

1. Labels ι(s) = cluster of s (the search's Ĉ_r, or the true clusters).
2. Data: `chains` parallel CoT chains of the pretrained kernel from X_in, T = ⌈data·K M/(chains·ε)⌉ steps each (data =
   30 ≈ 30 cluster-exit events per sparse edge); counts C[k, l] of label pairs (ι(X_t), ι(X_{t+1})).
3. Fit: q̂ = C / rowsums, the MLE and the optimum of the K×K softmax cross-entropy. The truth is
   q_∘(k, l) = n_kl ε/M (k ≠ l) with n_kl sparse edges C_k → C_l, q_∘(k, k) = 1 − Σ_l q_∘(k, l).
4. Time rescaling: Z⁺ = log q̂ + β 1[k ≠ l], q⁺ = softmax(Z⁺), β = ln(M/ε): the off-diagonal mass per row becomes
   Θ(1) (≈ 1/2 for one exit edge) and the jump-chain law q(k, l)/(1 − q(k, k)) is unchanged.
5. The distilled reasoner is the K-state chain q⁺: E τ_{1→K} ≈ 2(K − 1) for a forward chain, independent of ε.
"""

import math
from dataclasses import dataclass

import numpy as np

from lmtheory.cot.exact import chain_hitting_time
from lmtheory.cot.simulate import label_transitions


@dataclass(frozen=True)
class Distilled:
    """Label-pair counts, the fitted meta-chain q̂, the rescaled q⁺, β, and the data size (chains × steps)."""

    counts: np.ndarray
    q_hat: np.ndarray
    q_plus: np.ndarray
    beta: float
    chains: int
    steps: int

    @property
    def hitting_time(self) -> float:
        """E τ_{1→K} of the distilled chain q⁺."""
        return chain_hitting_time(self.q_plus, 0, len(self.q_plus) - 1)


def fit_meta_chain(counts: np.ndarray) -> np.ndarray:
    """q̂ = counts / rowsums; a cluster never visited keeps q̂(k, k) = 1."""
    counts = np.asarray(counts, float)
    rows = counts.sum(axis=1, keepdims=True)
    return np.where(rows > 0, counts / np.where(rows > 0, rows, 1.0), np.eye(len(counts)))


def time_rescale(q: np.ndarray, beta: float) -> np.ndarray:
    """q⁺ = softmax(log q + β 1[k ≠ l]) row-wise (zero entries stay zero)."""
    with np.errstate(divide="ignore"):
        Z = np.log(q) + beta * (1 - np.eye(len(q)))
    Z -= Z.max(axis=1, keepdims=True)
    E = np.exp(Z)
    return E / E.sum(axis=1, keepdims=True)


def jump_chain(q: np.ndarray) -> np.ndarray:
    """Exit law of each state, q(k, l)/(1 − q(k, k)) off the diagonal (rows without exits are 0)."""
    off = np.asarray(q, float) * (1 - np.eye(len(q)))
    total = off.sum(axis=1, keepdims=True)
    return np.divide(off, total, out=np.zeros_like(off), where=total > 0)


def data_steps(K: int, M: int, eps: float, chains: int, data: float = 30.0) -> int:
    """Steps per chain T = ⌈data·K M/(chains·ε)⌉."""
    return math.ceil(round(data * K * M / (chains * eps), 6))  # round: 30·160/(16·3e-4) is 1e6, not 1e6 + 1


def distill(
    P, labels: np.ndarray, x0: int, M: int, eps: float, rng: np.random.Generator, chains=16, data=30.0, beta=None
) -> Distilled:
    """Alg. 4 from `chains` CoT chains of P started at x0; β defaults to ln(M/ε)."""
    K = int(labels.max()) + 1
    steps = data_steps(K, M, eps, chains, data)
    counts = label_transitions(P, labels, x0, chains, steps, rng)
    q_hat = fit_meta_chain(counts)
    beta = math.log(M / eps) if beta is None else float(beta)
    return Distilled(counts, q_hat, time_rescale(q_hat, beta), beta, chains, steps)
