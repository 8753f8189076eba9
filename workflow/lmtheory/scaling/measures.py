"""Measurements behind the scaling-law claims C1–C17 (spec scaling_laws.md §7), one case per run.

Same contract as tree.measures: (case, paths, setting) → a case dict for `claims.decide`. paths[0] is the run's
beta.json (C1, C2, C10, C13), fast_learning.json (C9) or exponents.json (the others; C8's n-gram row also reads
count_entropy.parquet), written by rules scaling_beta, scaling_fast_learning, scaling_exponents and
scaling_count_entropy. A quantity that the
run could not produce (e.g. β not reportable) is a case without a value, so the claim is INCONCLUSIVE, with the
reason.
"""

import math

import numpy as np

from lmtheory.io import read_json, read_parquet
from lmtheory.scaling.entropy_decay import gamma_raw

DATA_LIMITED_GAIN = 0.01  # C15: 2× steps at the top rung gain ≤ 0.01 nats, else the ladder is "compute-limited"


def _case(case, value, note=None, **extra) -> dict:
    out = {"label": case["run"], "value": None if value is None else float(value), **extra}
    if note:
        out["label"] = f"{case['run']} ({note})"
    return out


def _missing(case, why) -> dict:
    return {"label": case["run"], "value": None, "note": why}


def _compute_limited(ladder) -> str | None:
    """C15's flag, carried into the claims that read α̂_D (C16, C17): the top rung gains > 0.01 nats from 2× steps."""
    if ladder["long_gain"] > DATA_LIMITED_GAIN:
        return f"compute-limited (2× steps gain {ladder['long_gain']:.3f} nats > {DATA_LIMITED_GAIN} at the top rung)"
    return None


def _collapse(case, exponents):
    """The run's collapse, or the reason it cannot be read: no minimum, or one next to the grid's edge."""
    collapse = exponents["collapse"]
    if collapse["gamma_c"] is None:
        return None, _missing(case, collapse["reason"])
    if collapse["on_edge"]:
        where = f"γ_c {collapse['gamma_c']:.2f}, β_c {collapse['beta_c']:.2f}"
        why = f"the CQ minimum ({where}) is next to the grid's edge: the true minimum may lie beyond it"
        return None, _missing(case, why)
    return collapse, None


# --------------------------------------------------------------------------------------------------------- C13


def scaling_lags_above_floor(case, paths, setting):
    """C13: the number of lags whose ‖Ĉ(n)‖_op exceeds 3× the permutation floor. Compare with at_least 6."""
    beta = read_json(paths[0])
    return _case(case, beta["n_above_floor"], f"floor {beta['floor']:.2e}")


def scaling_beta_r2(case, paths, setting):
    """C13: R² of the log-log OLS of ‖Ĉ(n)‖_op on n over the frozen window. Compare with at_least 0.9."""
    beta = read_json(paths[0])
    if not beta["reportable"]:
        return _missing(case, beta["reason"])
    return _case(case, beta["r2"], f"lags 1..{beta['n_max']}")


def scaling_beta_value(case, paths, setting):
    """C13: β̂ over the frozen window, with its SE (bootstrap over lags ⊕ window variation). Compare with interval."""
    beta = read_json(paths[0])
    if not beta["reportable"]:
        return _missing(case, beta["reason"])
    note = f"lags 1..{beta['n_max']}"
    if beta["hinge_adopted"]:
        note += f"; hinge adopted: β_short {beta['beta_short']:.2f}, β_long {beta['beta_long']:.2f}"
        note += f" at n = {beta['n_break']:.0f}"
    return _case(case, beta["beta"], note, se=beta["beta_se"])


def scaling_beta_vs_reference(case, paths, setting):
    """C13 at the paper's tokeniser: β̂ against a reference measurement (reference ± reference_sd) of the same
    estimator on the same text and tokeniser, the SE combining both, √(SE_β̂² + sd²). Compare with within_se."""
    beta = read_json(paths[0])
    if not beta["reportable"]:
        return _missing(case, beta["reason"])
    reference, sd = case["reference"], case["reference_sd"]
    note = f"lags 1..{beta['n_max']}, β̂ = {beta['beta']:.3f} ± {beta['beta_se']:.3f} vs {reference} ± {sd}"
    return _case(case, beta["beta"], note, se=math.hypot(beta["beta_se"], sd), expected=reference)


