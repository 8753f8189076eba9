"""Measurements behind the metastable chain-of-thought claims B-C1 … B-C9 (spec icl_and_cot.md §B.5).

Same contract as icl.measures: (case, paths, setting) → a case dict or a list of them for `claims.decide`. paths[0]
is the Parquet table of the experiment named in each docstring (written from `lmtheory.cot.experiments`: e_b1 …
e_b8). Case fields select rows: K, M, eps (one ε), max_eps (every ε ≤ it), variant, reasoner, n_x (never `d` or
`lang`, which claims.resolve_cases treats specially); a field left out means "every value in the table" unless a
default is stated. One acceptance item of §B.5 is one measure; the comparator to use is in each docstring. `setting`
is not used.
"""

import math

import numpy as np
import polars as pl

from lmtheory.frames import matching
from lmtheory.io import read_parquet


def _table(paths) -> pl.DataFrame:
    return read_parquet(paths[0])


def _select(table: pl.DataFrame, case: dict, **defaults) -> pl.DataFrame:
    """Rows matching the case's (or the default) value of each column in K, M, eps, variant, reasoner, n_x, eps_max;
    max_eps keeps ε ≤ it."""
    keys = ("K", "M", "eps", "variant", "reasoner", "n_x", "eps_max", "method", "part")
    table = matching(table, **{key: case.get(key, defaults.get(key)) for key in keys})
    max_eps = case.get("max_eps", defaults.get("max_eps"))
    if max_eps is not None:
        table = table.filter(pl.col("eps") <= max_eps * (1 + 1e-9))
    if table.height == 0:
        raise ValueError(f"no rows of the table match case {case} (defaults {defaults})")
    return table


def _slope(x: np.ndarray, y: np.ndarray) -> float:
    dx = x - x.mean()
    return float(np.sum(dx * (y - y.mean())) / np.sum(dx**2))


def _r2(x: np.ndarray, y: np.ndarray) -> float:
    resid = y - np.polyval(np.polyfit(x, y, 1), x)
    return float(1 - np.sum(resid**2) / np.sum((y - y.mean()) ** 2))


def _too_few(label: str, why: str) -> dict:
    return {"label": label, "value": None, "note": why}


def _eps_groups(table: pl.DataFrame, *keys: str):
    """(key values, rows) per distinct combination of `keys`, in sorted order."""
    yield from table.sort(list(keys)).group_by(list(keys), maintain_order=True)


# --------------------------------------------------------------------------------------------------------- B-C1


def _exact(paths, case) -> pl.DataFrame:
    return _select(_table(paths), case, method="exact")


def cot_hitting_ratio(case, paths, setting):
    """B-C1 (i), E-B1 table: exact E τ / ((K − 1)M/ε) per grid point (K, M, ε). Optional case K, M, eps.

    Compare with interval [0.95, 1.10].
    """
    rows = _exact(paths, case).sort("K", "M", "eps")
    return [
        {
            "label": f"K={r['K']}, M={r['M']}, ε={r['eps']:g}: E τ={r['value']:.6g} vs (K−1)M/ε={r['formula']:.6g}",
            "value": r["ratio"],
            "n": 1,
        }
        for r in rows.iter_rows(named=True)
    ]


def cot_hitting_slope_eps(case, paths, setting):
    """B-C1 (ii), E-B1 table: OLS slope of ln E τ on ln(1/ε) (exact) per (K, M) cell. Optional case K, M.

    Compare with interval [0.97, 1.03].
    """
    cases = []
    for (K, M), rows in _eps_groups(_exact(paths, case), "K", "M"):
        if rows.height < 2:
            cases.append(_too_few(f"K={K}, M={M}", "a slope needs two ε"))
            continue
        eps = rows["eps"].to_numpy()
        cases.append(
            {
                "label": f"K={K}, M={M}, ε={eps.min():g}..{eps.max():g}",
                "value": _slope(np.log(1 / eps), np.log(rows["value"].to_numpy())),
                "n": rows.height,
            }
        )
    return cases


