"""Rule scaling_exponents: from β and the data ladder of one run — γ (labelled estimator), α̂_D with its first-m sweep
(on L_AR(P), or on its lower envelope over T when the ladder trains several contexts),
the prediction α_pred = γ/(2β) with the Eq. 56 error and the C16 gap, the collapse scan of L_n(P) (raw form, the
paper's Fig. 1; the shifted form with the γ_shift offset is recorded beside it) and the data-limited check."""

from lmtheory.runtime import configure

log = configure(snakemake)

import numpy as np
import polars as pl

from lmtheory.io import json_safe, provenance, read_json, read_parquet, write_json, write_parquet
from lmtheory.scaling.collapse import collapse_degradation, collapse_quality, collapse_scan
from lmtheory.scaling.data_exponent import alpha_shift, data_exponent, lower_envelope
from lmtheory.scaling.entropy_decay import gamma_raw, gamma_shift, select_gamma
from lmtheory.scaling.horizon import learned_horizon
from lmtheory.scaling.prediction import predicted_alpha, theory_gap
from lmtheory.scaling.rungs import ladder_rungs, rung_check
from lmtheory.seeds import rng_for

MONOTONE_MAX_N = 8  # C14: L_n non-increasing up to n = 8

p, wc = snakemake.params, snakemake.wildcards
beta = read_json(snakemake.input.beta)
rungs = sorted((read_json(path) for path in snakemake.input.rungs), key=lambda r: r["P"])
by_check = {check: [r for r in rungs if rung_check(r["rung"]) == check] for check in ("", "long", "wide", "context")}
main, (long,) = ladder_rungs(rungs), by_check["long"]  # per P the best over the learning-rate grid
plain_top = by_check[""][-1]  # the top rung at ladder.lr: the checks (long, wide) train at that rate too
P = np.array([r["P"] for r in main], float)
L_AR = np.array([r["L_AR"] for r in main])
# C6: α̂_D is fitted to the lower envelope over the contexts T when the ladder also trains other contexts
contexts = main + by_check["context"]
envelope = lower_envelope([r["P"] for r in contexts], [r["T"] for r in contexts], [r["L_AR"] for r in contexts])
losses = np.array([r["L_n"] for r in main]).T  # (T, rungs): L_n(P) for n = 1..T
n = np.arange(1, losses.shape[0] + 1)
top, half = losses[:, -1], losses[:, -2]

rises = np.diff(top[:MONOTONE_MAX_N])
worst = int(np.argmax(rises))  # the largest rise L_{n+1} − L_n, n = worst + 1, with its paired SE over test windows
unconverged = gamma_raw(n, top, MONOTONE_MAX_N)  # the model's γ over n ≤ 8, converged or not (reference only)
count = read_parquet(snakemake.input.counts) if "counts" in snakemake.input.keys() else None
gamma = select_gamma(n, top, half, p.entropy["epsilon"], count=count)

cn = n[: p.collapse["max_n"]]
grid = {key: p.collapse[key] for key in ("gamma_range", "gamma_step", "beta_range", "beta_step")}
collapse = {"gamma_c": None, "beta_c": None, "reason": "β not reportable: nothing to compare the collapse with"}
scan_table = pl.DataFrame(schema={"gamma": pl.Float64, "beta": pl.Float64, "cq": pl.Float64})
if beta["reportable"]:
    scan = collapse_scan(cn, P, losses[: len(cn)], **grid)
    if gamma["estimator"] == "none":
        gamma = select_gamma(n, top, half, p.entropy["epsilon"], count=count, collapse=scan)
    scan_table = scan.pop("table")
    shifted = gamma_shift(n[:MONOTONE_MAX_N], top[:MONOTONE_MAX_N])
    # the shifted form needs H_∞ below every L_n(P) of the window; H_∞ fitted on the top rung's n ≤ 8 may not be
    shifted_scan = {"reason": f"H_∞ = {shifted['h_inf']} is not below every L_n(P), n ≤ {len(cn)}"}
    if np.isfinite(shifted["h_inf"]) and shifted["h_inf"] < losses[: len(cn)].min():
        scan_shifted = collapse_scan(cn, P, losses[: len(cn)], h_inf=shifted["h_inf"], **grid)
        shifted_scan = {k: float(v) for k, v in scan_shifted.items() if k != "table"}
    at_measured = collapse_quality(cn, P, losses[: len(cn)], gamma["gamma"], beta["beta"])
    collapse = {
        **json_safe(scan),
        "gamma_hat": float(gamma["gamma"]),
        "beta_hat": beta["beta"],
        "beta_se": beta["beta_se"],
        "cq_at_measured": float(at_measured),
        "degradation": collapse_degradation(cn, P, losses[: len(cn)], gamma["gamma"], beta["beta"], beta["beta_se"]),
        "shifted_h_inf": shifted["h_inf"],
        "shifted": shifted_scan,
        "reason": "" if np.isfinite(scan["gamma_c"]) else "no (γ, β) on the grid leaves ≥ 10 overlapping points",
    }

L_fit = envelope["loss"].to_numpy()  # = L_AR with one context
fit = data_exponent(P, L_fit, p.bootstrap, rng_for(p.seed, "scaling_alpha", wc.run))
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
    "alpha_shift": alpha_shift(P, L_fit),
    "top_L_AR": plain_top["L_AR"],
    "long_gain": plain_top["L_AR"] - long["L_AR"],
    "top_steps": plain_top["steps"],
    "long_steps": long["steps"],
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


log.info(
    "γ = %s (%s); β = %s; α̂_D = %.3f; α_pred = %s",
    gamma["gamma"],
    gamma["estimator"],
    beta.get("beta"),
    fit["alpha"],
    prediction["alpha_pred"],
)
write_parquet(scan_table, snakemake.output.collapse, {"run": wc.run, **grid})
write_json(
    json_safe(
        {
            "run": wc.run,
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
            "collapse": collapse,
            "provenance": provenance({"entropy": p.entropy, "collapse": p.collapse}, p.seed),
        }
    ),
    snakemake.output.exponents,
)
