"""Comparators and verdicts of the claims ledger.

A claim is measured on one or more cases (e.g. one per setting); each case is a dict with `label`, `value`, and
optionally `lo`/`hi` (95% CI), `se`, `n` and `expected`. A comparator decides each case; the claim PASSes when every
case passes, FAILs when any fails, and is INCONCLUSIVE otherwise. Smoke runs record SMOKE and are never compared.
A case is INCONCLUSIVE when its uncertainty straddles the tolerance: a CI wider than the whole relative band, or a
value within 2 SE of an at_most/at_least bound.
"""

import math

VERDICTS = ("PASS", "FAIL", "INCONCLUSIVE", "SMOKE", "NOT_RUN")


def _within_se(case, z):
    gap = abs(case["value"] - case["expected"])
    if not case.get("se"):
        return "INCONCLUSIVE", "no standard error"
    return ("PASS" if gap <= z * case["se"] else "FAIL"), f"|Δ| = {gap / case['se']:.2f} SE (allowed {z})"


def _rel_error(case, tol):
    expected = case["expected"]
    err = case["value"] / expected - 1
    band = sorted((expected * (1 - tol), expected * (1 + tol)))
    if "lo" in case and case["lo"] < band[0] and case["hi"] > band[1]:
        return "INCONCLUSIVE", f"CI [{case['lo']:.3g}, {case['hi']:.3g}] wider than the ±{tol:.0%} band"
    return ("PASS" if abs(err) <= tol else "FAIL"), f"relative error {err:+.1%} (allowed ±{tol:.0%})"


def _abs_error(case, tol):
    gap = case["value"] - case["expected"]
    return ("PASS" if abs(gap) <= tol else "FAIL"), f"error {gap:+.3g} (allowed ±{tol:g})"


def _too_close(case, bound, z=2.0):
    """When the case has an SE and lies within z SE of the bound, the data cannot tell which side it is on."""
    se, gap = case.get("se"), abs(case["value"] - bound)
    if not se or gap >= z * se:
        return None
    more = (z * se / gap) ** 2 if gap else math.inf
    return "INCONCLUSIVE", (
        f"{case['value']:.4g} ± {se:.2g} is within {z:g} SE of the bound {bound:g}; "
        f"≈{more:.0f}× more samples would decide"
    )


def _at_most(case, bound):
    return _too_close(case, bound) or (
        ("PASS" if case["value"] <= bound else "FAIL"),
        f"{case['value']:.4g} vs bound ≤ {bound:g}",
    )


def _at_least(case, bound):
    return _too_close(case, bound) or (
        ("PASS" if case["value"] >= bound else "FAIL"),
        f"{case['value']:.4g} vs bound ≥ {bound:g}",
    )


def _interval(case, lo, hi):
    inside = lo <= case["value"] <= hi
    return ("PASS" if inside else "FAIL"), f"{case['value']:.4g} vs [{lo:g}, {hi:g}]"


COMPARATORS = {
    "within_se": (_within_se, ("z",)),
    "rel_error": (_rel_error, ("tol",)),
    "abs_error": (_abs_error, ("tol",)),
    "at_most": (_at_most, ("bound",)),
    "at_least": (_at_least, ("bound",)),
    "interval": (_interval, ("lo", "hi")),
}


def validate_comparator(comparator: dict, claim_id: str) -> None:
    """Raise ValueError naming the claim when a comparator is unknown or lacks its arguments."""
    kind = comparator.get("kind")
    if kind not in COMPARATORS:
        raise ValueError(f"claim {claim_id}: comparator kind {kind!r} is not one of {sorted(COMPARATORS)}")
    missing = [a for a in COMPARATORS[kind][1] if a not in comparator]
    if missing:
        raise ValueError(f"claim {claim_id}: comparator {kind} needs {missing}")


def decide_case(case: dict, comparator: dict) -> tuple[str, str]:
    fn, args = COMPARATORS[comparator["kind"]]
    if case.get("value") is None or not math.isfinite(case["value"]):
        return "INCONCLUSIVE", case.get("note", "no finite measurement")
    return fn(case, *(comparator[a] for a in args))


def decide(cases: list[dict], comparator: dict, smoke: bool = False) -> tuple[str, str, list[dict]]:
    """Overall verdict and reason for a claim, and the cases annotated with their own verdicts."""
    decided = []
    for case in cases:
        verdict, reason = decide_case(case, comparator)
        decided.append({**case, "verdict": verdict, "reason": reason})
    if smoke:
        return "SMOKE", "smoke config: plumbing only, not compared", decided
    if not decided:
        return "INCONCLUSIVE", "no case measured", decided
    for verdict in ("FAIL", "INCONCLUSIVE"):
        bad = [c for c in decided if c["verdict"] == verdict]
        if bad:
            return verdict, "; ".join(f"{c['label']}: {c['reason']}" for c in bad), decided
    return "PASS", "; ".join(f"{c['label']}: {c['reason']}" for c in decided), decided


def format_case(case: dict) -> str:
    """'label: value [lo, hi] (n=…)' for the ledger."""
    if case.get("value") is None:
        return f"{case['label']}: not measured ({case.get('note', 'no data')})"
    text = f"{case['label']}: {case['value']:.4g}"
    if "lo" in case:
        text += f" [{case['lo']:.4g}, {case['hi']:.4g}]"
    elif case.get("se"):
        text += f" ± {case['se']:.2g}"
    if case.get("n"):
        text += f" (n={case['n']})"
    return text


DEPTH_CHOICES = ("all", "min", "max", "top2")


def resolve_cases(claim: dict, settings: dict) -> list[dict]:
    """Concrete cases of a claim: symbolic depths resolved against the configured settings, input paths filled.

    A case's `d` may be an integer or one of: all (one case per depth of the setting), min, max, top2 (the two
    deepest, as a list). Every `{field}` of the claim's `input` template is filled from the case; a list-valued
    field gives one path per element.
    """
    resolved = []
    for case in claim.get("cases", [{}]):
        lang = case.get("lang")
        if lang is not None and lang not in settings:
            raise ValueError(f"claim {claim['id']}: setting {lang!r} is not configured; have {sorted(settings)}")
        depth = case.get("d")
        if isinstance(depth, str):
            if depth not in DEPTH_CHOICES:
                raise ValueError(f"claim {claim['id']}: d={depth!r} is not an integer or one of {DEPTH_CHOICES}")
            depths = sorted(settings[lang]["depths"])
            if depth == "top2" and len(depths) < 2:
                raise ValueError(f"claim {claim['id']}: d=top2 needs two depths in setting {lang!r}, have {depths}")
            choices = {
                "all": [[d] for d in depths],
                "min": [[depths[0]]],
                "max": [[depths[-1]]],
                "top2": [[depths[-2:]]],
            }[depth]
            expanded = [{**case, "d": c[0]} for c in choices]
        else:
            expanded = [dict(case)]
        for concrete in expanded:
            values = concrete.get("d")
            depth_list = values if isinstance(values, list) else [values]
            concrete["inputs"] = [claim["input"].format(**{**concrete, "d": d}) for d in depth_list]
            resolved.append(concrete)
    return resolved
