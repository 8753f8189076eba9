"""β, the exponent of the correlation decay ‖C(n)‖_op ≍ n^(−β), over the frozen lag window (spec §2.2, §4.1).

* Window rule (frozen): the lags from the first one up to n_max, the last lag before the first lag with
  ‖Ĉ(n)‖_op < 3·floor; every lag inside enters the fit.
* β = −slope of the OLS of log ‖Ĉ‖_op on log n over the window, with its R².
* Errors: the bootstrap SD over lag points (resample the (n, ‖Ĉ‖_op) pairs with replacement, refit) and the
  window variation, the larger |β' − β| over the two neighbouring windows (the last window lag dropped; the next
  lag added). They are independent sources (scatter of the points; choice of the window), so the combined
  SE = sqrt(SD_boot² + window_shift²) (the bootstrap SD alone when neither neighbouring window exists).
* β_F: the same slope on the debiased Frobenius norm, over the window lags where it is positive.
* The hinge (two slopes, gridded knot) over the window, adopted when ΔBIC ≤ −6.
* The record of rule scaling_beta adds the floor's trend in n (C13) and the C10 spectrum check.

With fewer than 3 lags in the window β is not reportable: the result says so (and why) with NaN estimates.
"""

import numpy as np
import polars as pl

from lmtheory.scaling.broken_power_law import hinge_fit
from lmtheory.scaling.correlation_spectrum import spectrum_check
from lmtheory.scaling.correlations import noise_floor
from lmtheory.scaling.power_law import bootstrap_loglog_slope, loglog_fit
from lmtheory.seeds import generator

MIN_WINDOW_LAGS = 3


def window_size(op_norms, floor: float, factor: float = 3.0) -> int:
    """How many leading lags the frozen window holds: the index of the first lag with ‖Ĉ‖_op < factor·floor (all
    lags when there is none)."""
    below = np.flatnonzero(np.asarray(op_norms, float) < factor * floor)
    return int(below[0]) if below.size else len(op_norms)


def _beta(lags, values) -> float:
    """−(log-log slope) over the points, NaN with fewer than MIN_WINDOW_LAGS."""
    return -loglog_fit(lags, values)["slope"] if len(lags) >= MIN_WINDOW_LAGS else float("nan")


def beta_estimate(
    table: pl.DataFrame, n_boot: int = 1000, rng=0, factor: float = 3.0, bic_threshold: float = -6.0
) -> dict:
    """β with its errors, β_F and the hinge from a `correlation_table` (lags ascending), under the frozen window.

    Keys: reportable, reason, floor, floor_flatness, n_above_floor (lags with ‖Ĉ‖_op ≥ factor·floor anywhere on
    the grid), n_max, window_lags, n_points, beta, intercept, r2, beta_boot_sd, beta_drop_last, beta_add_next,
    beta_window_shift, beta_se, beta_f, beta_f_n_points, beta_short, beta_long, n_break, delta_bic, hinge_adopted.
    """
    lags = table["lag"].to_numpy().astype(float)
    op = table["op_norm"].to_numpy()
    frob = table["frob_debiased"].to_numpy()
    floor = noise_floor(table)
    size = window_size(op, floor["floor"], factor)
    nan = float("nan")
    result = {
        "floor": floor["floor"],
        "floor_flatness": floor["flatness"],
        "n_above_floor": int(np.sum(op >= factor * floor["floor"])),
        "n_max": int(lags[size - 1]) if size else 0,
        "window_lags": lags[:size].astype(int).tolist(),
        "n_points": size,
    }
    if size < MIN_WINDOW_LAGS:
        return result | {
            "reportable": False,
            "reason": f"{size} lag(s) above {factor:g}× floor before the first one below it; β needs "
            f"≥ {MIN_WINDOW_LAGS} (more tokens lower the floor ∝ N^(−1/2))",
            "beta": nan,
            "intercept": nan,
            "r2": nan,
            "beta_boot_sd": nan,
            "beta_drop_last": nan,
            "beta_add_next": nan,
            "beta_window_shift": nan,
            "beta_se": nan,
            "beta_f": nan,
            "beta_f_n_points": 0,
            "beta_short": nan,
            "beta_long": nan,
            "n_break": nan,
            "delta_bic": nan,
            "hinge_adopted": False,
        }
    x, y = lags[:size], op[:size]
    fit = loglog_fit(x, y)
    boot_sd = float(np.std(bootstrap_loglog_slope(x, y, n_boot, generator(rng))))
    drop_last = _beta(x[:-1], y[:-1])
    add_next = -loglog_fit(lags[: size + 1], op[: size + 1])["slope"] if size < lags.size else nan
    shifts = np.abs(np.array([drop_last, add_next]) + fit["slope"])
    window_shift = float(np.nanmax(shifts)) if np.isfinite(shifts).any() else nan
    positive = frob[:size] > 0
    hinge = hinge_fit(x, y, bic_threshold=bic_threshold)
    return result | {
        "reportable": True,
        "reason": f"{size} lags in the window [{int(x[0])}, {int(x[-1])}]",
        "beta": -fit["slope"],
        "intercept": fit["intercept"],
        "r2": fit["r2"],
        "beta_boot_sd": boot_sd,
        "beta_drop_last": drop_last,
        "beta_add_next": add_next,
        "beta_window_shift": window_shift,
        "beta_se": float(np.hypot(boot_sd, np.nan_to_num(window_shift))),
        "beta_f": _beta(x[positive], frob[:size][positive]),
        "beta_f_n_points": int(positive.sum()),
        "beta_short": -hinge["slope_short"],
        "beta_long": -hinge["slope_long"],
        "n_break": hinge["x_break"],
        "delta_bic": hinge["delta_bic"],
        "hinge_adopted": hinge["adopted"],
    }


SPECTRUM_RANKS = 50  # C10 needs the top 50 singular values per lag (correlations.spectrum ≥ 50, the paper config)


def beta_record(table: pl.DataFrame, n_boot: int, rng, spectrum: int = 0) -> dict:
    """Rule scaling_beta's record: `beta_estimate`, the permutation floor's trend in n (C13), and with
    spectrum ≥ 50 the window lags failing the C10 spectrum check."""
    beta = beta_estimate(table, n_boot=n_boot, rng=rng)
    beta["floor_trend"] = noise_floor(table)["trend"]
    if spectrum >= SPECTRUM_RANKS:
        window = spectrum_check(table).filter(pl.col("lag").is_in(beta["window_lags"]))
        beta["spectrum_failures"] = int((~window["passes"]).sum())
        beta["spectrum_lags"] = window.height
    return beta