def scaling_floor_trend(case, paths, setting):
    """C13: |relative change of the permutation floor from the first lag to the last| from the log-log OLS of every
    permuted ‖Ĉ‖_op on n. Compare with at_most 0.25. (The per-lag max deviation, `floor_flatness`, is recorded too
    but carries the scatter of a few permutations: 0.17–0.46 on pure noise with 3 permutations.)"""
    beta = read_json(paths[0])
    return _case(case, abs(beta["floor_trend"]), f"per-lag max deviation {beta['floor_flatness']:.2f}")


# --------------------------------------------------------------------------------------------------------- C14


def scaling_entropy_rise(case, paths, setting):
    """C14: the largest rise L_{n+1} − L_n of the top rung's per-position loss for n < 8, with its SE paired over
    the test windows (the same windows score every position). Compare with at_most 0.02."""
    monotone = read_json(paths[0])["entropy_monotone"]
    note = f"n ≤ {monotone['n_max']}, largest at L_{monotone['at_n'] + 1} − L_{monotone['at_n']}"
    return _case(case, monotone["max_rise"], note, se=monotone["max_rise_se"])


def scaling_gamma_value(case, paths, setting):
    """C14: γ̂ from the labelled estimator (model-converged, count-heldout or collapse). Compare with interval."""
    gamma = read_json(paths[0])["gamma"]
    if gamma["gamma"] is None:
        return _missing(case, gamma["reason"])
    return _case(case, gamma["gamma"], f"estimator {gamma['estimator']}", se=gamma["gamma_se"])


def scaling_gamma_r2(case, paths, setting):
    """C14: R² of the γ fit of the labelled estimator. Compare with at_least 0.95."""
    gamma = read_json(paths[0])["gamma"]
    if gamma["r2"] is None:
        return _missing(case, gamma["reason"])
    return _case(case, gamma["r2"], f"estimator {gamma['estimator']}")


# --------------------------------------------------------------------------------------------------------- C15


def scaling_ladder_increases(case, paths, setting):
    """C15: the number of consecutive rungs where L_AR does not decrease (0 = strictly decreasing). at_most 0."""
    ladder = read_json(paths[0])["ladder"]
    return _case(case, ladder["increases"], f"{len(ladder['P'])} rungs")


def scaling_ladder_r2(case, paths, setting):
    """C15: R² of the raw log-log OLS of L_AR on P over all rungs. Compare with at_least 0.9."""
    ladder = read_json(paths[0])["ladder"]
    return _case(case, ladder["r2"], f"α̂ = {ladder['alpha']:.3f} over all rungs")


def scaling_ladder_long_gain(case, paths, setting):
    """C15: L_AR(top rung) − L_AR(top rung, check_factor× steps): the data-limited check. Compare with at_most 0.01;
    above it the ladder is compute-limited."""
    ladder = read_json(paths[0])["ladder"]
    steps = f"{ladder['long_steps']} vs {ladder['top_steps']} steps"
    if ladder["long_trained_steps"] < ladder["long_steps"]:
        steps += f"; the check stopped after {ladder['long_trained_steps']}: no better test loss (patience)"
    return _case(case, ladder["long_gain"], steps)


def scaling_wide_gain(case, paths, setting):
    """C12: L_AR(top rung) − L_AR(top rung, capacity_factor× larger model). Compare with at_most 0.01; above it the
    paper-scale claims are capacity-limited."""
    ladder = read_json(paths[0])["ladder"]
    if "wide_gain" not in ladder:
        return _missing(case, "the ladder trains no wider model (set ladder.capacity_factor)")
    return _case(case, ladder["wide_gain"], f"{ladder['wide_parameters']:,} parameters")


