"""Measurements behind the in-context regression claims A-C1 … A-C13 (spec icl_and_cot.md §A.6).

Same contract as tree.measures: (case, paths, setting) → a case dict or a list of them for `claims.decide`. paths[0]
is the Parquet table of the experiment named in each docstring (written from `lmtheory.icl.experiments`). Case fields
select rows: K, sigma, noise, method, N, tau/taus, dim/dims (never `d`, which claims.resolve_cases treats as a tree
depth); a field left out means "every value in the table" unless a default is stated. `setting` is not used.
"""

import numpy as np
import polars as pl

from lmtheory.frames import matching
from lmtheory.io import read_parquet


def _table(paths) -> pl.DataFrame:
    return read_parquet(paths[0])


def _select(table: pl.DataFrame, case: dict, **defaults) -> pl.DataFrame:
    """Rows matching the case's (or the default) value of each column in K, sigma, noise, method, N, dim."""
    keys = ("K", "sigma", "noise", "method", "N", "dim")
    table = matching(table, **{key: case.get(key, defaults.get(key)) for key in keys})
    if "taus" in case and "tau" in table.columns:
        table = table.filter(pl.any_horizontal([(pl.col("tau") - t).abs() < 1e-9 for t in case["taus"]]))
    if table.height == 0:
        raise ValueError(f"no rows of the table match case {case} (defaults {defaults})")
    return table


def _label(row: dict, *keys) -> str:
    return ", ".join(f"{k}={row[k]:g}" if isinstance(row[k], float) else f"{k}={row[k]}" for k in keys if k in row)


def _too_few(label: str, why: str) -> dict:
    return {"label": label, "value": None, "note": why}


# --------------------------------------------------------------------------------------------------------- A-C1


def icl_lsa_gd_gap(case, paths, setting):
    """A-C1 (i), E-A1 table: max |w_k^LSA − w_k^GD| over prompts, coordinates and every step k ≤ K_max.

    Compare with at_most 1e-8.
    """
    table = _table(paths)
    return {
        "label": f"LSA vs GD, K ≤ {table['K'].max()}, {table['prompts'][0]} prompts",
        "value": float(table["lsa_gd_maxabs"].max()),
        "n": int(table["prompts"][0]),
    }


def icl_greedy_increases(case, paths, setting):
    """A-C1 (ii), E-A1 table: number of neighbouring K-grid pairs with R_{K'} ≥ R_K (0 = strictly decreasing).

    Compare with at_most 0.
    """
    table = _table(paths).sort("K")
    r = table["value"].to_numpy()
    steps = r[1:] / r[:-1]
    return {
        "label": f"K={table['K'][0]}..{table['K'][-1]}: largest R_K'/R_K = {steps.max():.3g}",
        "value": int(np.sum(np.diff(r) >= 0)),
        "n": int(table["prompts"][0]),
    }


def icl_greedy_ratio(case, paths, setting):
    """A-C1 (iii), E-A1 table: R_K / R_{K_min} at the case's K (default the largest K) with its paired SE.

    Compare with at_most 0.05.
    """
    table = _table(paths).sort("K")
    K = case.get("K", int(table["K"].max()))
    row = table.filter(pl.col("K") == K).row(0, named=True)
    return {
        "label": f"R_{K}/R_{table['K'][0]} = {row['value']:.4g}/{table['value'][0]:.4g}",
        "value": row["ratio_first"],
        "se": row["ratio_first_se"],
        "n": row["prompts"],
    }


def icl_trained_cosine(case, paths, setting):
    """A-C1 (iv), E-A1 trained-LSA table: mean cosine between the learned and the GD update on fresh prompts (SE over
    prompts). Compare with at_least 0.99."""
    row = _table(paths).row(0, named=True)
    return {
        "label": f"d={row['d']}, K_train={row['K_train']}, min cosine {row['cosine_min']:.4f}",
        "value": row["value"],
        "se": row["se"],
        "n": row["prompts"],
    }


# --------------------------------------------------------------------------------------------------------- A-C2


