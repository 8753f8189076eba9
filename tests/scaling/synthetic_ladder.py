"""A data ladder with known exponents for the scaling controls: per-position losses of the theory's form
L_n(P) = n^(−γ) ℓ(P/n^(2β)), ℓ(x) = (1 + x^(−2))^(δ/2).

Position n is learned (ℓ → 1, L_n = n^(−γ): the entropy decays with γ) once P ≫ n^(2β), and stuck at ∝ P^(−δ) before:
with δ = γ/(2β) the loss of every unlearned position is n*(P)^(−γ), n*(P) = P^(1/(2β)), so L_AR(P) ∝ P^(−γ/(2β)) (the
paper's prediction) while n*(P) ≪ T; any other δ gives a ladder whose exponent is not γ/(2β). The curves collapse at
(γ, β) exactly for every δ.
"""

import numpy as np

T = 256
P = 2.0 ** np.arange(2, 10)  # n*(P) = P^(1/(2β)) stays well below T for β ≥ 0.8


def ladder_losses(gamma: float, beta: float, delta: float, P=P, T: int = T) -> np.ndarray:
    """(T, rungs): L_n(P) for n = 1..T."""
    n = np.arange(1, T + 1, dtype=float)[:, None]
    x = np.asarray(P, float)[None, :] / n ** (2 * beta)
    return n**-gamma * (1 + x**-2.0) ** (delta / 2)


def rung_records(losses: np.ndarray, P=P, long_gain: float = 0.0, wide_gain: float | None = None) -> list[dict]:
    """Rung records as rule scaling_rung writes them (the fields scaling_exponents reads), with the top rung's 2×
    steps check `long` lower by long_gain and, when wide_gain is given, a 2× wider model `wide` lower by wide_gain."""
    records = [
        {
            "rung": f"P{int(np.log2(p))}",
            "P": int(p),
            "T": losses.shape[0],
            "L_AR": float(col.mean()),
            "L_n": col.tolist(),
            "steps": 1000,
            "trained_steps": 1000,
            "rise_se": [0.0] * losses.shape[0],
        }
        for p, col in zip(P, losses.T, strict=True)
    ]
    top = records[-1]
    long = {**top, "rung": f"{top['rung']}_long", "L_AR": top["L_AR"] - long_gain}
    long |= {"steps": 2 * top["steps"], "trained_steps": 2 * top["steps"]}
    checks = [long]
    if wide_gain is not None:
        checks.append({**top, "rung": f"{top['rung']}_wide", "L_AR": top["L_AR"] - wide_gain, "parameters": 2_000_000})
    return records + checks