def _sweep_centre(paths, swept: str, fixed: str) -> dict:
    """E-B1 sweeps K at M = M0 and M at K = K0: the fixed value of the `swept` sweep is the `fixed` value that pairs
    with the most distinct `swept` values in the exact rows (read from the table, not assumed)."""
    counts = _exact(paths, {}).group_by(fixed).agg(pl.col(swept).n_unique().alias("n")).sort(["n", fixed])
    return {fixed: counts[fixed][-1]}


def cot_hitting_slope_M(case, paths, setting):
    """B-C1 (ii), E-B1 table: OLS slope of ln E τ on ln M (exact) per ε along the table's M sweep (at K = K0, read
    from the table; a case may name K).

    Compare with interval [0.95, 1.05].
    """
    cases = []
    for (eps,), rows in _eps_groups(_exact(paths, {**_sweep_centre(paths, "M", "K"), **case}), "eps"):
        if rows.height < 2:
            cases.append(_too_few(f"ε={eps:g}", "a slope needs two M"))
            continue
        M = rows["M"].to_numpy().astype(float)
        cases.append(
            {
                "label": f"K={rows['K'][0]}, ε={eps:g}, M={int(M.min())}..{int(M.max())}",
                "value": _slope(np.log(M), np.log(rows["value"].to_numpy())),
                "n": rows.height,
            }
        )
    return cases


def cot_hitting_linear_K(case, paths, setting):
    """B-C1 (iii), E-B1 table: R² of the OLS fit of E τ on K − 1 (exact) per ε along the table's K sweep (at M = M0,
    read from the table; a case may name M).

    Compare with at_least 0.999.
    """
    cases = []
    for (eps,), rows in _eps_groups(_exact(paths, {**_sweep_centre(paths, "K", "M"), **case}), "eps"):
        if rows.height < 3:
            cases.append(_too_few(f"ε={eps:g}", "an R² needs three K"))
            continue
        K = rows["K"].to_numpy().astype(float)
        cases.append(
            {
                "label": f"M={rows['M'][0]}, ε={eps:g}, K={int(K.min())}..{int(K.max())}",
                "value": _r2(K - 1, rows["value"].to_numpy()),
                "n": rows.height,
            }
        )
    return cases


def cot_hitting_mc(case, paths, setting):
    """B-C1 (iv), E-B1 table (method mc): the Monte Carlo mean hitting time with its SE over chains, expected = the
    exact E τ of the same graph. Compare with within_se z = 4."""
    return [
        {
            "label": f"K={r['K']}, M={r['M']}, ε={r['eps']:g}: MC {r['value']:.6g} ± {r['se']:.3g} vs exact "
            f"{r['exact']:.6g} ({r['censored']} censored)",
            "value": r["value"],
            "se": r["se"],
            "n": r["chains"],
            "expected": r["exact"],
        }
        for r in _select(_table(paths), case, method="mc").iter_rows(named=True)
    ]


# --------------------------------------------------------------------------------------------------------- B-C2


def _dwell(paths):
    rows = _table(paths).filter(pl.col("part") == "dwell")
    return rows["value"].to_numpy().astype(float), rows.row(0, named=True)


def cot_dwell_mean(case, paths, setting):
    """B-C2 (i), E-B2 table (part dwell): mean cluster dwell time / (M/ε) with its SE over chains; expected 1.

    Compare with rel_error 0.10.
    """
    x, row = _dwell(paths)
    scale = row["timescale"]
    return {
        "label": f"K={row['K']}, M={row['M']}, ε={row['eps']:g}: mean dwell {x.mean():.6g} vs M/ε={scale:.6g} "
        f"(exact mean exit {row['exact_dwell']:.6g})",
        "value": float(x.mean() / scale),
        "se": float(x.std(ddof=1) / np.sqrt(len(x)) / scale),
        "n": len(x),
        "expected": 1.0,
    }


