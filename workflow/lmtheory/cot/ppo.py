"""Alg. 3 of spec B.2.4: PPO-Clip fine-tuning of the softmax policy π_W(·|x) = softmax(W[x]) with reward on Ê.

Init W = log P on the support, −1e9 off it; advantage Â(x, y) = 1[(x, y) ∈ Ê]. Outer iteration: freeze π_old; for
each source s of Ê (the only rows with a non-zero advantage; every other row keeps a zero gradient and stays exactly
unchanged) maximise J_s(W) = Σ_y π_old(y|s) min(r_y Â, clip(r_y, 1 − c, 1 + c) Â), r_y = π_W(y|s)/π_old(y|s),
with the expectation over y computed exactly (sampling would need ~1/ε draws to see a sparse edge; pitfall C.7).
∂J_s/∂W[s, y] = Σ_t a_t π(t|s)(δ_ty − π(y|s)) with a_t = 1 for t ∈ Ê(s) while r_t < 1 + c (0 once clipped).
Up to G sign steps W[s] += α sign(∇J_s) on the support, stopping when every r_t ≥ 1 + c; then π(t|s) is capped at
ε_max by shifting W[s, t]. Iterate until every π(t|s) ≥ ε_max.

Closed form: a sign step lowers every other logit of row s by α and raises W[s, t] by α, so the other entries keep their
ratios and each outer iteration multiplies π(t|s) by about 1 + c (up to an e^{2α} overshoot): I* ≈
⌈ln(ε_max/ε)/ln(1 + c)⌉ iterations, and the finetuned kernel equals the PRM-mode kernel of `search.boost`.
"""

import math
from dataclasses import dataclass

import numpy as np
from scipy.special import logsumexp

from lmtheory.cot.pretraining import NEG, softmax


@dataclass(frozen=True)
class PPOResult:
    """The finetuned kernel, the outer-iteration count, and π(t|s) per edge after each iteration, (I + 1, n_edges)."""

    kernel: np.ndarray
    iterations: int
    trace: np.ndarray


def predicted_iterations(eps: float, eps_max: float, clip: float) -> int:
    """I* = ⌈ln(ε_max/ε)/ln(1 + c)⌉."""
    return math.ceil(math.log(eps_max / eps) / math.log(1 + clip))


def ppo_clip(P, edges, eps_max=0.5, clip=0.2, lr=0.01, inner_steps=50, max_iterations=10_000) -> PPOResult:
    """Alg. 3 on the dense kernel P with Ê = `edges` (n, 2)."""
    P = np.asarray(P, float)
    edges = np.asarray(edges, np.int64).reshape(-1, 2)
    sources = np.unique(edges[:, 0])
    row_of = {int(s): i for i, s in enumerate(sources)}
    rows = np.array([row_of[int(s)] for s in edges[:, 0]], np.int64)
    rewarded = np.zeros((len(sources), P.shape[1]), bool)
    rewarded[rows, edges[:, 1]] = True
    support = P[sources] > 0
    with np.errstate(divide="ignore"):
        W = np.where(support, np.log(P[sources]), NEG)
    trace = [softmax(W)[rows, edges[:, 1]]]
    iterations = 0
    while np.any(trace[-1] < eps_max - 1e-12):
        if iterations == max_iterations:
            raise RuntimeError(f"PPO-Clip did not reach ε_max = {eps_max} in {max_iterations} iterations")
        old = softmax(W)
        for _ in range(inner_steps):
            pi = softmax(W)
            active = rewarded & (pi / np.where(rewarded, old, 1.0) < 1 + clip)
            if not active.any():
                break
            weight = np.where(active, pi, 0.0)
            grad = weight - pi * weight.sum(axis=1, keepdims=True)
            step = np.sign(grad) * support
            step[~active.any(axis=1)] = 0.0  # rows whose every target is clipped have a zero gradient
            W = W + lr * step
        pi = softmax(W)
        over = rewarded & (pi > eps_max)
        if over.any():  # cap: shift W[s, t] so that π(t|s) = ε_max (the other entries of the row keep their ratios)
            r, c = np.nonzero(over)
            others = W[r].copy()
            others[np.arange(len(r)), c] = -np.inf
            W[r, c] = logsumexp(others, axis=1) + math.log(eps_max / (1 - eps_max))
        iterations += 1
        trace.append(softmax(W)[rows, edges[:, 1]])
    kernel = P.copy()
    kernel[sources] = softmax(W)
    return PPOResult(kernel=kernel, iterations=iterations, trace=np.asarray(trace))


def total_variation(P: np.ndarray, Q: np.ndarray) -> np.ndarray:
    """Row-wise TV distance ½ Σ_y |P(x, y) − Q(x, y)|, (S,)."""
    return 0.5 * np.abs(np.asarray(P) - np.asarray(Q)).sum(axis=1)
