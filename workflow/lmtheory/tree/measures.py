"""Measurements behind the tree-paper claims, read from the pipeline's stage outputs (MEASURES also holds the
coloring ones of coloring_measures).

Each measure takes a claim case (setting name, depth, model, ...), the stage files the claim names for it, and the
setting's parameters, and returns a case dict (or a list of them) for `claims.decide`: the value with its CI or SE,
the sample size and, where the comparator needs one, the expected value.
"""

from statistics import NormalDist

import numpy as np
import polars as pl

from lmtheory.fits import ols_slope
from lmtheory.io import read_json, read_parquet
from lmtheory.tree import coloring_measures
from lmtheory.tree.context_requirement import growth_exponent, interpolated_context
from lmtheory.tree.moments import ising_kurtosis, ratio_decay_exponent, variance_growth_rate
from lmtheory.tree.seed_pooling import pool_seeds, pooled, seeded, seeds_text

LIMIT_DEPTH = 200  # depth at which the kurtosis recursion stands for its d → ∞ limit (converged to 1e-12)


def _label(case: dict) -> str:
    parts = [case.get("lang"), f"d={case['d']}" if "d" in case else None, case.get("model")]
    if "k" in case:
        parts.append(f"k={case['k']}")
    return "/".join(str(p) for p in parts if p is not None)


def _row(path, case: dict) -> dict:
    """The statistics row of the case's context k ('n' = full context; the true corpus has only k = n)."""
    stats = read_parquet(path)
    k = case.get("k", "n")
    k = int(stats["n"][0]) if k == "n" else int(k)
    rows = stats.filter(pl.col("k") == k).to_dicts()
    if not rows:
        raise ValueError(f"{path}: no statistics for k={k}; have k in {stats['k'].to_list()}")
    return rows[0]


def _too_few(label: str, why: str) -> dict:
    """A case that cannot be measured at this scale (decided INCONCLUSIVE, with the reason)."""
    return {"label": label, "value": None, "note": why}


def _predicted_rate(setting: dict) -> float:
    """log₂(bθ²): the predicted growth of log₂(Var/n) per level of depth."""
    return variance_growth_rate(setting["b"], setting["theta"])


def variance(case, paths, setting):
    """Var/n at context k against the closed form (or, with expect: kgram1, the exact 1-gram recursion)."""
    row = _row(paths[0], case)
    expected = row["k1_var_n"] if case.get("expect") == "kgram1" else row["true_var_n"]
    return {
        "label": _label(case),
        "value": row["var_n"],
        "lo": row["var_n_lo"],
        "hi": row["var_n_hi"],
        "se": row["var_n"] * row["log_var_se"],
        "n": row["B"],
        "expected": expected,
    }


def kurtosis(case, paths, setting):
    """Kurtosis of the sums at context k against the exact kurtosis of the true language."""
    row = _row(paths[0], case)
    return {
        "label": _label(case),
        "value": row["kurt"],
        "lo": row["kurt_lo"],
        "hi": row["kurt_hi"],
        "se": row["kurt_se"],
        "n": row["B"],
        "expected": row["true_kurt"],
    }


def _truth(case, paths):
    truth = read_parquet(paths[0]).sort("d")
    return truth, truth["d"].to_numpy()


def _depth_range(case, d) -> str:
    return f"{case['lang']}: d={case['d_min']}..{d.max()}"


def true_var_slope(case, paths, setting):
    """max over d ≥ d_min of |log₂(Var_d/n_d) − log₂(Var_{d−1}/n_{d−1}) − log₂(bθ²)| (exact closed form)."""
    truth, d = _truth(case, paths)
    steps = np.diff(np.log2(truth["var_n"].to_numpy()))[d[1:] >= case["d_min"]]
    if steps.size == 0:
        return _too_few(case["lang"], f"the exact table stops at d={d.max()} < d_min={case['d_min']}")
    gap = np.abs(steps - _predicted_rate(setting))
    return {"label": _depth_range(case, d), "value": float(gap.max()), "n": int(gap.size)}