# --------------------------------------------------------------------------------------------------------- C16


def scaling_alpha_vs_prediction(case, paths, setting):
    """C16: |α̂_D − γ̂/(2β̂)| divided by the allowed gap max(0.05, 2·sqrt(SE_α² + Δα²)). Compare with at_most 1."""
    exponents = read_json(paths[0])
    prediction = exponents["prediction"]
    if prediction["alpha_pred"] is None:
        return _missing(case, prediction["reason"])
    note = (
        f"α̂_D {prediction['alpha_hat']:.3f} ± {prediction['alpha_se']:.3f}, α_pred {prediction['alpha_pred']:.3f} ± "
        f"{prediction['delta_alpha']:.3f} ({prediction['gamma_estimator']} γ), allowed gap {prediction['allowed']:.3f}"
    )
    return _case(case, prediction["gap"] / prediction["allowed"], note, flag=_compute_limited(exponents["ladder"]))


# --------------------------------------------------------------------------------------------------------- C17


def scaling_collapse_beta(case, paths, setting):
    """C17: |β_c − β̂| / (2 SE_β + 0.2), (γ_c, β_c) = argmin CQ over the fixed grid. Compare with at_most 1."""
    collapse, missing = _collapse(case, read_json(paths[0]))
    if missing:
        return missing
    note = f"β_c {collapse['beta_c']:.2f} vs β̂ {collapse['beta_hat']:.2f} ± {collapse['beta_se']:.2f}"
    return _case(case, abs(collapse["beta_c"] - collapse["beta_hat"]) / (2 * collapse["beta_se"] + 0.2), note)


def scaling_collapse_gamma(case, paths, setting):
    """C17: |γ_c − γ̂|. Compare with at_most 0.15. Undecided when γ̂ is itself the collapse's γ_c (the `collapse`
    estimator): the difference is 0 by construction."""
    exponents = read_json(paths[0])
    collapse, missing = _collapse(case, exponents)
    if missing:
        return missing
    if exponents["gamma"]["estimator"] == "collapse":
        return _missing(case, "γ̂ is the collapse's own γ_c (no other estimator qualified): the check is circular")
    return _case(case, abs(collapse["gamma_c"] - collapse["gamma_hat"]), f"γ_c {collapse['gamma_c']:.2f}")


def scaling_collapse_alpha(case, paths, setting):
    """C17: |γ_c/(2β_c) − α̂_D|, flagged when the ladder is compute-limited (C15). Compare with at_most 0.05."""
    exponents = read_json(paths[0])
    collapse, missing = _collapse(case, exponents)
    if missing:
        return missing
    alpha_c = collapse["gamma_c"] / (2 * collapse["beta_c"])
    alpha_hat = exponents["prediction"]["alpha_hat"]
    note = f"γ_c/(2β_c) {alpha_c:.3f} vs α̂_D {alpha_hat:.3f}"
    return _case(case, abs(alpha_c - alpha_hat), note, flag=_compute_limited(exponents["ladder"]))


# ------------------------------------------------------------------------------------------------- C1–C11 (paper)


def scaling_beta_frobenius_gap(case, paths, setting):
    """C1: |β̂_F − β̂|, the debiased-Frobenius slope against the operator-norm one. Compare with at_most 0.15."""
    beta = read_json(paths[0])
    if not beta["reportable"] or beta["beta_f"] is None:
        return _missing(case, beta["reason"])
    return _case(case, abs(beta["beta_f"] - beta["beta"]), f"β_F {beta['beta_f']:.3f}, β {beta['beta']:.3f}")


def scaling_beta_ci_overlap(case, paths, setting):
    """C1: the length of the overlap of β̂'s 95% interval β̂ ± 2 SE with the case's [lo, hi] (negative: the gap
    between them). Compare with at_least 0 (they overlap)."""
    beta = read_json(paths[0])
    if not beta["reportable"]:
        return _missing(case, beta["reason"])
    lo, hi = beta["beta"] - 2 * beta["beta_se"], beta["beta"] + 2 * beta["beta_se"]
    overlap = min(hi, case["hi"]) - max(lo, case["lo"])
    return _case(case, overlap, f"β̂ {beta['beta']:.3f}, 95% CI [{lo:.3f}, {hi:.3f}] vs [{case['lo']}, {case['hi']}]")


