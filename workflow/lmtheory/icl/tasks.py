"""In-context linear regression prompts (spec A.3.1).

x_i ~ N(0, I_d) iid (i ≤ n), stacked into X ∈ R^{n×d}; continuous w* ~ N(0, I_d/d) (so E||w*||² = 1), binary
b* ~ Unif{±1}^d with w* = b*/√d; labels y = X w* + σζ with ζ ~ N(0, I_n). The test risk of an estimate w is
R(w) = ||w − w*||² (population excess risk for isotropic x).
"""

from typing import NamedTuple

import numpy as np

KINDS = ("continuous", "binary")


class Prompts(NamedTuple):
    """A batch of T prompts: X (T, n, d), y (T, n), w_star (T, d); b_star (T, d) in {±1} for binary, else None."""

    X: np.ndarray
    y: np.ndarray
    w_star: np.ndarray
    b_star: np.ndarray | None


def sample_prompts(T: int, d: int, n: int, kind: str, sigma: float, rng: np.random.Generator) -> Prompts:
    """T prompts of the `kind` task with label noise σ (draw order: X, then w*/b*, then ζ)."""
    if kind not in KINDS:
        raise ValueError(f"kind={kind!r} is not one of {KINDS}")
    X = rng.standard_normal((T, n, d))
    if kind == "continuous":
        b_star = None
        w_star = rng.standard_normal((T, d)) / np.sqrt(d)
    else:
        b_star = rng.choice(np.array([-1.0, 1.0]), size=(T, d))
        w_star = b_star / np.sqrt(d)
    zeta = rng.standard_normal((T, n))
    y = np.einsum("tnd,td->tn", X, w_star) + sigma * zeta
    return Prompts(X, y, w_star, b_star)


def with_label_noise(prompts: Prompts, sigma: float, zeta: np.ndarray) -> Prompts:
    """The same prompts with labels y = X w* + σζ (common random numbers across σ)."""
    y = np.einsum("tnd,td->tn", prompts.X, prompts.w_star) + sigma * zeta
    return prompts._replace(y=y)