def true_kurtosis_plateau(case, paths, setting):
    """max over d ≥ d_min of |kurt_d − kurt W|: the exact kurtosis has converged to its d → ∞ limit.

    kurt W is the recursion at d = LIMIT_DEPTH, independent of how deep the exact table goes.
    """
    truth, d = _truth(case, paths)
    kurt = truth["kurt"].to_numpy()[d >= case["d_min"]]
    if kurt.size == 0:
        return _too_few(case["lang"], f"the exact table stops at d={d.max()} < d_min={case['d_min']}")
    limit = ising_kurtosis(setting["b"], setting["theta"], LIMIT_DEPTH)
    return {
        "label": f"{_depth_range(case, d)}, kurt W={limit:.4f}",
        "value": float(np.abs(kurt - limit).max()),
        "n": int(kurt.size),
    }


def true_kurtosis_distance(case, paths, setting):
    """min (or max, with extreme: max) over d ≥ d_min of |kurt_d − 3| for the exact kurtosis."""
    truth, d = _truth(case, paths)
    gap = np.abs(truth["kurt"].to_numpy()[d >= case["d_min"]] - 3)
    if gap.size == 0:
        return _too_few(case["lang"], f"the exact table stops at d={d.max()} < d_min={case['d_min']}")
    value = gap.max() if case.get("extreme") == "max" else gap.min()
    return {"label": f"{case['lang']}: d={case['d_min']}..{d.max()}", "value": float(value), "n": int(gap.size)}


def goodness_of_fit(case, paths, setting):
    """χ² goodness-of-fit p-value of a sampler's sequences against the exact law of a small tree."""
    result = read_json(paths[0])
    return {
        "label": f"b={result['b']}, θ={result['theta']}, d={result['d']}, {result['model']}: "
        f"χ²={result['chi2']:.1f} on {result['df']} df, TV={result['tv']:.4f}",
        "value": result["p_value"],
        "n": result["samples"],
    }


def _slope_case(label: str, fit: dict, n: int, expected: float) -> dict:
    """A case from a fit JSON with slope, slope_lo/hi (bootstrap CI) and slope_se."""
    return {
        "label": label,
        "value": fit["slope"],
        "lo": fit["slope_lo"],
        "hi": fit["slope_hi"],
        "se": fit["slope_se"],
        "n": n,
        "expected": expected,
    }


def variance_slope(case, paths, setting):
    """Bootstrap-CI slope of log₂(Var_gen/n) on ℓ over the fit range against log₂(bθ²) (or the case's expected)."""
    fit = read_json(paths[0])
    if fit["slope"] is None:
        return _too_few(_label(case), f"fewer than 2 contexts in the fit range (k = {fit['ks']})")
    label = f"{_label(case)}: ℓ={fit['levels'][0]}..{fit['levels'][-1]}"
    return _slope_case(label, fit, fit["n_points"], case.get("expected", _predicted_rate(setting)))


def variance_constant(case, paths, setting):
    """max over the fit range of |c_ℓ / mean(c) − 1| for c_ℓ = Var_gen / (n (bθ²)^ℓ)."""
    fit = read_json(paths[0])
    c = np.array(fit["normalised_constant"])
    if c.size < 2:
        return _too_few(_label(case), f"fewer than 2 contexts in the fit range (k = {fit['ks']})")
    return {
        "label": f"{_label(case)}: c_ℓ={c.min():.2f}..{c.max():.2f}",
        "value": float(np.abs(c / c.mean() - 1).max()),
        "n": int(c.size),
    }


def _ratios(path):
    stats = read_parquet(path).sort("k")
    return stats.with_columns(n_over_k=pl.col("n") / pl.col("k"), ratio_se=pl.col("var_ratio") * pl.col("log_var_se"))


