"""Token streams with known correlations for the scaling tests: i.i.d. Zipf tokens (C(n) = 0) and a mixture of sticky
channels whose ‖C(n)‖_op decays as a power law n^(−β)."""

import numpy as np


def zipf_stream(n: int, vocab: int, rng) -> np.ndarray:
    """i.i.d. tokens with P(k) ∝ 1/(k+1), k < vocab."""
    p = 1 / np.arange(1, vocab + 1)
    return rng.choice(vocab, size=n, p=p / p.sum())


def sticky_mixture(n: int, vocab: int, timescales: np.ndarray, weights: np.ndarray, rng) -> np.ndarray:
    """x_i = h_i + 2 u_i, u_i uniform on [0, vocab/2), h_i a hidden bit read from channel c_i ~ weights (i.i.d.);
    channel j keeps its bit and redraws it uniformly at rate 1 − e^(−1/τ_j).

    Same channel at i and i+n with probability w_j², unchanged bit with probability e^(−n/τ_j), so
    C_h(n) = (c(n)/4)(1, −1)(1, −1)ᵀ with c(n) = Σ_j w_j² e^(−n/τ_j), and C_x(n) = (c(n)/4) d dᵀ with d = e_0 − e_1,
    ‖d‖² = 4/vocab: ‖C(n)‖_op = c(n)/vocab, rank one. With τ_j log-spaced and w_j² ∝ τ_j^(−β),
    c(n) ∝ Σ_j τ_j^(−β) e^(−n/τ_j) ≈ Γ(β) n^(−β) / ln(τ_{j+1}/τ_j) for τ_min ≪ n ≪ τ_max.
    """
    channel = rng.choice(len(timescales), size=n, p=weights)
    position = np.arange(n)
    bit = np.empty(n, dtype=np.int64)
    for j, tau in enumerate(timescales):
        redraw = rng.random(n) >= np.exp(-1 / tau)
        redraw[0] = True
        last = np.maximum.accumulate(np.where(redraw, position, 0))
        here = channel == j
        bit[here] = rng.integers(0, 2, size=n)[last][here]
    return bit + 2 * rng.integers(0, vocab // 2, size=n)


def sticky_chain(n: int, vocab: int, stay: float, rng) -> np.ndarray:
    """A first-order Markov chain that keeps its token with probability `stay` and otherwise redraws it uniformly:
    stationary law uniform (H_0 = ln vocab) and, for every context n ≥ 1, H_n = the entropy rate `sticky_chain_rate`."""
    position = np.arange(n)
    redraw = rng.random(n) >= stay
    redraw[0] = True
    return rng.integers(0, vocab, size=n)[np.maximum.accumulate(np.where(redraw, position, 0))]


def sticky_chain_rate(vocab: int, stay: float) -> float:
    """−Σ_j P(j|i) ln P(j|i) of `sticky_chain`: P(i|i) = stay + (1 − stay)/vocab and (1 − stay)/vocab for j ≠ i."""
    same, other = stay + (1 - stay) / vocab, (1 - stay) / vocab
    return float(-same * np.log(same) - (vocab - 1) * other * np.log(other))
