"""Alg. 1 of spec B.2.2: two-stage pretraining of the linear softmax model p̂_W(·|x) = softmax(W[x]).

Data: n_x transitions per state, counts C[x] ~ Multinomial(n_x, P^ε[x]), P_emp = C/n_x. Stage 1: full logit table
from W = 0, T₁ steps of GD on the row-wise cross-entropy, W ← W − lr (softmax(W) − P_emp) (the per-row Hessian is
≤ 1/2, so lr < 4 is stable; pitfall C.8). Threshold: mask = softmax(W) ≥ θ (θ = ε/4). Stage 2: logits off the mask
set to −1e9 and T₂ more GD steps on the masked logits. Stage 1 alone never drives non-edge logits to −∞: its leaked
mass per row (≫ ε/M) opens shortcuts between clusters and destroys metastability, which the threshold restores.
"""

from dataclasses import dataclass

import numpy as np

NEG = -1e9  # the logit of a pruned transition


def softmax(W: np.ndarray) -> np.ndarray:
    z = np.exp(W - W.max(axis=-1, keepdims=True))
    return z / z.sum(axis=-1, keepdims=True)


def transition_counts(P: np.ndarray, n_x: int, rng: np.random.Generator) -> np.ndarray:
    """C[x, y] ~ Multinomial(n_x, P[x]) for every state x, (S, S) int."""
    P = np.asarray(P, float)
    return rng.multinomial(n_x, P / P.sum(axis=1, keepdims=True))


def gradient_descent(W: np.ndarray, target: np.ndarray, lr: float, steps: int, mask=None) -> np.ndarray:
    """`steps` GD steps of the row-wise cross-entropy against `target` rows; entries off `mask` stay at NEG."""
    W = W.copy()
    if mask is not None:
        W[~mask] = NEG
    for _ in range(steps):
        grad = softmax(W) - target
        if mask is not None:
            grad[~mask] = 0.0
        W -= lr * grad
    return W


@dataclass(frozen=True)
class Pretrained:
    """Stage-1 logits and kernel, the threshold mask, and the two-stage kernel (None for stage-1-only runs)."""

    W1: np.ndarray
    P1: np.ndarray
    mask: np.ndarray
    P2: np.ndarray | None


def stage_one(counts: np.ndarray, n_x: int, lr=2.0, steps=4000) -> np.ndarray:
    """Stage-1 logits W from W = 0 (full table)."""
    return gradient_descent(np.zeros(counts.shape), counts / n_x, lr, steps)


def two_stage(counts: np.ndarray, n_x: int, theta: float, lr=2.0, steps1=4000, steps2=4000) -> Pretrained:
    """Alg. 1: stage 1, threshold softmax(W) ≥ θ, stage 2 on the masked logits (run on the mask's entries only,
    padded per row with NEG: the same iterates as the full masked table, far cheaper)."""
    if not 0 < lr < 4:
        raise ValueError(f"lr={lr}: GD on the softmax cross-entropy needs 0 < lr < 4 (spec pitfall C.8)")
    W1 = stage_one(counts, n_x, lr, steps1)
    P1 = softmax(W1)
    mask = P1 >= theta
    width = int(mask.sum(axis=1).max())
    order = np.argsort(~mask, axis=1, kind="stable")[:, :width]  # each row's masked columns first
    inside = np.take_along_axis(mask, order, axis=1)
    W2 = gradient_descent(
        np.take_along_axis(W1, order, axis=1), np.take_along_axis(counts / n_x, order, axis=1), lr, steps2, inside
    )
    P2 = np.zeros_like(P1)
    np.put_along_axis(P2, order, np.where(inside, softmax(W2), 0.0), axis=1)
    return Pretrained(W1=W1, P1=P1, mask=mask, P2=P2)


def stage_one_only(counts: np.ndarray, n_x: int, theta: float, lr=2.0, steps=4000) -> Pretrained:
    """Stage 1 alone, for comparison (its mask is reported but not applied)."""
    W1 = stage_one(counts, n_x, lr, steps)
    P1 = softmax(W1)
    return Pretrained(W1=W1, P1=P1, mask=P1 >= theta, P2=None)


def leaked_mass(P_model: np.ndarray, support: np.ndarray, labels: np.ndarray | None = None) -> tuple[float, float]:
    """Mean per row of the model's mass off the true support, and of the part of it that leaves the row's cluster."""
    off = np.where(support, 0.0, P_model)
    total = float(off.sum(axis=1).mean())
    if labels is None:
        return total, float("nan")
    cross = labels[:, None] != labels[None, :]
    return total, float((off * cross).sum(axis=1).mean())