def variance_deficit(case, paths, setting):
    """min over k ≤ n/4 of (1 − Var_gen/Var_true) / SE: how many SEs every sublinear context falls short."""
    stats = _ratios(paths[0]).filter(pl.col("n_over_k") >= case.get("min_n_over_k", 4))
    if stats.height == 0:
        return _too_few(_label(case), "no context with n/k in range")
    z = ((1 - stats["var_ratio"]) / stats["ratio_se"]).to_numpy()
    worst = stats.row(int(np.argmin(z)), named=True)
    return {
        "label": f"{_label(case)}: worst k={worst['k']} ratio={worst['var_ratio']:.3f}",
        "value": float(z.min()),
        "n": int(stats.height),
    }


def variance_collapse(case, paths, setting):
    """Per common n/k ≥ min_n_over_k: |r_a/r_b − 1| for the ratios r = Var_gen/Var_true at two depths, with SE."""
    a, b = (_ratios(p).filter(pl.col("n_over_k") >= case.get("min_n_over_k", 2)) for p in paths)
    both = a.join(b, on="n_over_k", suffix="_other").sort("n_over_k")
    depths = " vs ".join(f"d={d}" for d in case["d"])
    if both.height == 0:
        return _too_few(f"{case['lang']} {depths}", "no common n/k in range")
    cases = []
    for row in both.iter_rows(named=True):
        quotient = row["var_ratio"] / row["var_ratio_other"]
        cases.append(
            {
                "label": f"{case['lang']} {depths} at n/k={row['n_over_k']:g} (k={row['k']} vs {row['k_other']})",
                "value": abs(quotient - 1),
                "se": quotient * float(np.hypot(row["log_var_se"], row["log_var_se_other"])),
                "n": row["B"],
            }
        )
    return cases


def variance_ratio_rise(case, paths, setting):
    """Largest rise of Var_gen/Var_true between neighbouring n/k, in combined SEs (≤ 0 means monotone)."""
    stats = _ratios(paths[0]).sort("n_over_k")
    r, se = stats["var_ratio"].to_numpy(), stats["ratio_se"].to_numpy()
    rise = np.diff(r) / np.hypot(se[1:], se[:-1])
    return {"label": _label(case), "value": float(rise.max()), "n": int(r.size)}


def variance_ratio_slope(case, paths, setting):
    """Slope of log_b(Var_gen/Var_true) on log_b(n/k) over n/k ≥ min_n_over_k, against −γ = −log_b(bθ²)."""
    stats = _ratios(paths[0]).filter(pl.col("n_over_k") >= case["min_n_over_k"])
    if stats.height < 2:
        return _too_few(_label(case), f"fewer than 2 contexts with n/k ≥ {case['min_n_over_k']}")
    base = np.log(setting["b"])
    x = np.log(stats["n_over_k"].to_numpy()) / base
    y = np.log(stats["var_ratio"].to_numpy()) / base
    dx = x - x.mean()
    se = float(np.sqrt(np.sum(dx**2 * (stats["log_var_se"].to_numpy() / base) ** 2)) / np.sum(dx**2))
    slope = float(ols_slope(x, y))
    expected = -ratio_decay_exponent(setting["b"], setting["theta"])
    z = NormalDist().inv_cdf(0.975)
    return {
        "label": f"{_label(case)}: n/k={stats['n_over_k'].min():g}..{stats['n_over_k'].max():g}",
        "value": slope,
        "lo": slope - z * se,
        "hi": slope + z * se,
        "se": se,
        "n": int(stats.height),
        "expected": float(expected),
    }


def _contexts(path, case) -> pl.DataFrame:
    """Rows of a per-k table selected by the case: k (an integer or 'n'), min_n_over_k, min_level."""
    table = read_parquet(path).sort("k")
    n = int(table["n"][0])
    if "k" in case:
        table = table.filter(pl.col("k") == (n if case["k"] == "n" else int(case["k"])))
    table = table.filter(pl.col("k") * case.get("min_n_over_k", 0) <= n)
    if "min_level" in case:
        table = table.filter(pl.col("k") >= case["b"] ** case["min_level"])
    return table.with_columns(n_over_k=n / pl.col("k"))