def icl_noise_floor_fit(case, paths, setting):
    """A-C2 (i), E-A2 table: per τ, the worst over K of |MC − formula| / max(tol·formula, z·SE), SE the paired SE of
    MC − formula (case tol = 0.05, z = 3 by default). ≤ 1 means every K is within 5% relative or 3 SE of A-T2.

    One case per τ (optional case taus). Compare with at_most 1.
    """
    table = _select(_table(paths), case)
    tol, z = case.get("tol", 0.05), case.get("z", 3.0)
    table = table.with_columns(
        score=(pl.col("value") - pl.col("formula")).abs()
        / pl.max_horizontal(tol * pl.col("formula"), z * pl.col("diff_se"))
    )
    cases = []
    for (tau,), group in table.group_by("tau", maintain_order=True):
        worst = group.sort("score").row(-1, named=True)
        rel = abs(worst["value"] / worst["formula"] - 1)
        cases.append(
            {
                "label": f"τ={tau:g}: worst K={worst['K']}, MC {worst['value']:.4g} vs A-T2 {worst['formula']:.4g} "
                f"({rel:.2%}, {abs(worst['value'] - worst['formula']) / max(worst['diff_se'], 1e-300):.1f} SE)",
                "value": float(group["score"].max()),
                "n": worst["prompts"] * worst["reps"],
            }
        )
    return cases


def icl_noise_floor_slope(case, paths, setting):
    """A-C2 (ii), E-A2 table: OLS slope of log(R_K(τ) − R_K(0)) on log τ over τ > 0 at the case's K (default the
    largest), SE by the delta method treating the τ points as independent. Compare with interval [1.9, 2.1]."""
    table = _table(paths)
    K = case.get("K", int(table["K"].max()))
    rows = table.filter((pl.col("K") == K) & (pl.col("tau") > 0)).sort("tau")
    if rows.height < 2:
        return _too_few(f"K={K}", "a slope needs two τ > 0")
    x, y = np.log(rows["tau"].to_numpy()), rows["excess"].to_numpy()
    dx = x - x.mean()
    slope = float(np.sum(dx * np.log(y)) / np.sum(dx**2))
    se = float(np.sqrt(np.sum((dx / np.sum(dx**2)) ** 2 * (rows["excess_se"].to_numpy() / y) ** 2)))
    return {
        "label": f"K={K}, τ={rows['tau'].min():g}..{rows['tau'].max():g}",
        "value": slope,
        "se": se,
        "n": int(rows["prompts"][0] * rows["reps"][0]),
        "expected": 2.0,
    }


# --------------------------------------------------------------------------------------------------------- A-C3


def _positive_tau(table):
    return table.filter(pl.col("tau") > 0).sort("K", "noise", "tau", "N")


def icl_single_sample_noise(case, paths, setting):
    """A-C3 (i), E-A3 table (method mean, N = 1, i.e. every single decode): E||w^(1) − w_greedy||² / A-T3 noise term
    (τ² final-only, (τ²/d) Σ_{j<K} tr(A^{2j}) per-step), with SE; expected 1.

    One case per (K, noise, τ > 0); optional case K, sigma (default 0), noise, taus. Compare with rel_error 0.05.
    """
    table = _positive_tau(_select(_table(paths), case, method="mean", N=1, sigma=0.0))
    return [
        {
            "label": _label(row, "K", "noise", "tau"),
            "value": row["dev_greedy"] / row["noise_term"],
            "se": row["dev_greedy_se"] / row["noise_term"],
            "n": row["prompts"] * row["samples"],
            "expected": 1.0,
        }
        for row in table.iter_rows(named=True)
    ]


def icl_single_sample_no_gain(case, paths, setting):
    """A-C3 (i), E-A3 table (method mean, N = 1): (R(one decode) − R(greedy)) / paired SE per (K, noise, τ > 0).

    Optional case K, sigma (default 0), noise, taus. Compare with at_least −3 (no single sample beats greedy by 3 SE).
    """
    table = _positive_tau(_select(_table(paths), case, method="mean", N=1, sigma=0.0))
    return [
        {
            "label": f"{_label(row, 'K', 'noise', 'tau')}: R₁={row['value']:.4g} vs greedy {row['greedy']:.4g}",
            "value": (row["value"] - row["greedy"]) / row["minus_greedy_se"],
            "n": row["prompts"] * row["samples"],
        }
        for row in table.iter_rows(named=True)
    ]


