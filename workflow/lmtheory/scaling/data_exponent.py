"""The empirical data exponent α̂_D of L_AR(P) ≍ P^(−α_D) over a data ladder (spec §2.4, §4.4, C6, C15, C16).

* Lower envelope over contexts: L_env(P) = min_T L_AR(P; T).
* α̂_D = −slope of the OLS of log L on log P over all rungs (raw, the paper's form), with its R²; and the first-m
  sweep: α̂(m) over the m smallest P for m = m_min..R (m_min = 3 by default, the fewest points with a residual;
  5 at paper scale, spec §4.4), each with a 95% percentile bootstrap CI from resampling its m points.
* SE_α (C16) = sqrt(SE_boot² + SE_sweep²): SE_boot is the SD of the bootstrap slopes over all R rungs, SE_sweep is
  half the spread (max − min) of α̂(m) over the sweep, the same window-choice rule as γ's error (§4.2); the two
  are taken as independent, hence added in quadrature.
* α̂_shift (sensitivity): −slope of log(L − Ĥ_∞) on log P over the rungs with L − Ĥ_∞ ≥ 0.02, with Ĥ_∞ handed in
  (from γ_shift) or, when None, the R²-maximising offset on the P axis (grid step 0.005).
"""

import numpy as np
import polars as pl

from lmtheory.scaling.power_law import bootstrap_loglog_slope, loglog_fit
from lmtheory.scaling.shifted_power_law import shifted_loglog_fit
from lmtheory.seeds import generator
from lmtheory.stats import percentile_ci

M_MIN = 3
SHIFT_MIN_GAP = 0.02
SHIFT_STEP = 0.005


def lower_envelope(P, T, loss) -> pl.DataFrame:
    """Frame (P, loss, T) sorted by P: per P the smallest loss over contexts T and the T that attains it (the
    smallest such T on ties)."""
    frame = pl.DataFrame({"P": np.asarray(P), "T": np.asarray(T), "loss": np.asarray(loss, float)})
    return frame.sort("loss", "T").group_by("P", maintain_order=True).first().sort("P").select("P", "loss", "T")


def data_exponent(P, loss, n_boot: int, rng, m_min: int = M_MIN) -> dict:
    """α̂_D over all rungs with its SE and bootstrap CI, R², the strictly-decreasing check and the first-m sweep.

    Returns {'alpha', 'alpha_se', 'se_boot', 'se_sweep', 'ci_lo', 'ci_hi', 'r2', 'n_points', 'strictly_decreasing',
    'sweep'}, with sweep a frame (m, alpha, ci_lo, ci_hi, se_boot) for m = min(m_min, R)..R.
    """
    rng = generator(rng)
    order = np.argsort(np.asarray(P, float))
    P, loss = np.asarray(P, float)[order], np.asarray(loss, float)[order]
    if P.size < 3:
        raise ValueError(f"α̂_D needs at least 3 rungs, got {P.size}")
    rows = []
    for m in range(min(m_min, P.size), P.size + 1):
        boot = -bootstrap_loglog_slope(P[:m], loss[:m], n_boot, rng)
        lo, hi = percentile_ci(boot)
        rows.append(
            {
                "m": m,
                "alpha": -loglog_fit(P[:m], loss[:m])["slope"],
                "ci_lo": lo,
                "ci_hi": hi,
                "se_boot": float(boot.std()),
            }
        )
    sweep = pl.DataFrame(rows)
    full = rows[-1]
    se_sweep = float(sweep["alpha"].max() - sweep["alpha"].min()) / 2
    return {
        "alpha": full["alpha"],
        "alpha_se": float(np.hypot(full["se_boot"], se_sweep)),
        "se_boot": full["se_boot"],
        "se_sweep": se_sweep,
        "ci_lo": full["ci_lo"],
        "ci_hi": full["ci_hi"],
        "r2": loglog_fit(P, loss)["r2"],
        "n_points": int(P.size),
        "strictly_decreasing": bool(np.all(np.diff(loss) < 0)),
        "sweep": sweep,
    }


def alpha_shift(P, loss, h_inf: float | None = None) -> dict:
    """α̂_shift = −slope of log(L − Ĥ_∞) on log P over rungs with L − Ĥ_∞ ≥ 0.02: {'alpha', 'h_inf', 'r2',
    'n_points'} (NaN with fewer than 2 such rungs). Ĥ_∞ = None takes the R²-max offset on the P axis."""
    P, loss = np.asarray(P, float), np.asarray(loss, float)
    if h_inf is None:
        h_inf = shifted_loglog_fit(P, loss, SHIFT_STEP)["offset"]
    keep = loss - h_inf >= SHIFT_MIN_GAP
    if np.unique(P[keep]).size < 2:
        return {"alpha": np.nan, "h_inf": h_inf, "r2": np.nan, "n_points": int(keep.sum())}
    fit = loglog_fit(P[keep], loss[keep] - h_inf)
    return {"alpha": -fit["slope"], "h_inf": h_inf, "r2": fit["r2"], "n_points": fit["n_points"]}