def _per_context(case, table, value, se, what) -> list[dict] | dict:
    if table.height == 0:
        return _too_few(_label(case), f"no context k selected ({what})")
    return [
        {"label": f"{_label(case)}/k={row['k']} (n/k={row['n_over_k']:g})", "value": v, "se": e, "n": row["B"]}
        for row, v, e in zip(table.iter_rows(named=True), value(table), se(table), strict=True)
    ]


def kurtosis_per_context(case, paths, setting):
    """Per selected k: |kurt_gen − 3| (compare: gaussian) or kurt_gen − kurt_true (compare: truth), with SE."""
    table = _contexts(paths[0], {**case, "b": setting["b"]})
    if case["compare"] == "gaussian":
        return _per_context(
            case, table, lambda t: (t["kurt"] - 3).abs().to_list(), lambda t: t["kurt_se"].to_list(), "|kurt − 3|"
        )
    return _per_context(
        case,
        table,
        lambda t: (t["kurt"] - t["true_kurt"]).to_list(),
        lambda t: t["kurt_se"].to_list(),
        "kurt − kurt_true",
    )


def variance_ratio_per_context(case, paths, setting):
    """Per selected k: Var_gen/Var_true with SE = ratio × SE(log Var)."""
    table = _contexts(paths[0], {**case, "b": setting["b"]})
    return _per_context(
        case,
        table,
        lambda t: t["var_ratio"].to_list(),
        lambda t: (t["var_ratio"] * t["log_var_se"]).to_list(),
        "Var_gen/Var_true",
    )


def ks_per_context(case, paths, setting):
    """Per selected k: KS distance between |S_gen| and |S_true|, with bootstrap SE."""
    table = _contexts(paths[0], {**case, "b": setting["b"]})
    return _per_context(case, table, lambda t: t["ks"].to_list(), lambda t: t["ks_se"].to_list(), "KS")


def ks_drop(case, paths, setting):
    """Largest fall of the KS distance between neighbouring n/k as n/k grows (≤ 0 means nondecreasing)."""
    table = read_parquet(paths[0]).sort("n_over_k")
    ks = table["ks"].to_numpy()
    return {"label": _label(case), "value": float(np.max(ks[:-1] - ks[1:])), "n": int(table.height)}


def ks_collapse(case, paths, setting):
    """Per common n/k ≥ min_n_over_k: |KS_a − KS_b| between two depths, with SE."""
    a, b = (read_parquet(p).filter(pl.col("n_over_k") >= case.get("min_n_over_k", 1)) for p in paths)
    both = a.join(b, on="n_over_k", suffix="_other").sort("n_over_k")
    depths = " vs ".join(f"d={d}" for d in case["d"])
    if both.height == 0:
        return _too_few(f"{case['lang']} {depths}", "no common n/k in range")
    return [
        {
            "label": f"{case['lang']} {depths} at n/k={row['n_over_k']:g}",
            "value": abs(row["ks"] - row["ks_other"]),
            "se": float(np.hypot(row["ks_se"], row["ks_se_other"])),
            "n": row["B"],
        }
        for row in both.iter_rows(named=True)
    ]


def loss_slope(case, paths, setting):
    """Slope of log_b(CE_k − CE_n) on ℓ (teacher forcing, paired bootstrap CI) against −1."""
    fit = read_json(paths[0])
    if fit["slope"] is None:
        return _too_few(_label(case), f"fewer than 2 levels in the fit range {fit['fit_levels']}")
    unresolved = f", excess unresolved at ℓ={fit['unresolved_levels']}" if fit["unresolved_levels"] else ""
    label = f"{_label(case)}: ℓ={fit['fit_levels'][0]:g}..{fit['fit_levels'][-1]:g}{unresolved}"
    return _slope_case(label, fit, fit["sequences"], case["expected"])