def icl_mean_aggregation_noise(case, paths, setting):
    """A-C3 (ii), E-A3 table (method mean): N·E||w̄_N − w_greedy||² / A-T3 noise term with SE; expected 1.

    One case per (K, noise, τ > 0, N); case Ns (default [1, 4, 16, 64]), optional K, sigma (default 0), noise, taus.
    Compare with rel_error 0.10.
    """
    table = _positive_tau(_select(_table(paths), case, method="mean", sigma=0.0))
    table = table.filter(pl.col("N").is_in(case.get("Ns", [1, 4, 16, 64])))
    return [
        {
            "label": _label(row, "K", "noise", "tau", "N"),
            "value": row["dev_greedy"] / row["noise_term"],
            "se": row["dev_greedy_se"] / row["noise_term"],
            "n": row["prompts"] * row["samples"],
            "expected": 1.0,
        }
        for row in table.iter_rows(named=True)
    ]


def icl_mean_aggregation_return(case, paths, setting):
    """A-C3 (ii), E-A3 table (method mean): |R(w̄_N) − R(greedy)| / R(greedy) at case N (default 64), SE from the
    paired SE. One case per (K, noise, τ > 0); optional K, sigma (default 0), noise, taus. Compare with at_most 0.02."""
    table = _positive_tau(_select(_table(paths), {"N": 64, **case}, method="mean", sigma=0.0))
    return [
        {
            "label": f"{_label(row, 'K', 'noise', 'tau', 'N')}: R={row['value']:.4g} vs greedy {row['greedy']:.4g}",
            "value": abs(row["value"] - row["greedy"]) / row["greedy"],
            "se": row["minus_greedy_se"] / row["greedy"],
            "n": row["prompts"] * row["samples"],
        }
        for row in table.iter_rows(named=True)
    ]


# --------------------------------------------------------------------------------------------------------- A-C4


def icl_bon_monotone(case, paths, setting):
    """A-C4 (i), E-A3 table (method bon): the largest relative rise (R_{N'} − R_N)/R_N between neighbouring N, over
    every τ > 0. Case K (default 1), sigma (default 0), noise (default per_step). Compare with at_most 0.02."""
    table = _positive_tau(_select(_table(paths), case, method="bon", K=1, sigma=0.0, noise="per_step"))
    worst, where = -np.inf, ""
    for (tau,), group in table.group_by("tau", maintain_order=True):
        r, Ns = group["value"].to_numpy(), group["N"].to_numpy()
        rise = (r[1:] - r[:-1]) / r[:-1]
        i = int(np.argmax(rise))
        if rise[i] > worst:
            worst, where = float(rise[i]), f"τ={tau:g}, N={Ns[i]}→{Ns[i + 1]}"
    return {"label": f"largest rise at {where}", "value": worst, "n": int(table["prompts"][0])}


def icl_bon_gain(case, paths, setting):
    """A-C4 (ii), E-A3 table (method bon): min over τ of R_BoN(N, τ)/R_greedy at case N (default the largest), with
    its paired SE. Case K (default 1), sigma (default 0), noise (default per_step). Compare with at_most 0.6."""
    table = _table(paths)
    N = case.get("N", int(table["N"].max()))
    rows = _select(table, {**case, "N": N}, method="bon", K=1, sigma=0.0, noise="per_step")
    best = rows.sort("value").row(0, named=True)
    return {
        "label": f"N={N}, τ*={best['tau']:g}: {best['value']:.4g} vs greedy {best['greedy']:.4g}",
        "value": best["gain"],
        "se": best["gain_se"],
        "n": best["prompts"],
    }


# ---------------------------------------------------------------------------------------------- A-C5 and A-C10


