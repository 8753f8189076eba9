"""The collapse quality CQ(γ, β) of per-position losses L_n(P) under L_n − H_∞ ≍ n^(−γ) ℓ(P/n^(2β)) (spec §4.5,
C0e, C7, C17).

Each n gives a curve over the rungs: x = log(P/n^(2β)), y = log(n^γ L_n) (raw) or log(n^γ (L_n − H_∞)) (shifted).
Every curve is interpolated linearly (never extrapolated) onto a common grid of 20 points spanning the union of the
curves' x ranges [O: the union, so that the "covered by ≥ 3 curves" rule decides what enters; over the overlap that
rule would be void]. Grid points covered by ≥ 3 curves are kept; fewer than 10 kept points give CQ = NaN (a large β
spreads the curves apart). CQ = mean over kept points of Var_n(y) (ddof 0, un-normalised). Lower is better.

Vectorised over the (γ, β) grid: for fixed β the grid and the interpolation weights do not depend on γ, and
y = γ log n + z with z = log L (or log(L − H_∞)) interpolated, so Var_n(y) = Var(z) + 2γ Cov(log n, z) + γ² Var(log n):
one interpolation per β, a quadratic in γ. The scan runs over a fixed grid (config `collapse.gamma_range`,
`beta_range`, steps), not one centred on the estimates it is compared with, so C17 can fail; its argmin is (γ_c, β_c),
with errors half the γ (β) range of the near-optimal cells CQ ≤ 1.1 · CQ_min [O: C7's "as good as the minimum"]. An
argmin whose neighbour is off the grid or uncomputable (NaN) is `on_edge`: the true minimum may lie beyond it, so the
claims that read (γ_c, β_c) are undecided. The degradation ratios of C7 are CQ(γ̂, β̂ ± 2Δβ) and CQ(γ̂ ± 0.05, β̂)
over CQ(γ̂, β̂).
"""

import numpy as np
import polars as pl

GRID_POINTS = 20
MIN_CURVES = 3
MIN_GRID_POINTS = 10
NEAR_OPTIMAL = 1.1
GAMMA_MOVE = 0.05


def _curve_values(losses, h_inf: float | None) -> np.ndarray:
    """z = log L (raw) or log(L − H_∞) (shifted)."""
    losses = np.asarray(losses, float)
    if h_inf is None:
        return np.log(losses)
    if np.any(losses <= h_inf):
        raise ValueError(f"the shifted collapse needs every L_n(P) > H_∞ = {h_inf}, got min {losses.min()}")
    return np.log(losses - h_inf)


def collapse_quality_grid(n, P, losses, gammas, betas, h_inf: float | None = None) -> np.ndarray:
    """CQ(γ, β) for every γ in gammas and β in betas: array (len(gammas), len(betas)), NaN where < 10 grid points
    are covered by ≥ 3 curves. losses[i, r] = L_{n_i}(P_r); h_inf None is the raw form, a number the shifted form."""
    order = np.argsort(np.asarray(P, float))
    log_p = np.log(np.asarray(P, float)[order])
    z = _curve_values(losses, h_inf)[:, order]
    log_n = np.log(np.asarray(n, float))
    gammas, betas = np.atleast_1d(np.asarray(gammas, float)), np.atleast_1d(np.asarray(betas, float))
    shift = 2 * betas[:, None] * log_n[None, :]  # curve k spans x ∈ [log P_1 − shift_k, log P_R − shift_k]
    lo, hi = log_p[0] - shift.max(axis=1), log_p[-1] - shift.min(axis=1)
    grid = lo[:, None] + (hi - lo)[:, None] * np.linspace(0, 1, GRID_POINTS)[None, :]
    u = grid[:, None, :] + shift[:, :, None]  # (β, curve, grid point) on the log P axis of each curve
    tol = 1e-9 * max(1.0, np.abs(log_p).max())
    covered = (u >= log_p[0] - tol) & (u <= log_p[-1] + tol)
    u = np.clip(u, log_p[0], log_p[-1])
    left = np.clip(np.searchsorted(log_p, u, side="right") - 1, 0, log_p.size - 2)
    weight = (u - log_p[left]) / (log_p[left + 1] - log_p[left])
    curve = np.arange(log_n.size)[None, :, None]
    values = z[curve, left] * (1 - weight) + z[curve, left + 1] * weight
    count = covered.sum(axis=1)
    safe = np.maximum(count, 1)

    def centred(v):  # deviation from the mean over the curves covering a grid point, 0 where not covering
        v = np.broadcast_to(v, covered.shape)
        return np.where(covered, v - (covered * v).sum(axis=1, keepdims=True) / safe[:, None, :], 0.0)

    dz, dl = centred(values), centred(log_n[None, :, None])
    keep = count >= MIN_CURVES
    valid = keep.sum(axis=1) >= MIN_GRID_POINTS
    kept = np.maximum(keep.sum(axis=1), 1)

    def grid_mean(a, b):
        return ((a * b).sum(axis=1) / safe * keep).sum(axis=1) / kept

    var_z, cov, var_l = grid_mean(dz, dz), grid_mean(dl, dz), grid_mean(dl, dl)
    cq = var_z[None, :] + 2 * gammas[:, None] * cov[None, :] + gammas[:, None] ** 2 * var_l[None, :]
    return np.where(valid[None, :], np.maximum(cq, 0.0), np.nan)


