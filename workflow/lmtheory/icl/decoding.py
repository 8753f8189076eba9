"""Decoding randomness (spec A.3.3) and nested candidate sets (spec C.1, C.2).

Continuous tokens: per-step noise w_{k+1} = f(Z_k)_w + (τ/√d) ξ_k, ξ_k ~ N(0, I_d), or noise on the final w_K only;
greedy is τ = 0. Because the GD-CoT dynamics are linear, K noisy steps give w_K = w_K^greedy + τ m with
m ~ N(0, (1/d) Σ_{j<K} A^{2j}) (per-step) or m ~ N(0, I/d) (final-only). In the eigenbasis of Σ̂ = V diag(λ) Vᵀ,
m = V (√s ⊙ ξ) with s_i = (1/d) Σ_{j<K} a_i^{2j} or 1/d: `ContinuousCandidates` holds these draws, and the risk
R = ||e + τm||² and the in-context loss L̂ = (1/n)||r − τXm||² (e = w_K − w*, r = y − X w_K) of every candidate are
quadratics in τ, so one draw of ξ serves every τ (common random numbers) and every prefix N of the candidate set.
`simulate_step_noise` instead runs the K noisy steps explicitly (for the A-T2 Monte Carlo check).

Binary final token: logits ℓ = √d w_K, b_j = +1 with probability σ(2ℓ_j/τ) independently over j (a two-token
softmax at temperature τ); greedy is b = sign(ℓ). One uniform draw u serves every τ: b_j = +1 iff u_j < σ(2ℓ_j/τ).
"""

from dataclasses import dataclass

import numpy as np
from scipy import special

from lmtheory.icl import theory

NOISE_MODELS = ("per_step", "final")


def noise_variances(lam: np.ndarray, eta: float, K: int, model: str) -> np.ndarray:
    """Eigen-direction variances s (T, d) of the unit-τ noise m on w_K under `model` (per_step or final)."""
    if model == "per_step":
        return theory.step_noise_variances(lam, eta, K)
    if model == "final":
        return theory.final_noise_variances(lam)
    raise ValueError(f"noise model {model!r} is not one of {NOISE_MODELS}")


def step_noise(shape: tuple, d: int, tau: float, rng: np.random.Generator) -> np.ndarray:
    """Per-step decoding noise (τ/√d) ξ of the given leading shape, (..., d)."""
    return tau / np.sqrt(d) * rng.standard_normal((*shape, d))


def simulate_step_noise(X: np.ndarray, eta: float, Ks, reps: int, rng: np.random.Generator) -> np.ndarray:
    """Run m_{k+1} = A m_k + ξ_k/√d (m_0 = 0, A = I − ηΣ̂) for `reps` chains per prompt, explicitly step by step.

    By linearity the noisy chain at temperature τ is w_k = w_k^greedy + τ m_k. Returns m at each K in `Ks`,
    shape (len(Ks), T, reps, d). Draws ξ step by step, shape (T, reps, d) each.
    """
    T, n, d = X.shape
    Ks = sorted(int(k) for k in Ks)
    A = np.eye(d) - eta * np.einsum("tni,tnj->tij", X, X) / n
    m = np.zeros((T, reps, d))
    out = np.empty((len(Ks), T, reps, d))
    for k in range(1, Ks[-1] + 1):
        m = np.einsum("tij,trj->tri", A, m) + rng.standard_normal((T, reps, d)) / np.sqrt(d)
        if k in Ks:
            out[Ks.index(k)] = m
    return out


@dataclass
class ContinuousCandidates:
    """N candidates w_s(τ) = w_K + τ V(√s ⊙ ξ_s) per prompt, with their risk and in-context loss as quadratics in τ.

    Built by `continuous_candidates`. Arrays: e (T, d) = Vᵀ(w_K − w*), z (T, N, d) = √s ⊙ ξ (eigen-coordinates of m),
    lam (T, d), V (T, d, d), w (T, d) the greedy w_K, l0 (T,) = L̂(w_K), g (T, d) = Vᵀ Xᵀ(y − X w_K)/n.
    """

    e: np.ndarray
    z: np.ndarray
    lam: np.ndarray
    V: np.ndarray
    w: np.ndarray
    l0: np.ndarray
    g: np.ndarray

    def __post_init__(self):
        self.e2 = np.sum(self.e**2, axis=-1)
        self.ez = np.einsum("td,tnd->tn", self.e, self.z)
        self.zz = np.sum(self.z**2, axis=-1)
        self.gz = np.einsum("td,tnd->tn", self.g, self.z)
        self.zsz = np.einsum("td,tnd->tn", self.lam, self.z**2)

    def risk(self, tau: float) -> np.ndarray:
        """R(w_s) = ||e||² + 2τ eᵀm_s + τ²||m_s||², (T, N)."""
        return self.e2[:, None] + 2 * tau * self.ez + tau**2 * self.zz

    def loss(self, tau: float) -> np.ndarray:
        """L̂(w_s) = L̂(w_K) − 2τ (Xᵀr/n)ᵀ m_s + τ² m_sᵀ Σ̂ m_s, (T, N)."""
        return self.l0[:, None] - 2 * tau * self.gz + tau**2 * self.zsz

    def weights(self, tau: float) -> np.ndarray:
        """The candidates in the original basis, (T, N, d)."""
        return self.w[:, None, :] + tau * np.einsum("tij,tnj->tni", self.V, self.z)

    def block_means(self, N: int) -> np.ndarray:
        """Eigen-coordinates of the mean of each of the N_max // N disjoint blocks of N candidates, (T, B, d)."""
        T, total, d = self.z.shape
        blocks = total // N
        return self.z[:, : blocks * N].reshape(T, blocks, N, d).mean(axis=2)


def continuous_candidates(
    X: np.ndarray, y: np.ndarray, w_star: np.ndarray, w_K: np.ndarray, eta: float, K: int, model: str, xi: np.ndarray
) -> ContinuousCandidates:
    """Candidate set from the greedy w_K (T, d) and standard normals ξ (T, N, d) under noise `model` (exact in law)."""
    n = X.shape[1]
    lam, V = theory.spectrum(X)
    z = np.sqrt(noise_variances(lam, eta, K, model))[:, None, :] * xi
    residual = y - np.einsum("tnd,td->tn", X, w_K)
    g = np.einsum("tij,ti->tj", V, np.einsum("tnd,tn->td", X, residual) / n)
    e = np.einsum("tij,ti->tj", V, w_K - w_star)
    return ContinuousCandidates(e=e, z=z, lam=lam, V=V, w=w_K, l0=np.mean(residual**2, axis=-1), g=g)


def binary_logits(w_K: np.ndarray) -> np.ndarray:
    """ℓ = √d w_K."""
    return np.sqrt(w_K.shape[-1]) * w_K


def plus_probability(ell: np.ndarray, tau: float) -> np.ndarray:
    """P(b_j = +1) = σ(2ℓ_j/τ) (τ > 0)."""
    return special.expit(2.0 * ell / tau)


def sample_binary(ell: np.ndarray, tau: float, u: np.ndarray) -> np.ndarray:
    """Binary decodes (T, N, d) in {±1} (int8) from uniforms u (T, N, d); τ = 0 is greedy sign(ℓ) (0 where ℓ = 0)."""
    if tau == 0:
        return np.broadcast_to(np.sign(ell)[:, None, :], u.shape).astype(np.int8)
    return np.where(u < plus_probability(ell, tau)[:, None, :], 1, -1).astype(np.int8)