def tau_star(table: pl.DataFrame) -> tuple[float, dict]:
    """The τ that optimises the value (min risk, max success; ties → smallest τ) and its row."""
    ascending = table["metric"][0] == "risk"
    ordered = table.sort(["value", "tau"], descending=[not ascending, False])
    row = ordered.row(0, named=True)
    return row["tau"], row


def _tau_star_filter(case, paths):
    table = _table(paths)
    defaults = {"method": "bon", "K": 1}
    if "sigma" in table.columns:
        defaults["sigma"] = 0.0
    if "noise" in table.columns:
        defaults["noise"] = "per_step"
    return _select(table, {k: v for k, v in case.items() if k != "N"}, **defaults)


def icl_tau_star(case, paths, setting):
    """A-C5 (i, iii) on the E-A3 table (continuous, argmin risk) and A-C10 (i, iii) on the E-A5 table (binary,
    argmax success): τ*(N) at the case's N over the table's τ grid (ties → the smaller τ).

    Case N (required), K (default 1), method (default bon), sigma (default 0) and noise (default per_step) where the
    table has them. Compare with at_most (τ*(1) = the smallest τ) or at_least (τ*(N_max) ≥ bound).
    """
    rows = _tau_star_filter(case, paths).filter(pl.col("N") == case["N"])
    tau, best = tau_star(rows)
    return {
        "label": f"K={best['K']}, N={case['N']}: τ*={tau:g} ({best['metric']} {best['value']:.4g})",
        "value": tau,
        "n": best["prompts"],
    }


def icl_tau_star_drops(case, paths, setting):
    """A-C5 (ii) on E-A3, A-C10 (ii) on E-A5: number of decreases of τ*(N) along the N grid (0 = non-decreasing,
    ties allowed). Case as in icl_tau_star without N. Compare with at_most 0."""
    rows = _tau_star_filter(case, paths)
    Ns = sorted(rows["N"].unique().to_list())
    taus = [tau_star(rows.filter(pl.col("N") == N))[0] for N in Ns]
    return {
        "label": f"K={rows['K'][0]}: τ*(N) = " + ", ".join(f"{t:g}" for t in taus) + f" for N = {Ns}",
        "value": int(np.sum(np.diff(taus) < 0)),
        "n": int(rows["prompts"][0]),
    }


# --------------------------------------------------------------------------------------------------------- A-C6


def icl_extreme_value_law(case, paths, setting):
    """A-C6, E-A3 extreme-value table (e_a3_extreme_value, n = 400): min_τ R_BoN(N) / (||e||²(1 − m_N²/d)) with
    ||e||² averaged over the same prompts, SE from the paired per-prompt difference; expected 1.

    One case per N in case Ns (default every N > 1). Compare with rel_error 0.10.
    """
    table = _select(_table(paths), case, method="bon", sigma=0.0)
    Ns = case.get("Ns") or [N for N in sorted(table["N"].unique().to_list()) if N > 1]
    cases = []
    for N in Ns:
        _, best = tau_star(table.filter(pl.col("N") == N))
        cases.append(
            {
                "label": f"N={N}, n={best['n_ctx']}: min_τ R={best['value']:.4g} at τ={best['tau']:g} vs "
                f"||e||²(1 − m_N²/d)={best['heuristic']:.4g}",
                "value": best["value"] / best["heuristic"],
                "se": best["heuristic_diff_se"] / best["heuristic"],
                "n": best["prompts"],
                "expected": 1.0,
            }
        )
    return cases


# --------------------------------------------------------------------------------------------------------- A-C7


def _slopes(paths) -> pl.DataFrame:
    return _table(paths).group_by("dim").first().sort("dim")


