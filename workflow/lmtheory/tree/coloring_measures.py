"""Measurements behind the coloring claims of the tree paper (spec C10–C13), read from the stage outputs.

Same contract as tree.measures: (case, paths, setting) → a case dict or a list of them for `claims.decide`.
"""

import numpy as np
import polars as pl

from lmtheory.io import read_json, read_parquet
from lmtheory.tree.seed_pooling import pool_seeds, seeds_text


def _label(case: dict) -> str:
    return "/".join(
        str(p)
        for p in (case.get("lang"), f"d={case['d']}" if "d" in case else None, case.get("model"))
        if p is not None
    )


def _level_k(b: int, level: int) -> int:
    return b**level


def dp_mismatches(case, paths, setting):
    """Leaf sequences on which the feasible-set DP disagrees with exhaustive enumeration, per tiny tree."""
    return [
        {
            "label": f"(q,b,d)=({t['q']},{t['b']},{t['d']}): {t['sequences']} sequences",
            "value": t["mismatches"],
            "n": t["sequences"],
        }
        for t in read_json(paths[0])["exhaustive"]
    ]


def freezing_limit(case, paths, setting):
    """p* of the case's (q, b) from the freezing recursion, against the case's expected value."""
    limits = {(t["q"], t["b"]): t["p_star"] for t in read_json(paths[0])["freezing_limits"]}
    q, b = case["q"], case["b"]
    if (q, b) not in limits:
        raise ValueError(f"p* of (q={q}, b={b}) was not computed; add it to tree.coloring.freezing_pairs")
    return {"label": f"(q,b)=({q},{b})", "value": limits[(q, b)], "expected": case["expected"]}


def true_consistent(case, paths, setting):
    """Fraction of true sequences that are consistent (must be 1)."""
    row = read_parquet(paths[0]).row(0, named=True)
    return {"label": f"{_label(case)}: {row['consistent']}/{row['B']}", "value": row["p_consistent"], "n": row["B"]}


def frozen_roots(case, paths, setting):
    """Fraction of true sequences whose leaves force the root colour, against p_d from the freezing recursion."""
    row = read_parquet(paths[0]).row(0, named=True)
    p_d = read_json(paths[1])["p"][case["d"]]
    return {
        "label": _label(case),
        "value": row["frozen_root"],
        "se": row["frozen_root_se"],
        "n": row["B"],
        "expected": p_d,
    }


def _violations(path, setting, d, max_level):
    """Rows (ℓ, k = b^ℓ, rate and SE at height ℓ+1, violations at heights ≤ ℓ) for ℓ = 0..max_level."""
    table = read_parquet(path)
    rows = []
    for level in range(max_level + 1):
        k = _level_k(setting["b"], level)
        at_k = table.filter(pl.col("k") == k)
        if at_k.height == 0:
            continue
        above = at_k.filter(pl.col("height") == level + 1)  # empty at k = n: there is no height d + 1
        rows.append(
            {
                "level": level,
                "k": k,
                "B": int(at_k["B"][0]),
                "below": int(at_k.filter(pl.col("height") <= level)["violations"].sum()),
                "rate": above["rate"][0] if above.height else None,
                "rate_se": above["rate_se"][0] if above.height else None,
            }
        )
    return rows


def violations_below_context(case, paths, setting):
    """Per k = b^ℓ: first violations at heights ≤ ℓ (none can occur: nodes of ≤ k leaves are fully observed)."""
    rows = _violations(paths[0], setting, case["d"], case["d"])
    return [{"label": f"{_label(case)}/k={r['k']}", "value": r["below"], "n": r["B"]} for r in rows]


def violation_rates(case, paths, setting):
    """Per k = b^ℓ, ℓ = 0..d−1 (or the case's `level`): ε_ℓ, the first-violation rate per node at height ℓ+1.

    With a second input (the setting's truth JSON), the expected value is the closed-form ε_0.
    """
    rows = _violations(paths[0], setting, case["d"], case["d"] - 1)
    if "level" in case:
        rows = [r for r in rows if r["level"] == case["level"]]
    expected = read_json(paths[1])["eps0"] if len(paths) > 1 else None
    return [
        {
            "label": f"{_label(case)}/ε_{r['level']} (k={r['k']})",
            "value": r["rate"],
            "se": r["rate_se"],
            "n": r["B"],
            **({"expected": expected} if expected is not None else {}),
        }
        for r in rows
    ]


def violation_decay(case, paths, setting):
    """ε_L / ε_0 for L = the case's level, with a delta-method SE (the control's rates decay, spec C13)."""
    rows = {r["level"]: r for r in _violations(paths[0], setting, case["d"], case["level"])}
    if case["level"] not in rows or 0 not in rows or rows[case["level"]]["rate"] is None:
        return {
            "label": _label(case),
            "value": None,
            "note": f"no height {case['level'] + 1} below k = b^{case['level']}",
        }
    top, base = rows[case["level"]], rows[0]
    ratio = top["rate"] / base["rate"]
    se = ratio * float(np.hypot(top["rate_se"] / max(top["rate"], 1e-300), base["rate_se"] / base["rate"]))
    return {
        "label": f"{_label(case)}: ε_{case['level']}/ε_0 = {top['rate']:.4f}/{base['rate']:.4f}",
        "value": ratio,
        "se": se,
        "n": base["B"],
    }


def violation_rise(case, paths, setting):
    """Largest rise of ε_ℓ between neighbouring levels, in combined SEs (≤ 0 means decreasing)."""
    rows = _violations(paths[0], setting, case["d"], case["d"] - 1)
    rate = np.array([r["rate"] for r in rows])
    se = np.array([r["rate_se"] for r in rows])
    rise = np.diff(rate) / np.maximum(np.hypot(se[1:], se[:-1]), 1e-12)
    return {"label": f"{_label(case)}: ε = {np.round(rate, 4).tolist()}", "value": float(rise.max()), "n": len(rows)}


