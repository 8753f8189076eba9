"""Exact moments of Ising tree sums S = Σ_i σ_i (spec §2.4, §3.1, §3.2).

Var(S_n)/n = 1 + (b−1)θ² Σ_{h<d} (bθ²)^h; E S⁴ from the cumulant recursion over depth; and the exact variance of
the position-aware 1-gram chain through G_t = ρ_t (1 + G_{t−1}), ρ_t = θ^{2(1 + v_b(t))}.
"""

import numpy as np


def variance_growth_rate(b: int, theta: float) -> float:
    """log₂(bθ²): the growth of log₂(Var/n) per level of depth (true sums above Kesten–Stigum, and the exact k-gram's
    generated sums per level of context)."""
    return float(np.log2(b * theta**2))


def ratio_decay_exponent(b: int, theta: float) -> float:
    """γ = log_b(bθ²): Var_gen/Var_true of a context-k model decays like (n/k)^−γ."""
    return variance_growth_rate(b, theta) / float(np.log2(b))


def ising_var_over_n(b: int, theta: float, d: int) -> float:
    """Var(S_n)/n of the true Ising broadcast: 1 + (b−1)θ² Σ_{h=0}^{d−1} (bθ²)^h."""
    r = b * theta**2
    return 1.0 + (b - 1) * theta**2 * sum(r**h for h in range(d))


def _raw_to_cumulants(m1, m2, m3, m4):
    k2 = m2 - m1**2
    k3 = m3 - 3 * m2 * m1 + 2 * m1**3
    k4 = m4 - 4 * m3 * m1 - 3 * m2**2 + 12 * m2 * m1**2 - 6 * m1**4
    return m1, k2, k3, k4


def _cumulants_to_raw(k1, k2, k3, k4):
    m2 = k2 + k1**2
    m3 = k3 + 3 * k2 * k1 + k1**3
    m4 = k4 + 4 * k3 * k1 + 3 * k2**2 + 6 * k2 * k1**2 + k1**4
    return k1, m2, m3, m4


def _conditional_moments(b: int, theta: float, d: int, rescale: bool) -> tuple:
    """(m_1..m_4)(d) with m_j(h) = E[S^j | root = +], by the recursion of spec §3.2.

    A child subtree contributes X = εY with E X^j = θ^[j odd] m_j(h−1); the cumulants of the b i.i.d. children add.
    The recursion is homogeneous (S → cS maps m_j → c^j m_j), so with `rescale` every step divides S by its RMS:
    the moments overflow for no depth, and ratios such as the kurtosis are unchanged.
    """
    m = (1.0, 1.0, 1.0, 1.0)
    for _ in range(d):
        child = (theta * m[0], m[1], theta * m[2], m[3])
        m = _cumulants_to_raw(*(b * c for c in _raw_to_cumulants(*child)))
        if rescale:
            c = m[1] ** -0.5
            m = (m[0] * c, m[1] * c**2, m[2] * c**3, m[3] * c**4)
    return m


def ising_sum_moments(b: int, theta: float, d: int) -> tuple[float, float]:
    """(E S², E S⁴) of the true sum with a uniform root (by symmetry equal to the moments given root = +)."""
    m = _conditional_moments(b, theta, d, rescale=False)
    return m[1], m[3]


def ising_kurtosis(b: int, theta: float, d: int) -> float:
    """Kurtosis E S⁴ / (E S²)² of the true sum (3 for a Gaussian); finite for every depth."""
    m = _conditional_moments(b, theta, d, rescale=True)
    return m[3] / m[1] ** 2


def b_adic_valuation(t: np.ndarray, b: int) -> np.ndarray:
    """v_b(t): the largest v with b^v | t, for t ≥ 1."""
    t = np.asarray(t, dtype=np.int64)
    v = np.zeros_like(t)
    rest = t.copy()
    while np.any(divisible := (rest % b == 0) & (rest > 0)):
        v += divisible
        rest = np.where(divisible, rest // b, rest)
    return v


def ising_kgram1_var_over_n(b: int, theta: float, d: int) -> float:
    """Var(S)/n of the exact position-aware 1-gram (k=1): n + 2 Σ_t G_t, G_t = ρ_t(1 + G_{t−1}) (spec §2.4)."""
    n = b**d
    rho = theta ** (2 * (1 + b_adic_valuation(np.arange(1, n), b)))
    g, total = 0.0, 0.0
    for r in rho:
        g = r * (1 + g)
        total += g
    return (n + 2 * total) / n