def icl_rate_ratio(case, paths, setting):
    """A-C7 (i), E-A4 table: s_d / (−2/d) per dim, s_d the fitted slope of log min_τ R_BoN(N) on log N, with the
    bootstrap SE and 95% interval (over prompts). Optional case dims. Compare with interval [0.6, 1.15]."""
    slopes = _slopes(paths)
    if "dims" in case:
        slopes = slopes.filter(pl.col("dim").is_in(case["dims"]))
    cases = []
    for row in slopes.iter_rows(named=True):
        scale = row["expected_slope"]
        lo, hi = sorted((row["slope_lo"] / scale, row["slope_hi"] / scale))
        cases.append(
            {
                "label": f"d={row['dim']}, n={row['n_ctx']}: slope {row['slope']:.3f} vs −2/d = {scale:.3f} over "
                f"N={row['fit_min']}..{row['fit_max']}",
                "value": row["slope"] / scale,
                "se": abs(row["slope_se"] / scale),
                "lo": lo,
                "hi": hi,
                "n": row["prompts"],
            }
        )
    return cases


def icl_rate_ordering(case, paths, setting):
    """A-C7 (ii), E-A4 table: number of neighbouring dims with |s_{d'}| ≥ |s_d| (0 = |s_d| strictly decreasing in d).

    Compare with at_most 0.
    """
    slopes = _slopes(paths)
    s = np.abs(slopes["slope"].to_numpy())
    return {
        "label": "|s_d| = " + ", ".join(f"{v:.3f} (d={d})" for v, d in zip(s, slopes["dim"], strict=True)),
        "value": int(np.sum(np.diff(s) >= 0)),
        "n": int(slopes["prompts"][0]),
    }


# ---------------------------------------------------------------------------------------------- A-C8 and A-C9


def icl_binary_formula_gap(case, paths, setting):
    """A-C8 (i) with method bon, A-C9 (i) with method mv, on the E-A5 table (or E-A7 with method oracle): the largest
    |empirical − formula| over every (K, τ, N) cell with a formula (A-T5 pass@N, A-T6 majority vote).

    Case method (required), optional K, sigma. Compare with at_most 0.04.
    """
    table = _select(_table(paths), case).filter(pl.col("formula").is_not_null())
    table = table.with_columns(gap=(pl.col("value") - pl.col("formula")).abs()).sort("gap")
    worst = table.row(-1, named=True)
    return {
        "label": f"{case['method']}: {table.height} cells, worst {_label(worst, 'K', 'tau', 'N')}: "
        f"{worst['value']:.4f} vs {worst['formula']:.4f} (SE {worst['se']:.3f})",
        "value": worst["gap"],
        "n": worst["prompts"],
    }


def _best_bon(case, table):
    N = case.get("N", int(table["N"].max()))
    bon = _select(table, {**case, "N": N}, method="bon", K=1)
    _, best = tau_star(bon)
    return N, best


def icl_binary_bon_gain(case, paths, setting):
    """A-C8 (ii), E-A5 table: BoN(τ*, N) − greedy at case N (default the largest) and K (default 1), τ* the best τ,
    with the paired SE. Compare with at_least 0.3."""
    N, best = _best_bon(case, _table(paths))
    return {
        "label": f"K={best['K']}, N={N}, τ*={best['tau']:g}: BoN {best['value']:.4f} vs greedy {best['greedy']:.4f}",
        "value": best["value"] - best["greedy"],
        "se": best["minus_greedy_se"],
        "n": best["prompts"],
    }


def icl_mv_excess(case, paths, setting):
    """A-C9 (ii), E-A5 table: max over every (K, τ, N) cell of MV − greedy (same prompts and K).

    Optional case K. Compare with at_most 0.02.
    """
    table = _select(_table(paths), case, method="mv").with_columns(excess=pl.col("value") - pl.col("greedy"))
    worst = table.sort("excess").row(-1, named=True)
    return {
        "label": f"worst {_label(worst, 'K', 'tau', 'N')}: MV {worst['value']:.4f} vs greedy {worst['greedy']:.4f}",
        "value": worst["excess"],
        "n": worst["prompts"],
    }