def collapse_quality(n, P, losses, gamma: float, beta: float, h_inf: float | None = None) -> float:
    """CQ at one (γ, β)."""
    return float(collapse_quality_grid(n, P, losses, [gamma], [beta], h_inf)[0, 0])


def grid_values(lo: float, hi: float, step: float) -> np.ndarray:
    """lo, lo + step, … up to hi (rounded to 10 decimals, so grid values print cleanly)."""
    return np.round(lo + step * np.arange(int(round((hi - lo) / step)) + 1), 10)


def _on_edge(cq: np.ndarray, best: tuple[int, int]) -> bool:
    """Whether a neighbour of the argmin cell (±1 in γ or β) is off the grid or NaN."""
    for axis in (0, 1):
        for step in (-1, 1):
            cell = list(best)
            cell[axis] += step
            if not 0 <= cell[axis] < cq.shape[axis] or np.isnan(cq[tuple(cell)]):
                return True
    return False


def collapse_scan(
    n,
    P,
    losses,
    h_inf: float | None = None,
    gamma_range: tuple[float, float] = (0.02, 1.5),
    gamma_step: float = 0.01,
    beta_range: tuple[float, float] = (0.1, 3.5),
    beta_step: float = 0.02,
) -> dict:
    """CQ over the fixed (γ, β) grid: {'table': frame (gamma, beta, cq), 'gamma_c', 'beta_c', 'cq_min',
    'gamma_c_se', 'beta_c_se', 'on_edge'}; the se are half the γ (β) range of cells with CQ ≤ 1.1·CQ_min (NaN if all
    NaN)."""
    gammas = grid_values(*gamma_range, gamma_step)
    betas = grid_values(*beta_range, beta_step)
    cq = collapse_quality_grid(n, P, losses, gammas, betas, h_inf)
    g, b = np.meshgrid(gammas, betas, indexing="ij")
    table = pl.DataFrame({"gamma": g.ravel(), "beta": b.ravel(), "cq": cq.ravel()})
    if np.all(np.isnan(cq)):
        nan = {key: np.nan for key in ("gamma_c", "beta_c", "cq_min", "gamma_c_se", "beta_c_se")}
        return {"table": table, **nan, "on_edge": False}
    best = np.unravel_index(np.nanargmin(cq), cq.shape)
    near = cq <= NEAR_OPTIMAL * cq[best]
    return {
        "table": table,
        "gamma_c": float(gammas[best[0]]),
        "beta_c": float(betas[best[1]]),
        "cq_min": float(cq[best]),
        "gamma_c_se": float(np.ptp(g[near])) / 2,
        "beta_c_se": float(np.ptp(b[near])) / 2,
        "on_edge": _on_edge(cq, best),
    }


def collapse_degradation(n, P, losses, gamma: float, beta: float, beta_se: float, h_inf: float | None = None) -> dict:
    """C7: {'cq': CQ(γ̂, β̂), 'beta_lo', 'beta_hi': CQ(γ̂, β̂ ∓ 2Δβ)/CQ(γ̂, β̂), 'gamma_lo', 'gamma_hi':
    CQ(γ̂ ∓ 0.05, β̂)/CQ(γ̂, β̂)}."""
    gammas = [gamma - GAMMA_MOVE, gamma, gamma + GAMMA_MOVE]
    betas = [beta - 2 * beta_se, beta, beta + 2 * beta_se]
    cq = collapse_quality_grid(n, P, losses, gammas, betas, h_inf)
    centre = cq[1, 1]
    return {
        "cq": float(centre),
        "beta_lo": float(cq[1, 0] / centre),
        "beta_hi": float(cq[1, 2] / centre),
        "gamma_lo": float(cq[0, 1] / centre),
        "gamma_hi": float(cq[2, 1] / centre),
    }