def coefficient_of_variation(x: np.ndarray) -> tuple[float, float]:
    """Sample CV s/m and its delta-method SE from the first four sample moments (1/√n for an exponential)."""
    m, s = x.mean(), x.std(ddof=1)
    c = x - m
    mu2, mu3, mu4 = np.mean(c**2), np.mean(c**3), np.mean(c**4)
    if mu2 == 0:
        return 0.0, 0.0
    cv = s / m
    var = cv**2 * ((mu4 - mu2**2) / (4 * mu2**2) - mu3 / (mu2 * m) + mu2 / m**2) / len(x)
    return float(cv), float(np.sqrt(max(var, 0.0)))


def cot_dwell_cv(case, paths, setting):
    """B-C2 (i), E-B2 table (part dwell): coefficient of variation of the dwell times (1 for the exponential) with its
    delta-method SE. Compare with interval [0.85, 1.15]."""
    x, row = _dwell(paths)
    cv, se = coefficient_of_variation(x)
    return {"label": f"ε={row['eps']:g}, {len(x)} chains", "value": cv, "se": se, "n": len(x)}


def _moduli(paths):
    rows = _table(paths).filter(pl.col("part") == "eigenvalue").sort("rank")
    return rows["value"].to_numpy(), rows.row(0, named=True)


def cot_slow_eigenvalues(case, paths, setting):
    """B-C2 (ii), E-B2 table (part eigenvalue): the number of eigenvalues with |λ| > 1 − 10ε/M; expected K.

    Compare with abs_error tol 0 (exactly K).
    """
    moduli, row = _moduli(paths)
    slow = int(np.sum(moduli > row["threshold"]))
    shown = ", ".join(f"{v:.6f}" for v in moduli[: row["K"] + 1])
    return {
        "label": f"K={row['K']}, threshold {row['threshold']:.6f}: top |λ| = {shown}",
        "value": slow,
        "n": len(moduli),
        "expected": row["K"],
    }


def cot_spectral_gap(case, paths, setting):
    """B-C2 (ii), E-B2 table (part eigenvalue): time-scale separation (1 − |λ_{K+1}|)/(1 − |λ_2|).

    Compare with at_least 100.
    """
    moduli, row = _moduli(paths)
    K = row["K"]
    return {
        "label": f"|λ_2|={moduli[1]:.6f}, |λ_K+1|={moduli[K]:.4f}",
        "value": float((1 - moduli[K]) / (1 - moduli[1])),
        "n": len(moduli),
    }


# --------------------------------------------------------------------------------------------------------- B-C3


def _search_rows(case, paths):
    return _select(_table(paths), case, max_eps=3e-3)


def _fraction(column: str, what: str, case, paths):
    cases = []
    for (eps,), rows in _eps_groups(_search_rows(case, paths), "eps"):
        p, n = float(rows[column].mean()), rows.height
        cases.append(
            {
                "label": f"ε={eps:g}: {what} in {int(rows[column].sum())}/{n} seeds",
                "value": p,
                "se": math.sqrt(p * (1 - p) / n),
                "n": n,
            }
        )
    return cases


def cot_search_recovery(case, paths, setting):
    """B-C3 (i), E-B3 table: per ε ≤ case max_eps (default 3e-3), the fraction of seeds whose Ê is exactly the K − 1
    forward sparse edges (precision = recall = 1), binomial SE. Compare with at_least 0.9."""
    return _fraction("edges_exact", "Ê exact", case, paths)


def cot_search_clusters(case, paths, setting):
    """B-C3 (ii), E-B3 table: per ε ≤ case max_eps (default 3e-3), the fraction of seeds whose identified clusters Ĉ_r
    are all exact, binomial SE. Compare with at_least 0.9."""
    return _fraction("clusters_exact", "clusters exact", case, paths)