def scaling_gamma_first_points(case, paths, setting):
    """C4: γ̂_raw of the top rung's L_n over the first `points` positions n = 1..points, with its window SE (§4.2).
    Compare with the paper's window."""
    top = read_json(paths[0])["ladder"]["L_n_top"]
    fit = gamma_raw(np.arange(1, len(top) + 1), top, case["points"])
    return _case(case, fit["gamma"], f"n = 1..{case['points']}, R² {fit['r2']:.3f}", se=fit["gamma_se"])


def scaling_gamma_points_gap(case, paths, setting):
    """C4: |γ̂_raw(first `points[0]` positions) − γ̂_raw(first `points[1]`)|. Compare with at_most 0.04."""
    top = read_json(paths[0])["ladder"]["L_n_top"]
    n = np.arange(1, len(top) + 1)
    gammas = [gamma_raw(n, top, points)["gamma"] for points in case["points"]]
    note = ", ".join(f"γ̂({m} points) {g:.3f}" for m, g in zip(case["points"], gammas, strict=True))
    return _case(case, abs(gammas[0] - gammas[1]), note)


def scaling_alpha_ci_share(case, paths, setting):
    """C6: the share of m in the case's `m` range [first, last] whose first-m bootstrap 95% CI of α̂_D overlaps
    [α_pred − Δα, α_pred + Δα]. Compare with at_least 0.8. Undecided when the ladder has fewer than `last` rungs."""
    exponents = read_json(paths[0])
    prediction = exponents["prediction"]
    if prediction["alpha_pred"] is None:
        return _missing(case, prediction["reason"])
    first, last = case["m"]
    rows = {row["m"]: row for row in exponents["ladder"]["sweep"]}
    if any(m not in rows for m in range(first, last + 1)):
        return _missing(case, f"the first-m sweep lacks some m in {first}..{last} (have {sorted(rows)})")
    lo, hi = prediction["alpha_pred"] - prediction["delta_alpha"], prediction["alpha_pred"] + prediction["delta_alpha"]
    overlapping = [m for m in range(first, last + 1) if rows[m]["ci_lo"] <= hi and rows[m]["ci_hi"] >= lo]
    note = f"m = {overlapping} of {first}..{last} overlap [{lo:.3f}, {hi:.3f}]"
    return _case(case, len(overlapping) / (last - first + 1), note, flag=_compute_limited(exponents["ladder"]))


def scaling_spectrum_failures(case, paths, setting):
    """C10: lags of the fit window whose spectrum has > 10 large singular values or a bulk power-law R² < 0.9.
    Compare with at_most 0 (needs `correlations.spectrum: 50`)."""
    beta = read_json(paths[0])
    if "spectrum_failures" not in beta:
        return _missing(case, "the top 50 singular values were not logged (correlations.spectrum < 50)")
    return _case(case, beta["spectrum_failures"], f"{beta['spectrum_lags']} window lags")


def scaling_alpha_pred(case, paths, setting):
    """C5: α_pred = γ̂/(2β̂) with its Eq. 56 error as SE. Compare with interval."""
    prediction = read_json(paths[0])["prediction"]
    if prediction["alpha_pred"] is None:
        return _missing(case, prediction["reason"])
    return _case(case, prediction["alpha_pred"], prediction["gamma_estimator"], se=prediction["delta_alpha"])