def icl_mv_saturation(case, paths, setting):
    """A-C9 (iii), E-A5 table: max over τ ≤ tau_max (default 0.5) and K of |MV(τ, N) − greedy| at case N (default
    the largest). Optional case K. Compare with at_most 0.03."""
    table = _table(paths)
    N = case.get("N", int(table["N"].max()))
    rows = _select(table, {**case, "N": N}, method="mv").filter(pl.col("tau") <= case.get("tau_max", 0.5) + 1e-12)
    rows = rows.with_columns(gap=(pl.col("value") - pl.col("greedy")).abs())
    worst = rows.sort("gap").row(-1, named=True)
    return {
        "label": f"N={N}, worst {_label(worst, 'K', 'tau')}: MV {worst['value']:.4f} vs greedy {worst['greedy']:.4f}",
        "value": worst["gap"],
        "n": worst["prompts"],
    }


def icl_bon_minus_mv(case, paths, setting):
    """A-C9 (iv), E-A5 table: BoN(τ*, N) − MV(τ*, N) at case N (default the largest) and K (default 1), τ* the best
    τ for BoN; SE √(SE_BoN² + SE_MV²) (conservative: ignores their positive pairing). Compare with at_least 0.3."""
    table = _table(paths)
    N, best = _best_bon(case, table)
    mv = _select(table, {"K": best["K"], "N": N, "method": "mv"}).filter((pl.col("tau") - best["tau"]).abs() < 1e-9)
    mv = mv.row(0, named=True)
    return {
        "label": f"K={best['K']}, N={N}, τ*={best['tau']:g}: BoN {best['value']:.4f} vs MV {mv['value']:.4f}",
        "value": best["value"] - mv["value"],
        "se": float(np.hypot(best["se"], mv["se"])),
        "n": best["prompts"],
    }


# -------------------------------------------------------------------------------------------------------- A-C11


def _n50_fit(case, paths):
    rows = _table(paths).filter((pl.col("tau") - case["tau"]).abs() < 1e-9).sort("dim")
    rows = rows.filter(pl.col("log_value").is_not_null())
    x, y = rows["dim"].to_numpy().astype(float), rows["log_value"].to_numpy()
    return rows, x, y


def icl_n50_slope(case, paths, setting):
    """A-C11, E-A6 table: OLS slope of ln N₅₀ on d at the case's tau, with its OLS SE. Compare with at_least 0
    (positive: PASS when slope − 2 SE > 0)."""
    rows, x, y = _n50_fit(case, paths)
    if len(x) < 3:
        return _too_few(f"τ={case['tau']:g}", "fewer than 3 dimensions with a finite N₅₀")
    fit = np.polyfit(x, y, 1)
    resid = y - np.polyval(fit, x)
    se = float(np.sqrt(np.sum(resid**2) / (len(x) - 2) / np.sum((x - x.mean()) ** 2)))
    return {
        "label": f"τ={case['tau']:g}, d={int(x.min())}..{int(x.max())}: N₅₀ = "
        + ", ".join(f"{v:.3g}" for v in rows["value"]),
        "value": float(fit[0]),
        "se": se,
        "n": int(rows["prompts"][0]),
    }


def icl_n50_r2(case, paths, setting):
    """A-C11, E-A6 table: R² of the linear fit of ln N₅₀ on d at the case's tau. Compare with at_least 0.95."""
    rows, x, y = _n50_fit(case, paths)
    if len(x) < 3:
        return _too_few(f"τ={case['tau']:g}", "fewer than 3 dimensions with a finite N₅₀")
    resid = y - np.polyval(np.polyfit(x, y, 1), x)
    r2 = 1 - np.sum(resid**2) / np.sum((y - y.mean()) ** 2)
    return {"label": f"τ={case['tau']:g}, d={int(x.min())}..{int(x.max())}", "value": float(r2), "n": len(x)}


# -------------------------------------------------------------------------------------------------------- A-C12


def icl_ml_ceiling(case, paths, setting):
    """A-C12 (i), E-A7 table: success rate p_ML of the brute-force ML decoder at case sigma (default 0.6), binomial
    SE. Compare with at_most 0.95."""
    row = _select(_table(paths), {"sigma": 0.6, **case}, method="greedy").row(0, named=True)
    return {
        "label": f"σ={row['sigma']:g}, d={row['d']}, n={row['n_ctx']}",
        "value": row["p_ml"],
        "se": row["p_ml_se"],
        "n": row["prompts"],
    }