def cot_search_cost_median(case, paths, setting):
    """B-C3 (iii), E-B3 table: per ε ≤ case max_eps (default 3e-3), the median over seeds of search cost / pretrained
    E τ, with a bootstrap SE over seeds (2000 resamples, fixed seed). Compare with at_most 1.5."""
    gen = np.random.default_rng(0)
    cases = []
    for (eps,), rows in _eps_groups(_search_rows(case, paths), "eps"):
        x = rows["value"].to_numpy()
        boot = np.median(x[gen.integers(len(x), size=(2000, len(x)))], axis=1)
        cases.append(
            {
                "label": f"ε={eps:g}: median cost/E τ over {len(x)} seeds",
                "value": float(np.median(x)),
                "se": float(boot.std(ddof=1)),
                "n": len(x),
            }
        )
    return cases


def cot_search_cost_max(case, paths, setting):
    """B-C3 (iii), E-B3 table: per ε ≤ case max_eps (default 3e-3), the largest search cost / pretrained E τ over
    seeds. Compare with at_most 3."""
    return [
        {
            "label": f"ε={eps:g}: worst seed {rows.sort('value')['seed'][-1]} of {rows.height}",
            "value": float(rows["value"].max()),
            "n": rows.height,
        }
        for (eps,), rows in _eps_groups(_search_rows(case, paths), "eps")
    ]


# --------------------------------------------------------------------------------------------------------- B-C4


def cot_prm_spread(case, paths, setting):
    """B-C4 (i), E-B4 table: relative spread (max − min)/mean of E τ_PRM across the ε grid, per (ε_max, M). Optional
    case M, eps_max. Compare with at_most 1e-6."""
    cases = []
    for (eps_max, M), rows in _eps_groups(_select(_table(paths), case), "eps_max", "M"):
        v = rows["value"].to_numpy()
        cases.append(
            {
                "label": f"ε_max={eps_max:g}, M={M}: E τ_PRM = {v.min():.6g}..{v.max():.6g} over {rows.height} ε",
                "value": float((v.max() - v.min()) / v.mean()),
                "n": rows.height,
            }
        )
    return cases


def cot_prm_ratio(case, paths, setting):
    """B-C4 (ii), E-B4 table: E τ_PRM/(KM) per (ε_max, M, ε). Optional case M, eps, eps_max.

    Compare with interval [1, 4].
    """
    rows = _select(_table(paths), case).sort("eps_max", "M", "eps")
    return [
        {
            "label": f"ε_max={r['eps_max']:g}, M={r['M']}, ε={r['eps']:g}: E τ_PRM={r['value']:.5g}",
            "value": r["value"] / r["scale"],
            "n": 1,
        }
        for r in rows.iter_rows(named=True)
    ]


def cot_prm_slope_M(case, paths, setting):
    """B-C4 (ii), E-B4 table: OLS slope of ln E τ_PRM on ln M per (ε_max, ε). Optional case eps, eps_max.

    Compare with interval [0.85, 1.1].
    """
    cases = []
    for (eps_max, eps), rows in _eps_groups(_select(_table(paths), case), "eps_max", "eps"):
        M = rows["M"].to_numpy().astype(float)
        if len(M) < 2:
            cases.append(_too_few(f"ε={eps:g}", "a slope needs two M"))
            continue
        cases.append(
            {
                "label": f"ε_max={eps_max:g}, ε={eps:g}, M={int(M.min())}..{int(M.max())}",
                "value": _slope(np.log(M), np.log(rows["value"].to_numpy())),
                "n": len(M),
            }
        )
    return cases


def cot_prm_speedup(case, paths, setting):
    """B-C4 (iii), E-B4 table: speed-up (E τ_pre/E τ_PRM) / (ε_max/ε) per (ε_max, M, ε). Optional case M, eps,
    eps_max. Compare with at_least 0.3."""
    rows = _select(_table(paths), case).sort("eps_max", "M", "eps")
    return [
        {
            "label": f"ε_max={r['eps_max']:g}, M={r['M']}, ε={r['eps']:g}: speed-up {r['speedup']:.4g}",
            "value": r["speedup"] / r["speedup_ref"],
            "n": 1,
        }
        for r in rows.iter_rows(named=True)
    ]