def scaling_alpha_first_m_gap(case, paths, setting):
    """C6: |α̂_D(first m rungs) − α_pred| at the case's m (default 8), flagged when the ladder is compute-limited.
    Compare with at_most 0.03 / 0.04."""
    exponents = read_json(paths[0])
    prediction, m = exponents["prediction"], case.get("m", 8)
    alpha = {row["m"]: row["alpha"] for row in exponents["ladder"]["sweep"]}
    if prediction["alpha_pred"] is None or m not in alpha:
        return _missing(case, prediction.get("reason") or f"fewer than {m} rungs")
    on = f"envelope over T ∈ {exponents['ladder']['contexts']}"
    gap = abs(alpha[m] - prediction["alpha_pred"])
    return _case(case, gap, f"α̂_D(m={m}) {alpha[m]:.3f}, {on}", flag=_compute_limited(exponents["ladder"]))


def scaling_collapse_optimality(case, paths, setting):
    """C7: CQ(γ̂, β̂) / min CQ over the grid (undecided when the minimum is next to the grid's edge). Compare with
    at_most 1.1."""
    collapse, missing = _collapse(case, read_json(paths[0]))
    if missing:
        return missing
    if collapse["cq_at_measured"] is None:
        return _missing(case, "CQ(γ̂, β̂) is uncomputable (too few overlapping points)")
    return _case(case, collapse["cq_at_measured"] / collapse["cq_min"])


def scaling_collapse_degradation(case, paths, setting):
    """C7: the smallest of CQ(γ̂, β̂ ± 2Δβ)/CQ(γ̂, β̂) and CQ(γ̂ ± 0.05, β̂)/CQ(γ̂, β̂). Compare with at_least 1.2."""
    collapse = read_json(paths[0])["collapse"]
    if collapse.get("degradation") is None:
        return _missing(case, collapse["reason"])
    ratios = [collapse["degradation"][key] for key in ("beta_lo", "beta_hi", "gamma_lo", "gamma_hi")]
    if any(r is None for r in ratios):
        return _missing(case, "a moved (γ, β) leaves too few overlapping points")
    return _case(case, min(ratios))


def scaling_fast_positions(case, paths, setting):
    """C9 as the spec reads it: the number of positions n ≤ 12 with δ_n > α_pred and fit R² ≥ 0.9; a position without
    a fit (fewer than 3 rungs above 10 P*_n) does not count. Compare with at_least 10."""
    fast = read_json(paths[0])
    if fast["alpha_pred"] is None:
        return _missing(case, "α_pred not reportable")
    unfitted = [row["n"] for row in fast["rows"] if row["fast"] is None]
    slow = [row["n"] for row in fast["rows"] if row["fast"] is False]
    return _case(case, fast["n_fast"], f"not fast at n = {slow}; no fit at n = {unfitted}")


def scaling_fast_positions_decided(case, paths, setting):
    """C9, our variant: a position without a fit is unknown, so the count is reported only when it decides the claim
    either way (≥ 10 fast, or fewer than 10 even if every unknown position were fast). Compare with at_least 10."""
    fast = read_json(paths[0])
    unknown = len(fast["rows"]) - fast["n_fitted"]  # no position is fitted without α_pred
    slow = [row["n"] for row in fast["rows"] if row["fast"] is False]
    note = f"of {fast['n_fitted']} fitted; not fast at n = {slow}"
    if fast["n_fast"] < 10 <= fast["n_fast"] + unknown:
        return _missing(case, f"{fast['n_fast']} fast {note}, {unknown} without a fit")
    return _case(case, fast["n_fast"], note)


ARCHITECTURE_MAX_N = 16  # C8: the limiting L_n curves are compared for n ≤ 16


def _architectures(case, paths):
    runs = [case["run"], *case["with"]]
    return runs, [read_json(path) for path in paths]


def scaling_architectures_loss_gap(case, paths, setting):
    """C8: the largest spread over architectures (runs `run` + `with`, one data set) of the top rung's L_n, n ≤ 16:
    max_n (max_a L_n^a − min_a L_n^a) in nats. Compare with at_most 0.03."""
    runs, exponents = _architectures(case, paths)
    curves = np.array([e["ladder"]["L_n_top"][:ARCHITECTURE_MAX_N] for e in exponents])
    spread = curves.max(axis=0) - curves.min(axis=0)
    return _case(case, spread.max(), f"vs {', '.join(runs[1:])}; widest at n = {int(spread.argmax()) + 1}")


