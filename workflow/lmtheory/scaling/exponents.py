"""The exponents of one run from its β and its data ladder (rule scaling_exponents; spec §4, C6–C8, C11–C17).

γ from the labelled estimator (§4.2), α̂_D with its first-m sweep (on L_AR(P), or on its lower envelope over T when
the ladder trains several contexts), the prediction α_pred = γ/(2β) with the Eq. 56 error and the C16 gap, the
collapse scan of L_n(P) on the fixed (γ, β) grid (raw form, the paper's Fig. 1; the shifted form with the γ_shift
offset beside it), the entropy-monotonicity check (C14) and the data-limited and capacity checks (C15, C12).
"""

import numpy as np
import polars as pl

from lmtheory.io import json_safe
from lmtheory.scaling.collapse import collapse_degradation, collapse_quality, collapse_scan
from lmtheory.scaling.data_exponent import alpha_shift, data_exponent, lower_envelope
from lmtheory.scaling.entropy_decay import gamma_raw, gamma_shift, select_gamma
from lmtheory.scaling.horizon import learned_horizon
from lmtheory.scaling.prediction import predicted_alpha, theory_gap
from lmtheory.scaling.rungs import ladder_rungs, rung_check

MONOTONE_MAX_N = 8  # C14: L_n non-increasing up to n = 8
GRID_KEYS = ("gamma_range", "gamma_step", "beta_range", "beta_step")


def _collapse(n, P, losses, gamma, beta, count, entropy, collapse_options):
    """(γ, re-labelled `collapse` when no other estimator qualified; the collapse record; the scan table) of the
    fixed-grid scan, which runs only with a reportable β to compare with."""
    if not beta["reportable"]:
        reason = "β not reportable: nothing to compare the collapse with"
        empty = pl.DataFrame(schema={"gamma": pl.Float64, "beta": pl.Float64, "cq": pl.Float64})
        return gamma, {"gamma_c": None, "beta_c": None, "reason": reason}, empty
    cn = n[: collapse_options["max_n"]]
    grid = {key: collapse_options[key] for key in GRID_KEYS}
    top, half = losses[:, -1], losses[:, -2]
    scan = collapse_scan(cn, P, losses[: len(cn)], **grid)
    if gamma["estimator"] == "none":
        gamma = select_gamma(n, top, half, entropy["epsilon"], count=count, collapse=scan)
    table = scan.pop("table")
    shifted = gamma_shift(n[:MONOTONE_MAX_N], top[:MONOTONE_MAX_N])
    # the shifted form needs H_∞ below every L_n(P) of the window; H_∞ fitted on the top rung's n ≤ 8 may not be
    shifted_scan = {"reason": f"H_∞ = {shifted['h_inf']} is not below every L_n(P), n ≤ {len(cn)}"}
    if np.isfinite(shifted["h_inf"]) and shifted["h_inf"] < losses[: len(cn)].min():
        scan_shifted = collapse_scan(cn, P, losses[: len(cn)], h_inf=shifted["h_inf"], **grid)
        shifted_scan = {k: v for k, v in scan_shifted.items() if k != "table"}
    record = {
        **scan,
        "gamma_hat": float(gamma["gamma"]),
        "beta_hat": beta["beta"],
        "beta_se": beta["beta_se"],
        "cq_at_measured": collapse_quality(cn, P, losses[: len(cn)], gamma["gamma"], beta["beta"]),
        "degradation": collapse_degradation(cn, P, losses[: len(cn)], gamma["gamma"], beta["beta"], beta["beta_se"]),
        "shifted_h_inf": shifted["h_inf"],
        "shifted": shifted_scan,
        "reason": "" if np.isfinite(scan["gamma_c"]) else "no (γ, β) on the grid leaves ≥ 10 overlapping points",
    }
    return gamma, record, table