# --------------------------------------------------------------------------------------------------------- B-C5


def _ppo(case, paths) -> pl.DataFrame:
    """One row per ε (the per-ε columns of E-B5)."""
    return _select(_table(paths), case).sort("eps", "iteration").group_by("eps", maintain_order=True).last()


def cot_ppo_final(case, paths, setting):
    """B-C5 (i), E-B5 table: per ε, max over Ê of |π(t|s) − ε_max| after PPO. Compare with at_most 1e-6."""
    return [
        {"label": f"ε={r['eps']:g}: {r['sources']} edges", "value": r["final_dev"], "n": r["sources"]}
        for r in _ppo(case, paths).iter_rows(named=True)
    ]


def cot_ppo_iterations(case, paths, setting):
    """B-C5 (ii), E-B5 table: per ε, (iterations − I*) / max(3, 0.15 I*), I* = ⌈ln(ε_max/ε)/ln(1 + c)⌉: within
    ±max(3, 15%) of I* is |value| ≤ 1. Compare with interval [−1, 1]."""
    cases = []
    for r in _ppo(case, paths).iter_rows(named=True):
        pred = r["predicted"]
        cases.append(
            {
                "label": f"ε={r['eps']:g}: {r['iterations']} iterations vs I*={pred}",
                "value": (r["iterations"] - pred) / max(3.0, 0.15 * pred),
                "n": 1,
            }
        )
    return cases


def cot_ppo_iteration_slope(case, paths, setting):
    """B-C5 (ii), E-B5 table: OLS slope of the iteration count on ln(1/ε), times ln(1 + c) (so 1 = the predicted slope
    1/ln(1 + c)); expected 1. Compare with rel_error 0.2."""
    rows = _ppo(case, paths)
    if rows.height < 2:
        return _too_few("PPO iterations", "a slope needs two ε")
    slope = _slope(np.log(1 / rows["eps"].to_numpy()), rows["iterations"].to_numpy().astype(float))
    clip = rows["clip"][0]
    return {
        "label": f"iterations {rows['iterations'].to_list()} at ε={rows['eps'].to_list()}: slope {slope:.3f} vs "
        f"1/ln(1+c)={1 / math.log(1 + clip):.3f}",
        "value": slope * math.log(1 + clip),
        "n": rows.height,
        "expected": 1.0,
    }


def cot_ppo_matches_prm(case, paths, setting):
    """B-C5 (iii), E-B5 table: per ε, E τ of the PPO-finetuned kernel / E τ of the PRM-mode kernel; expected 1.

    Compare with rel_error 0.01.
    """
    return [
        {
            "label": f"ε={r['eps']:g}: {r['tau_ppo']:.6g} vs {r['tau_prm']:.6g} (max kernel gap {r['kernel_gap']:.2g})",
            "value": r["tau_ppo"] / r["tau_prm"],
            "n": 1,
            "expected": 1.0,
        }
        for r in _ppo(case, paths).iter_rows(named=True)
    ]


def cot_ppo_tv_off(case, paths, setting):
    """B-C5 (iv), E-B5 table: per ε, max TV between the finetuned and pretrained rows outside src(Ê).

    Compare with at_most 1e-9.
    """
    return [
        {"label": f"ε={r['eps']:g}: rows outside {r['sources']} sources", "value": r["tv_off_max"], "n": 1}
        for r in _ppo(case, paths).iter_rows(named=True)
    ]


def cot_ppo_tv_mean(case, paths, setting):
    """B-C5 (iv), E-B5 table: per ε, state-averaged TV / (ε_max |src(Ê)|/(KM)).

    Compare with at_most 1.05.
    """
    return [
        {
            "label": f"ε={r['eps']:g}: mean TV {r['tv_mean']:.4g} (formula (ε_max−ε)|src|/KM = {r['tv_formula']:.4g})",
            "value": r["tv_mean"] / r["tv_bound"],
            "n": 1,
        }
        for r in _ppo(case, paths).iter_rows(named=True)
    ]