def scaling_architectures_gamma_gap(case, paths, setting):
    """C8: the largest |γ̂_a − γ̂_run| over the other architectures a (`with`) against the case's run (GPT-2-APE),
    each from its run's labelled estimator. Compare with at_most 0.02 (the spec's ±0.02)."""
    runs, exponents = _architectures(case, paths)
    gammas = {run: e["gamma"]["gamma"] for run, e in zip(runs, exponents, strict=True)}
    if any(g is None for g in gammas.values()):
        return _missing(case, f"γ not reportable for {[run for run, g in gammas.items() if g is None]}")
    note = ", ".join(f"{run} {g:.3f}" for run, g in gammas.items())
    return _case(case, max(abs(g - gammas[runs[0]]) for g in gammas.values()), note)


NGRAM_MAX_N = 3  # C8: the n-gram model is compared with the transformer for contexts n ≤ 3


def _ngram_gaps(case, model_L_n, counts_path, **extra) -> dict:
    """max over n = 1..3 of |L_n of a transformer − CE_n of the held-out absolute-discount n-gram model|."""
    counts = read_parquet(counts_path)
    heldout = dict(zip(counts["n"].to_list(), counts["heldout"].to_list(), strict=True))
    if any(n not in heldout for n in range(1, NGRAM_MAX_N + 1)):
        return _missing(case, f"the count table stops at n = {max(heldout)} (set entropy.count_max_n ≥ {NGRAM_MAX_N})")
    gaps = [abs(model_L_n[n - 1] - heldout[n]) for n in range(1, NGRAM_MAX_N + 1)]
    return _case(case, max(gaps), ", ".join(f"n={n}: {g:.3f}" for n, g in enumerate(gaps, start=1)), **extra)


def scaling_ngram_agreement(case, paths, setting):
    """C8: max over n = 1..3 of |L_n(P_max) of the transformer − CE_n of the held-out absolute-discount n-gram model|
    (paths: the run's exponents.json and count_entropy.parquet). Compare with at_most 0.05."""
    return _ngram_gaps(case, read_json(paths[0])["ladder"]["L_n_top"], paths[1])


def scaling_ngram_leg_agreement(case, paths, setting):
    """C8's n-gram leg at a statistics run: as `scaling_ngram_agreement`, the transformer trained on the whole stream
    (paths: its base and long records, count_entropy.parquet); flagged compute-limited when check_factor× the steps
    lower some L_n, n ≤ 3, by more than 0.01 nats (C15's test). Compare with at_most 0.05."""
    base, long = read_json(paths[0]), read_json(paths[1])
    gain = max(b - lg for b, lg in zip(base["L_n"][:NGRAM_MAX_N], long["L_n"][:NGRAM_MAX_N], strict=True))
    flag = None
    if gain > DATA_LIMITED_GAIN:
        flag = (
            f"compute-limited ({long['steps']} instead of {base['steps']} steps lower L_n, n ≤ {NGRAM_MAX_N}, by "
            f"up to {gain:.3f} nats > {DATA_LIMITED_GAIN})"
        )
    return _ngram_gaps(case, base["L_n"], paths[2], flag=flag)


def scaling_horizon_slope_gap(case, paths, setting):
    """C11: |slope of log n̂*(P) on log P − 1/(2β̂)|. Compare with at_most 0.15."""
    exponents = read_json(paths[0])
    slope, beta = exponents["ladder"].get("horizon_slope"), exponents["beta"]
    if slope is None or not beta["reportable"]:
        return _missing(case, "fewer than 2 rungs with a horizon, or β not reportable")
    return _case(case, abs(slope - 1 / (2 * beta["beta"])), f"slope {slope:.3f} vs 1/(2β̂) {1 / (2 * beta['beta']):.3f}")


MEASURES = {
    name: fn
    for name, fn in globals().items()
    if name.startswith("scaling_") and callable(fn) and fn.__module__ == __name__
}