def loss_excess(case, paths, setting):
    """Excess teacher-forced loss CE_k − CE_n (nats/token) at the case's k, with paired bootstrap CI."""
    fit = read_json(paths[0])
    if int(case["k"]) not in fit["ks"]:
        return _too_few(_label(case), f"k={case['k']} not among {fit['ks']}")
    i = fit["ks"].index(int(case["k"]))
    return {
        "label": _label(case),
        "value": fit["excess"][i],
        "lo": fit["excess_lo"][i],
        "hi": fit["excess_hi"][i],
        "n": fit["sequences"],
    }


def context_requirement(case, paths, setting):
    """k*(n) across the case's depths (one statistics file each), interpolated between grid points with its 95%
    interval: report max/min of k*/n (ratio, with the interval of that ratio) or the log-log slope of k* on n (slope,
    SE from each log k*'s interval as ±2 SE)."""
    n, found = [], []
    for path in paths:
        stats = read_parquet(path)
        k = interpolated_context(stats, case["column"], case["threshold"])
        if k is None:
            return _too_few(f"{case['lang']}", f"{path}: no sampled k reaches {case['column']} ≥ {case['threshold']}")
        n.append(int(stats["n"][0]))
        found.append(k)
    n = np.array(n, float)
    k_star, lo, hi = (np.array([k[key] for k in found]) for key in ("k_star", "lo", "hi"))
    shown = ", ".join(
        f"{k['k_star']:.3g} [{k['lo']:.3g}, {k['hi']:.3g}]/{m:.0f}" for k, m in zip(found, n, strict=True)
    )
    label = f"{case['lang']}: k*/n = {shown}"
    if case["report"] == "ratio":
        ratio = k_star / n
        bounds = (max(1.0, (lo / n).max() / (hi / n).min()), (hi / n).max() / (lo / n).min()) if lo.min() > 0 else ()
        interval = dict(zip(("lo", "hi"), bounds, strict=True)) if bounds else {}
        return {"label": label, "value": float(ratio.max() / ratio.min()), **interval, "n": len(n)}
    if len(n) < 2 or lo.min() <= 0:
        return _too_few(label, "a slope needs two depths, each with k* bracketed by the grid")
    x = np.log(n)
    dx = x - x.mean()
    se = float(np.sqrt((dx**2 * ((np.log(hi) - np.log(lo)) / 4) ** 2).sum()) / (dx**2).sum())
    return {"label": label, "value": growth_exponent(n, k_star), "se": se, "n": len(n), "expected": 1.0}


def reasoning_window(case, paths, setting):
    """Window-rule violations in a reasoning run's kept traces, plus |W − (log_b n + 1)|: 0 when every token is
    explained by the previous W = log_b n + 1 tokens."""
    run = read_json(paths[0])
    mismatch = abs(run["window"] - (run["log_b_n"] + 1))
    return {
        "label": f"{_label(case)}: W={run['window']}, n={run['n']}, {run['rule_violations']} rule violations in "
        f"{run['checked_traces']} traces of {run['trace_length']} tokens",
        "value": run["rule_violations"] + mismatch,
        "n": run["checked_traces"],
    }


def trace_faithfulness(case, paths, setting):
    """Fraction p of a trace transformer's generated traces in which every token follows the window rule, with its
    binomial SE √(p(1−p)/B)."""
    run = read_json(paths[0])
    p = run["faithful"] / run["samples"]
    kinds = ", ".join(f"{kind} {count}" for kind, count in run["violations_by_kind"].items())
    return {
        "label": f"{_label(case)}: W={run['window']}, {run.get('decoding', 'plain')} decoding, "
        f"{run['faithful']}/{run['samples']} traces of {run['trace_length']} tokens faithful; "
        f"{run['violating_tokens']} violating tokens ({kinds})",
        "value": p,
        "se": float(np.sqrt(p * (1 - p) / run["samples"])),
        "n": run["samples"],
    }


def transformer_gap(case, paths, setting):
    """Per trained k: held-out CE of the transformer minus that of the exact k-gram (paired), averaged over the
    training seeds with the pooled SE (seed_pooling)."""
    table = read_parquet(paths[0])
    sequences = int(table["sequences"][0])
    return [
        {
            "label": f"{_label(case)}/k={row['k']}: CE gap {row['value']:.4f}{seeds_text(row, 4)}",
            "value": row["value"],
            "se": row["se"],
            "n": sequences,
        }
        for row in pool_seeds(table, "gap", "gap_se")
    ]