# --------------------------------------------------------------------------------------------------------- B-C6


def _distill(case, paths, **defaults) -> pl.DataFrame:
    return _select(_table(paths), case, **defaults)


def cot_distill_rate_error(case, paths, setting):
    """B-C6 (i), E-B6 table: per (variant, ε), max over true inter-cluster pairs (k ≠ l, q_∘ > 0) of |q̂/q_∘ − 1|,
    with the Poisson SE (q̂/q_∘)/√count of the worst pair's transition count. Optional case variant, eps. Compare
    with at_most 0.5."""
    cases = []
    for (variant, eps), rows in _eps_groups(_distill(case, paths), "variant", "eps"):
        pairs = rows.filter((pl.col("k") != pl.col("l")) & (pl.col("formula") > 0))
        err = (pairs["value"] / pairs["formula"] - 1).abs()
        worst = pairs.row(int(err.arg_max()), named=True)
        cases.append(
            {
                "label": f"{variant}, ε={eps:g}: worst ({worst['k']}→{worst['l']}) q̂={worst['value']:.3g} vs "
                f"q∘={worst['formula']:.3g} ({worst['count']} counts; {pairs.height} pairs)",
                "value": float(err.max()),
                "se": float(worst["value"] / worst["formula"] / np.sqrt(max(worst["count"], 1))),
                "n": int(pairs["count"].sum()),
            }
        )
    return cases


def cot_distill_hitting(case, paths, setting):
    """B-C6 (ii), E-B6 table (case variant, default forward): per ε, distilled E τ_{1→K} / (K − 1).

    Compare with interval [1.5, 2.5].
    """
    rows = _distill(case, paths, variant="forward").group_by("eps").first().sort("eps")
    return [
        {
            "label": f"{r['variant']}, ε={r['eps']:g}: E τ_dist={r['tau_distilled']:.4g} (exact meta-chain "
            f"{r['tau_exact_meta']:.4g})",
            "value": r["tau_distilled"] / (r["K"] - 1),
            "n": r["chains"] * r["steps"],
        }
        for r in rows.iter_rows(named=True)
    ]


def cot_distill_flatness(case, paths, setting):
    """B-C6 (ii), E-B6 table (case variant, default forward): max/min of the distilled E τ across ε.

    Compare with at_most 1.3.
    """
    rows = _distill(case, paths, variant="forward").group_by("eps").first().sort("eps")
    tau = rows["tau_distilled"].to_numpy()
    return {
        "label": f"{rows['variant'][0]}: E τ_dist = "
        + ", ".join(f"{v:.3g}" for v in tau)
        + f" at ε={rows['eps'].to_list()}",
        "value": float(tau.max() / tau.min()),
        "n": rows.height,
    }


def cot_distill_exit_probs(case, paths, setting):
    """B-C6 (iii), E-B6 table (case variant, default branching): per ε, max over k ≠ l of |jump probability of q⁺ −
    exact exit probability of C_k to C_l|, with the binomial SE √(p(1−p)/n_k) of the worst pair's jump probability
    over the n_k observed exits from C_k. Compare with at_most 0.12."""
    cases = []
    for (eps,), rows in _eps_groups(_distill(case, paths, variant="branching"), "eps"):
        off = rows.filter(pl.col("k") != pl.col("l")).with_columns(gap=(pl.col("jump") - pl.col("exit_exact")).abs())
        worst = off.sort("gap").row(-1, named=True)
        exits = int(off.filter(pl.col("k") == worst["k"])["count"].sum())
        cases.append(
            {
                "label": f"{worst['variant']}, ε={eps:g}: worst ({worst['k']}→{worst['l']}) {worst['jump']:.3f} vs "
                f"{worst['exit_exact']:.3f} ({exits} exits from C_{worst['k']})",
                "value": worst["gap"],
                "se": float(np.sqrt(worst["jump"] * (1 - worst["jump"]) / max(exits, 1))),
                "n": int(rows["count"].sum()),
            }
        )
    return cases