def run_exponents(beta: dict, rungs: list[dict], count, entropy: dict, collapse: dict, n_boot: int, rng):
    """(exponents record, collapse scan table) of a run from its beta.json record, its rung records (each {'rung',
    'P', 'T', 'L_AR', 'L_n', 'steps', 'rise_se', …}), its count-entropy frame (or None), the entropy and collapse
    options and the bootstrap size and generator of α̂_D."""
    rungs = sorted(rungs, key=lambda r: r["P"])
    checks = ("", "long", "wide", "context")
    by_check = {check: [r for r in rungs if rung_check(r["rung"]) == check] for check in checks}
    main, (long,) = ladder_rungs(rungs), by_check["long"]  # per P the best over the learning-rate grid
    plain_top = by_check[""][-1]  # the top rung at ladder.lr: the checks (long, wide) train at that rate too
    P = np.array([r["P"] for r in main], float)
    L_AR = np.array([r["L_AR"] for r in main])
    contexts = main + by_check["context"]  # C6: α̂_D is fitted to the lower envelope over the contexts T
    envelope = lower_envelope([r["P"] for r in contexts], [r["T"] for r in contexts], [r["L_AR"] for r in contexts])
    losses = np.array([r["L_n"] for r in main]).T  # (T, rungs): L_n(P) for n = 1..T
    n = np.arange(1, losses.shape[0] + 1)
    top, half = losses[:, -1], losses[:, -2]

    rises = np.diff(top[:MONOTONE_MAX_N])
    worst = int(np.argmax(rises))  # the largest rise L_{n+1} − L_n, n = worst + 1, with its paired SE
    unconverged = gamma_raw(n, top, MONOTONE_MAX_N)  # the model's γ over n ≤ 8, converged or not (reference only)
    gamma = select_gamma(n, top, half, entropy["epsilon"], count=count)
    gamma, collapse_record, scan_table = _collapse(n, P, losses, gamma, beta, count, entropy, collapse)

    fit = data_exponent(P, envelope["loss"].to_numpy(), n_boot, rng)  # the envelope is L_AR with one context
    sweep = fit.pop("sweep")
    ladder = {
        "P": P.tolist(),
        "L_AR": L_AR.tolist(),
        "L_n_top": top.tolist(),
        "rungs": [r["rung"] for r in main],
        "alpha": fit["alpha"],
        "alpha_se": fit["alpha_se"],
        "r2": fit["r2"],
        "increases": int(np.sum(np.diff(L_AR) >= 0)),
        "sweep": sweep.to_dicts(),
        "alpha_shift": alpha_shift(P, envelope["loss"].to_numpy()),
        "top_L_AR": plain_top["L_AR"],
        "long_gain": plain_top["L_AR"] - long["L_AR"],
        "top_steps": plain_top["steps"],
        "long_steps": long["steps"],
        "long_trained_steps": long["trained_steps"],  # fewer than long_steps where patience stopped it
        "contexts": sorted({r["T"] for r in contexts}),
        "L_env": envelope["loss"].to_list(),
        "T_env": envelope["T"].to_list(),
        "fit": fit,
    }
    for wide in by_check["wide"]:  # C12: the gain of a larger model at the top rung
        ladder |= {"wide_gain": plain_top["L_AR"] - wide["L_AR"], "wide_parameters": wide["parameters"]}
    ladder |= learned_horizon(P, losses)  # C11: n̂*(P) and its log-log slope on P

    prediction = {"alpha_pred": None, "alpha_hat": fit["alpha"], "alpha_se": fit["alpha_se"]}
    if not beta["reportable"]:
        prediction["reason"] = f"β not reportable: {beta['reason']}"
    elif not np.isfinite(gamma["gamma"]):
        prediction["reason"] = f"γ not reportable: {gamma['reason']}"
    else:
        alpha_pred, delta = predicted_alpha(gamma["gamma"], gamma["gamma_se"], beta["beta"], beta["beta_se"])
        gap = theory_gap(fit["alpha"], fit["alpha_se"], alpha_pred, delta)
        prediction |= {
            "alpha_pred": alpha_pred,
            "delta_alpha": delta,
            "gap": gap["gap"],
            "allowed": gap["tolerance"],
            "gamma_estimator": gamma["estimator"],
        }
    record = {
        "beta": beta,
        "gamma": gamma,
        "gamma_model_unconverged": unconverged,
        "entropy_monotone": {
            "max_rise": float(rises[worst]),
            "max_rise_se": main[-1]["rise_se"][worst],
            "at_n": worst + 1,
            "n_max": MONOTONE_MAX_N,
        },
        "ladder": ladder,
        "prediction": prediction,
        "collapse": collapse_record,
    }
    return json_safe(record), scan_table
