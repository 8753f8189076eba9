"""Closed forms of the reconstructed model (spec A.4), per prompt, in the eigenbasis of Σ̂ = XᵀX/n.

With Σ̂ = V diag(λ) Vᵀ and A = I − ηΣ̂ (eigenvalues a_i = 1 − ηλ_i):

- A-T1 greedy risk (σ = 0): R(w_K) = ||A^K w*||² = Σ_i a_i^{2K} (Vᵀw*)_i², and E_{w*} R = tr(A^{2K})/d.
- A-T2 per-step noise w_{k+1} = f(Z_k)_w + (τ/√d) ξ_k adds (τ²/d) Σ_{j<K} tr(A^{2j}) to the risk, which tends to the
  floor (τ²/d) tr[(I − A²)⁻¹] = (τ²/d) Σ_i 1/(ηλ_i(2 − ηλ_i)) as K → ∞.
- A-T3 one sample adds the noise term (τ² final-only, the A-T2 sum per-step); the mean of N decodes adds it / N.
- A-T4 small-τ heuristic for best-of-N with the in-context verifier: R*(N) ≈ ||e||²(1 − m_N²/d) at τ* ≈ ||e|| m_N/√d,
  with e = w_K − w* and m_N = E max of N standard normals.
- A-T5 binary best-of-N (σ = 0): pass@N = 1 − E[(1 − q)^N], q = Π_j p_j*, p_j* = σ(2ℓ_j b*_j/τ), ℓ = √d w_K.
- A-T6 majority vote: P(exact) = E Π_j P(Bin(N, p_j*) > N/2).
- A-T7 the in-context verifier's limit: the least-squares risk σ² tr(Σ̂⁻¹)/n (continuous), the ML decoder
  argmin_{b ∈ {±1}^d} L̂(b/√d) (binary, brute force).
"""

import itertools

import numpy as np
from scipy import special, stats