def cot_distill_speedup(case, paths, setting):
    """B-C6 (iv), E-B6 table: pretrained E τ / distilled E τ at case eps (default 1e-3) and variant (default
    forward). Compare with at_least 1000."""
    r = _distill(case, paths, variant="forward", eps=1e-3).row(0, named=True)
    return {
        "label": f"{r['variant']}, ε={r['eps']:g}: {r['tau_pretrained']:.6g} vs {r['tau_distilled']:.4g}",
        "value": r["tau_pretrained"] / r["tau_distilled"],
        "n": r["chains"] * r["steps"],
    }


# --------------------------------------------------------------------------------------------------------- B-C7


def _pretrain(case, paths, model, **defaults) -> pl.DataFrame:
    return _select(_table(paths), case, **defaults).filter(pl.col("model") == model).sort("eps", "n_x", "rep")


def cot_pretrain_leak(case, paths, setting):
    """B-C7 (i), E-B7 table: stage-1 mass off the true support per row / (ε/M), per (n_x, rep) at case eps (default
    1e-3). Compare with at_least 10."""
    return [
        {
            "label": f"ε={r['eps']:g}, n_x={r['n_x']}, rep {r['rep']}: leak {r['leak']:.3g}/row "
            f"({r['leak_cross']:.3g} across clusters)",
            "value": r["leak_ratio"],
            "n": r["n_x"] * r["K"] * r["M"],
        }
        for r in _pretrain(case, paths, "stage1", eps=1e-3).iter_rows(named=True)
    ]


def cot_pretrain_stage1_gap(case, paths, setting):
    """B-C7 (i), E-B7 table: true E τ / stage-1 E τ per (n_x, rep) at case eps (default 1e-3).

    Compare with at_least 2.
    """
    return [
        {
            "label": f"ε={r['eps']:g}, n_x={r['n_x']}, rep {r['rep']}: {r['formula']:.6g} vs stage 1 {r['value']:.6g}",
            "value": r["formula"] / r["value"],
            "n": r["n_x"] * r["K"] * r["M"],
        }
        for r in _pretrain(case, paths, "stage1", eps=1e-3).iter_rows(named=True)
    ]


def cot_pretrain_support(case, paths, setting):
    """B-C7 (ii), E-B7 table: entries where the threshold mask differs from the true support (missing + extra), per
    (ε, n_x, rep). Optional case eps, n_x. Compare with at_most 0."""
    return [
        {
            "label": f"ε={r['eps']:g}, n_x={r['n_x']}, rep {r['rep']}: {r['mask_missing']} missing, "
            f"{r['mask_extra']} extra",
            "value": r["mask_missing"] + r["mask_extra"],
            "n": r["n_x"] * r["K"] * r["M"],
        }
        for r in _pretrain(case, paths, "two_stage").iter_rows(named=True)
    ]


def cot_pretrain_two_stage(case, paths, setting):
    """B-C7 (iii), E-B7 table: two-stage E τ / true E τ per (ε, n_x, rep) with n_x·ε ≥ case min_data (default 100);
    expected 1. Compare with rel_error 0.15."""
    rows = _pretrain(case, paths, "two_stage").filter(pl.col("n_x_eps") >= case.get("min_data", 100) - 1e-9)
    if rows.height == 0:
        return _too_few("two-stage", f"no setting with n_x·ε ≥ {case.get('min_data', 100)}")
    return [
        {
            "label": f"ε={r['eps']:g}, n_x={r['n_x']}, rep {r['rep']}: {r['value']:.6g} vs truth {r['formula']:.6g}",
            "value": r["ratio"],
            "n": r["n_x"] * r["K"] * r["M"],
            "expected": 1.0,
        }
        for r in rows.iter_rows(named=True)
    ]


# --------------------------------------------------------------------------------------------------------- B-C8


def _headline(paths) -> pl.DataFrame:
    """One row per ε with a column per reasoner."""
    table = _table(paths)
    return table.pivot(on="reasoner", index="eps", values="value").sort("eps")