def icl_bon_vs_ml(case, paths, setting):
    """A-C12 (ii), E-A7 table: BoN(N) − p_ML per τ at case sigma (default 0.6) and N (default the largest), with the
    paired SE; expected 0. Optional case taus. Compare with abs_error 0.03."""
    table = _table(paths)
    N = case.get("N", int(table["N"].max()))
    rows = _select(table, {"sigma": 0.6, **case, "N": N}, method="bon").sort("tau")
    return [
        {
            "label": f"{_label(row, 'sigma', 'tau', 'N')}: BoN {row['value']:.4f} vs p_ML {row['p_ml']:.4f}",
            "value": row["value"] - row["p_ml"],
            "se": row["minus_ml_se"],
            "n": row["prompts"],
            "expected": 0.0,
        }
        for row in rows.iter_rows(named=True)
    ]


def icl_bon_success(case, paths, setting):
    """A-C12 (iii), E-A7 table: BoN success at case sigma (default 0), N (default the largest) and tau (default the
    best τ), binomial SE. Compare with at_least 0.99."""
    table = _table(paths)
    N = case.get("N", int(table["N"].max()))
    rows = _select(table, {"sigma": 0.0, **case, "N": N}, method="bon")
    if "tau" in case:
        rows = rows.filter((pl.col("tau") - case["tau"]).abs() < 1e-9)
    _, row = tau_star(rows)
    return {"label": _label(row, "sigma", "tau", "N"), "value": row["value"], "se": row["se"], "n": row["prompts"]}


# -------------------------------------------------------------------------------------------------------- A-C13


def _allocation(case, paths):
    rows = _table(paths).filter((pl.col("tau") - case["tau"]).abs() < 1e-9).sort("N")
    best = rows.sort(["value", "N"]).row(0, named=True)
    curve = ", ".join(f"{r:.3g}" for r in rows["value"])
    return rows, best, f"τ={case['tau']:g}, B={best['budget']}: R = {curve} for N = {rows['N'].to_list()}"


def icl_allocation_argmin(case, paths, setting):
    """A-C13, E-A8 table: the N (K = B/N) with the least mean BoN risk at the case's tau.

    Compare with at_most 1 (τ = 0) or interval [4, 16] (τ = 0.3).
    """
    rows, best, label = _allocation(case, paths)
    return {"label": label, "value": best["N"], "n": best["prompts"]}


def icl_allocation_gain(case, paths, setting):
    """A-C13 (ii), E-A8 table: R(argmin N)/R(N = 1) at the case's tau with its paired SE. Compare with at_most 0.7."""
    rows, best, label = _allocation(case, paths)
    return {
        "label": f"N*={best['N']}; {label}",
        "value": best["ratio_n1"],
        "se": best["ratio_n1_se"],
        "n": best["prompts"],
    }


MEASURES = {
    f.__name__: f
    for f in (
        icl_lsa_gd_gap,
        icl_greedy_increases,
        icl_greedy_ratio,
        icl_trained_cosine,
        icl_noise_floor_fit,
        icl_noise_floor_slope,
        icl_single_sample_noise,
        icl_single_sample_no_gain,
        icl_mean_aggregation_noise,
        icl_mean_aggregation_return,
        icl_bon_monotone,
        icl_bon_gain,
        icl_tau_star,
        icl_tau_star_drops,
        icl_extreme_value_law,
        icl_rate_ratio,
        icl_rate_ordering,
        icl_binary_formula_gap,
        icl_binary_bon_gain,
        icl_mv_excess,
        icl_mv_saturation,
        icl_bon_minus_mv,
        icl_n50_slope,
        icl_n50_r2,
        icl_ml_ceiling,
        icl_bon_vs_ml,
        icl_bon_success,
        icl_allocation_argmin,
        icl_allocation_gain,
    )
}