def consistent_fraction(case, paths, setting):
    """Per k with n/k ≥ min_n_over_k (or the case's n_over_k): P(consistent) with its binomial SE; with
    count: true, the number of consistent samples instead."""
    table = read_parquet(paths[0]).sort("k")
    if "n_over_k" in case:
        table = table.filter((pl.col("n_over_k") - case["n_over_k"]).abs() < 1e-9)
    else:
        table = table.filter(pl.col("n_over_k") >= case["min_n_over_k"])
    if table.height == 0:
        return {"label": _label(case), "value": None, "note": "no context k selected"}
    return [
        {
            "label": f"{_label(case)}/k={r['k']} (n/k={r['n_over_k']:.4g})",
            **(
                {"value": r["consistent"]}
                if case.get("count")
                else {"value": r["p_consistent"], "se": r["p_consistent_se"]}
            ),
            "n": r["B"],
        }
        for r in table.iter_rows(named=True)
    ]


def inconsistency_rate(case, paths, setting):
    """Slope c of −ln P(consistent) ≈ c·n/k (OLS over points with lo < P < hi), SE propagated from each point."""
    table = read_parquet(paths[0]).filter(
        (pl.col("p_consistent") > case.get("lo", 0.01)) & (pl.col("p_consistent") < case.get("hi", 0.99))
    )
    if table.height < 2:
        return {"label": _label(case), "value": None, "note": "fewer than 2 points with 0.01 < P < 0.99"}
    x = table["n_over_k"].to_numpy()
    y = -np.log(table["p_consistent"].to_numpy())
    y_se = table["p_consistent_se"].to_numpy() / table["p_consistent"].to_numpy()
    dx = x - x.mean()
    slope = float((dx * (y - y.mean())).sum() / (dx**2).sum())
    se = float(np.sqrt((dx**2 * y_se**2).sum()) / (dx**2).sum())
    return {
        "label": f"{_label(case)}: {table.height} points, n/k={x.min():.3g}..{x.max():.3g}",
        "value": slope,
        "se": se,
        "n": table.height,
    }


def transformer_consistency(case, paths, setting):
    """Per trained k: |P̄_tf(consistent) − P_kgram(consistent)|, P̄_tf averaged over the training seeds; SE: the pooled
    seed SE (seed_pooling) combined with the exact k-gram's binomial SE. A k whose P_kgram ≤ the case's
    informative_above (the comparator's tolerance) and a P̄_tf that would pass is undecided: a sampler that is never
    consistent would pass there (a P̄_tf far above it still FAILs). paths: transformer statistics, exact statistics."""
    exact = {r["k"]: r for r in read_parquet(paths[1]).iter_rows(named=True)}
    floor = case.get("informative_above", 0.0)
    cases = []
    for r in pool_seeds(read_parquet(paths[0]), "p_consistent", "p_consistent_se"):
        e = exact[r["k"]]
        gap = abs(r["value"] - e["p_consistent"])
        label = f"{_label(case)}/k={r['k']}: P_tf={r['value']:.3f}{seeds_text(r)}, P_kgram={e['p_consistent']:.3f}"
        if e["p_consistent"] <= floor and gap <= floor:
            note = f"P_kgram ≤ {floor}: uninformative, a never-consistent sampler would pass"
            cases.append({"label": label, "value": None, "note": note, "n": r["B"]})
            continue
        cases.append({"label": label, "value": gap, "se": float(np.hypot(r["se"], e["p_consistent_se"])), "n": r["B"]})
    return cases


def transformer_violation_rates(case, paths, setting):
    """Per trained k with b^ℓ ≤ k < b^(ℓ+1), ℓ ≤ d − 1: |ε̄_tf − ε_kgram| at height ℓ+1, the first-violation rate of
    the nodes just above the context, ε̄_tf averaged over the training seeds (pooled SE, seed_pooling) and compared
    with the exact k-gram's at the same k (SEs combined). paths: transformer violations, exact violations."""
    b, d = setting["b"], case["d"]
    tables = [read_parquet(path) for path in paths]
    above = [
        t.filter(pl.col("height") == (pl.col("k").log(b) + 1e-9).floor().cast(pl.Int64) + 1, pl.col("height") <= d)
        for t in tables
    ]
    exact = {r["k"]: r for r in above[1].iter_rows(named=True)}
    pooled = [r for r in pool_seeds(above[0], "rate", "rate_se") if r["k"] in exact]
    if not pooled:
        return {"label": _label(case), "value": None, "note": "no trained k below b^d with an exact k-gram row"}
    return [
        {
            "label": f"{_label(case)}/height {exact[r['k']]['height']} (k={r['k']}): tf {r['value']:.3f}"
            f"{seeds_text(r)}, k-gram {exact[r['k']]['rate']:.3f}",
            "value": abs(r["value"] - exact[r["k"]]["rate"]),
            "se": float(np.hypot(r["se"], exact[r["k"]]["rate_se"])),
            "n": r["B"],
        }
        for r in pooled
    ]


MEASURES = {
    f.__name__: f
    for f in (
        dp_mismatches,
        freezing_limit,
        true_consistent,
        frozen_roots,
        violations_below_context,
        violation_rates,
        violation_decay,
        violation_rise,
        consistent_fraction,
        inconsistency_rate,
        transformer_consistency,
        transformer_violation_rates,
    )
}