def _gain(case, paths, top: str, bottom: str):
    rows = _headline(paths).filter(pl.col("eps") <= case.get("max_eps", 1e-3) * (1 + 1e-9))
    return [
        {
            "label": f"ε={r['eps']:g}: {top} {r[top]:.6g} vs {bottom} {r[bottom]:.4g}",
            "value": r[top] / r[bottom],
            "n": 1,
        }
        for r in rows.iter_rows(named=True)
    ]


def cot_headline_search_gain(case, paths, setting):
    """B-C8, E-B8 table: per ε ≤ case max_eps (default 1e-3), E τ_pretrained / E τ of case reasoner (default search;
    ppo gives the same kernel). Compare with at_least 10."""
    return _gain(case, paths, "pretrained", case.get("reasoner", "search"))


def cot_headline_distill_gain(case, paths, setting):
    """B-C8, E-B8 table: per ε ≤ case max_eps (default 1e-3), E τ of case reasoner (default search) / E τ_distilled.

    Compare with at_least 10.
    """
    return _gain(case, paths, case.get("reasoner", "search"), "distilled")


def cot_headline_slope(case, paths, setting):
    """B-C8, E-B8 table: OLS slope of ln(E τ_pretrained / E τ_reasoner) on ln(1/ε) over the whole ε grid (case
    reasoner, default search). Compare with interval [0.95, 1.05]."""
    rows = _headline(paths)
    other = case.get("reasoner", "search")
    if rows.height < 2:
        return _too_few("headline slope", "a slope needs two ε")
    eps = rows["eps"].to_numpy()
    ratio = (rows["pretrained"] / rows[other]).to_numpy()
    return {
        "label": f"pretrained/{other} = " + ", ".join(f"{v:.4g}" for v in ratio) + f" at ε={eps.tolist()}",
        "value": _slope(np.log(1 / eps), np.log(ratio)),
        "n": rows.height,
    }


# --------------------------------------------------------------------------------------------------------- B-C9


def cot_documented_only(case, paths, setting):
    """B-C9 (the §5 local-information lower bound, Thm 5.3): documented only, never passed. Returns value None so the
    ledger records INCONCLUSIVE with the reason. Any comparator works (e.g. at_least 0); no input is read."""
    return {
        "label": case.get("label", "B-C9 local-information lower bound (Thm 5.3)"),
        "value": None,
        "note": "documented only: an SQ-dimension-with-access lower bound is not a finite simulation target (spec "
        "B.2.6). Toy counting: with m locally indistinguishable rare transitions per cluster, local information "
        "leaves m^(K−1) candidate hard-step sequences, while global search (Alg. 2) returns the unique one",
    }


MEASURES = {
    f.__name__: f
    for f in (
        cot_hitting_ratio,
        cot_hitting_slope_eps,
        cot_hitting_slope_M,
        cot_hitting_linear_K,
        cot_hitting_mc,
        cot_dwell_mean,
        cot_dwell_cv,
        cot_slow_eigenvalues,
        cot_spectral_gap,
        cot_search_recovery,
        cot_search_clusters,
        cot_search_cost_median,
        cot_search_cost_max,
        cot_prm_spread,
        cot_prm_ratio,
        cot_prm_slope_M,
        cot_prm_speedup,
        cot_ppo_final,
        cot_ppo_iterations,
        cot_ppo_iteration_slope,
        cot_ppo_matches_prm,
        cot_ppo_tv_off,
        cot_ppo_tv_mean,
        cot_distill_rate_error,
        cot_distill_hitting,
        cot_distill_flatness,
        cot_distill_exit_probs,
        cot_distill_speedup,
        cot_pretrain_leak,
        cot_pretrain_stage1_gap,
        cot_pretrain_support,
        cot_pretrain_two_stage,
        cot_headline_search_gain,
        cot_headline_distill_gain,
        cot_headline_slope,
        cot_documented_only,
    )
}