def _against_kgram(paths) -> pl.DataFrame:
    """The transformer statistics (one row per k and training seed) joined with the exact k-gram's at the same k."""
    return read_parquet(paths[0]).join(read_parquet(paths[1]), on="k", suffix="_kgram")


def transformer_vs_kgram(case, paths, setting):
    """Per trained k: |log₂(Var_tf/Var_kgram)| (quantity: variance) or |kurt_tf − kurt_kgram| (quantity: kurtosis),
    the signed difference averaged over the training seeds; SE: the pooled seed SE (seed_pooling) combined with the
    exact k-gram's. paths: transformer statistics, exact statistics."""
    both = _against_kgram(paths)
    if case["quantity"] == "variance":
        both = both.with_columns(
            diff=(pl.col("var_n") / pl.col("var_n_kgram")).log(2),
            diff_se=pl.col("log_var_se") / np.log(2),
            kgram_se=pl.col("log_var_se_kgram") / np.log(2),
        )
    else:
        both = both.with_columns(
            diff=pl.col("kurt") - pl.col("kurt_kgram"), diff_se="kurt_se", kgram_se="kurt_se_kgram"
        )
    kgram_se = dict(both.select("k", "kgram_se").unique("k").iter_rows())
    return [
        {
            "label": f"{_label(case)}/k={row['k']}: {row['value']:+.3f}{seeds_text(row)}",
            "value": abs(row["value"]),
            "se": float(np.hypot(row["se"], kgram_se[row["k"]])),
            "n": row["B"],
        }
        for row in pool_seeds(both, "diff", "diff_se")
    ]


def transformer_slope(case, paths, setting):
    """Slope of log₂(Var/n) on ℓ over the trained ks for the transformer (per training seed, then averaged with the
    pooled SE of seed_pooling; each seed's SE propagated from its per-k SE of log Var), against the exact k-gram's
    slope over the same ks."""
    both = seeded(_against_kgram(paths))
    if both["k"].n_unique() < 2:
        return _too_few(_label(case), "a slope needs two trained contexts")
    slopes, ses = [], []
    for _, run in both.sort("seed", "k").group_by("seed", maintain_order=True):
        levels = np.log(run["k"].to_numpy()) / np.log(setting["b"])
        dx = levels - levels.mean()
        ses.append(float(np.sqrt(np.sum(dx**2 * (run["log_var_se"].to_numpy() / np.log(2)) ** 2)) / np.sum(dx**2)))
        slopes.append(float(ols_slope(levels, np.log2(run["var_n"].to_numpy()))))
    exact = float(ols_slope(levels, np.log2(run["var_n_kgram"].to_numpy())))  # every seed has the same ks
    row = pooled(slopes, ses)
    return {
        "label": f"{_label(case)}: k={sorted(both['k'].unique().to_list())}, exact k-gram slope {exact:.3f}"
        + seeds_text(row),
        "value": row["value"],
        "se": row["se"],
        "n": both["k"].n_unique(),
        "expected": exact,
    }


MEASURES = {
    f.__name__: f
    for f in (
        variance,
        kurtosis,
        true_var_slope,
        true_kurtosis_plateau,
        true_kurtosis_distance,
        goodness_of_fit,
        variance_slope,
        variance_constant,
        variance_deficit,
        variance_collapse,
        variance_ratio_rise,
        variance_ratio_slope,
        kurtosis_per_context,
        variance_ratio_per_context,
        ks_per_context,
        ks_drop,
        ks_collapse,
        loss_slope,
        loss_excess,
        reasoning_window,
        trace_faithfulness,
        context_requirement,
        transformer_gap,
        transformer_vs_kgram,
        transformer_slope,
    )
} | coloring_measures.MEASURES  # the tree paper's registry: Ising and general measures, then the coloring ones