def spectrum(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues λ (T, d) ascending and eigenvectors V (T, d, d) (columns) of Σ̂ = XᵀX/n for X (T, n, d)."""
    sigma_hat = np.einsum("tni,tnj->tij", X, X) / X.shape[1]
    return np.linalg.eigh(sigma_hat)


def contraction(lam: np.ndarray, eta: float) -> np.ndarray:
    """Eigenvalues a = 1 − ηλ of A = I − ηΣ̂."""
    return 1.0 - eta * lam


def unstable(lam: np.ndarray, eta: float) -> np.ndarray:
    """Prompts on which GD with step η diverges: λ_max(Σ̂) > 2/η (spec C.3), as a boolean (T,)."""
    return lam.max(axis=-1) > 2.0 / eta


def greedy_risk(lam: np.ndarray, V: np.ndarray, w_star: np.ndarray, eta: float, K: int) -> np.ndarray:
    """A-T1: ||A^K w*||² per prompt (σ = 0), (T,)."""
    coef = np.einsum("tij,ti->tj", V, w_star)  # Vᵀ w*
    return np.sum(contraction(lam, eta) ** (2 * K) * coef**2, axis=-1)


def expected_greedy_risk(lam: np.ndarray, eta: float, K: int) -> np.ndarray:
    """A-T1 averaged over w* ~ N(0, I/d): tr(A^{2K})/d per prompt, (T,)."""
    return np.mean(contraction(lam, eta) ** (2 * K), axis=-1)


def step_noise_variances(lam: np.ndarray, eta: float, K: int) -> np.ndarray:
    """Per eigendirection, the variance (1/d) Σ_{j<K} a_i^{2j} of the noise accumulated over K noisy steps at τ = 1.

    Geometric sum (1 − a^{2K})/(1 − a²), with the limit K where a² = 1.
    """
    a2 = contraction(lam, eta) ** 2
    with np.errstate(divide="ignore", invalid="ignore"):
        total = np.where(np.isclose(a2, 1.0), float(K), (1.0 - a2**K) / (1.0 - a2))
    return total / lam.shape[-1]


def final_noise_variances(lam: np.ndarray) -> np.ndarray:
    """Per eigendirection, the variance 1/d of the final-only noise (τ/√d)ξ at τ = 1 (isotropic)."""
    return np.full(lam.shape, 1.0 / lam.shape[-1])


def step_noise_term(lam: np.ndarray, eta: float, K: int, tau: float) -> np.ndarray:
    """A-T2: the per-step noise term (τ²/d) Σ_{j<K} tr(A^{2j}) per prompt, (T,)."""
    return tau**2 * step_noise_variances(lam, eta, K).sum(axis=-1)


def step_noise_floor(lam: np.ndarray, eta: float, tau: float) -> np.ndarray:
    """A-T2 as K → ∞: (τ²/d) Σ_i 1/(ηλ_i(2 − ηλ_i)) per prompt (infinite when Σ̂ is singular or GD diverges)."""
    x = eta * lam
    with np.errstate(divide="ignore"):
        per = np.where((x > 0) & (x < 2), 1.0 / (x * (2.0 - x)), np.inf)
    return tau**2 * per.mean(axis=-1)


def final_noise_term(tau: float) -> float:
    """A-T3: the final-only noise term E||(τ/√d)ξ||² = τ²."""
    return tau**2


def mean_aggregation_risk(greedy: np.ndarray, noise_term: np.ndarray, N: int) -> np.ndarray:
    """A-T3: E R(mean of N decodes) = R(greedy) + noise term / N (exact: the dynamics are linear)."""
    return greedy + noise_term / N


def least_squares_risk(lam: np.ndarray, sigma: float, n: int) -> np.ndarray:
    """A-T7 continuous limit: E_ζ ||ŵ_LS − w*||² = σ² tr(Σ̂⁻¹)/n per prompt."""
    return sigma**2 * np.sum(1.0 / lam, axis=-1) / n


def expected_max_normal(N) -> np.ndarray:
    """m_N = E max_{s ≤ N} Z_s for iid standard normals: ∫ x N φ(x) Φ(x)^{N−1} dx by the trapezoid rule.

    The integrand is smooth and decays like a Gaussian, so the trapezoid rule on a fine grid is accurate to ~1e-12.
    """
    Ns = np.atleast_1d(np.asarray(N, dtype=float))
    if np.any(Ns < 1):
        raise ValueError(f"N must be ≥ 1, got {N}")
    x = np.linspace(-12.0, 14.0, 52001)
    log_density = np.log(Ns)[:, None] + stats.norm.logpdf(x) + (Ns[:, None] - 1) * special.log_ndtr(x)
    m = np.trapezoid(x * np.exp(log_density), x, axis=-1)
    return m if np.ndim(N) else m[0]


def bon_heuristic(e2: np.ndarray, N, d: int) -> np.ndarray:
    """A-T4 (ii): R*(N) ≈ ||e||² (1 − m_N²/d)."""
    return np.asarray(e2) * (1.0 - expected_max_normal(N) ** 2 / d)


def tau_star_heuristic(e_norm: np.ndarray, N, d: int) -> np.ndarray:
    """A-T4 (ii): τ*(N) ≈ ||e|| m_N/√d."""
    return np.asarray(e_norm) * expected_max_normal(N) / np.sqrt(d)


def coordinate_success(ell: np.ndarray, b_star: np.ndarray, tau: float) -> np.ndarray:
    """p_j* = P(b_j = b*_j) = σ(2 ℓ_j b*_j / τ); at τ = 0 the greedy indicator 1[sign(ℓ_j) = b*_j]."""
    if tau == 0:
        return (np.sign(ell) == b_star).astype(float)
    return special.expit(2.0 * ell * b_star / tau)


def exact_probability(ell: np.ndarray, b_star: np.ndarray, tau: float) -> np.ndarray:
    """q = Π_j p_j*: probability that one binary decode equals b*, per prompt (T,)."""
    return np.prod(coordinate_success(ell, b_star, tau), axis=-1)


def pass_at_n(q: np.ndarray, N) -> np.ndarray:
    """A-T5 per prompt: 1 − (1 − q)^N, shape (T,) for scalar N or (T, len(N)) for a sequence."""
    Ns = np.asarray(N, dtype=float)
    return 1.0 - (1.0 - q[..., None]) ** Ns if Ns.ndim else 1.0 - (1.0 - q) ** Ns


def majority_vote_success(p_star: np.ndarray, N: int) -> np.ndarray:
    """A-T6 per prompt: Π_j P(Bin(N, p_j*) > N/2) for p_star (T, d), (T,)."""
    return np.prod(stats.binom.sf(N // 2, N, p_star), axis=-1)


def sign_vectors(d: int) -> np.ndarray:
    """All 2^d vectors of {±1}^d, (2^d, d), in lexicographic order (−1 before +1)."""
    return np.array(list(itertools.product((-1.0, 1.0), repeat=d)))


def ml_decode(X: np.ndarray, y: np.ndarray, max_d: int = 16) -> np.ndarray:
    """Brute-force ML decoder argmin_{b ∈ {±1}^d} L̂(b/√d), L̂(w) = (1/n)||y − Xw||², per prompt (T, d).

    Ties go to the first vector in `sign_vectors` order. Chunked over prompts to bound memory (d ≤ max_d).
    """
    T, n, d = X.shape
    if d > max_d:
        raise ValueError(f"brute-force ML decoding over 2^d vectors needs d ≤ {max_d}, got d={d}")
    B = sign_vectors(d)
    chunk = max(1, (1 << 22) // (n * len(B)))
    best = np.empty((T, d))
    for start in range(0, T, chunk):
        fits = X[start : start + chunk] @ B.T / np.sqrt(d)  # (c, n, 2^d)
        loss = np.mean((y[start : start + chunk, :, None] - fits) ** 2, axis=1)
        best[start : start + chunk] = B[np.argmin(loss, axis=1)]
    return best


def n50(q: np.ndarray, target: float = 0.5) -> float:
    """Real N₅₀ solving 1 − mean_prompts (1 − q)^N = target (A-T5), by bisection on log N.

    Returns 0 when the target is met as N → 0 (more than 1 − target of the prompts have q = 1) and inf when it is
    never met (too many prompts with q = 0).
    """
    with np.errstate(divide="ignore"):
        log_miss = np.log1p(-np.clip(q, 0.0, 1.0))

    def failure(N):
        with np.errstate(invalid="ignore"):
            return np.mean(np.exp(np.where(np.isneginf(log_miss), -np.inf, N * log_miss)))

    lo, hi = np.log(1e-9), np.log(1e18)
    if failure(np.exp(hi)) > 1 - target:
        return np.inf
    if failure(np.exp(lo)) <= 1 - target:
        return 0.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if failure(np.exp(mid)) > 1 - target else (lo, mid)
    return float(np.exp(0.5 * (lo + hi)))
