"""Comparators and verdicts of the claims ledger.

A claim is measured on one or more cases (e.g. one per setting); each case is a dict with `label`, `value`, and
optionally `lo`/`hi` (95% CI), `se`, `n` and `expected`. A comparator decides each case; the claim PASSes when every
case passes, FAILs when any fails, and is INCONCLUSIVE otherwise. Smoke runs record SMOKE and are never compared.

Tolerance comparators (rel_error, abs_error, at_most, at_least, interval) accept a band of values. A case is decided
by its uncertainty interval (its CI, else value ± 2 SE, else the value alone): PASS when the interval lies inside the
band, FAIL when it lies outside, INCONCLUSIVE when it straddles an edge (the reason says how many times more samples
would shrink it past that edge). within_se is itself a test: |value − expected| ≤ z SE. window is for a paper's
window that already is its centre ± 2σ: the point value is compared, since asking value ± 2 SE to lie inside too would
count the error twice (the paper's own numbers would not pass).

A case may carry a `flag` (e.g. "compute-limited", carried from the claim that detects it): the quantity is biased, so
the case is INCONCLUSIVE whatever the comparator says, and the reason states what it would have said.
"""

import math


def _within_se(case, z):
    gap = abs(case["value"] - case["expected"])
    if not case.get("se"):
        return "INCONCLUSIVE", "no standard error"
    return ("PASS" if gap <= z * case["se"] else "FAIL"), f"|Δ| = {gap / case['se']:.2f} SE (allowed {z})"


def _uncertainty(case) -> tuple[float, float]:
    if "lo" in case and "hi" in case:
        return case["lo"], case["hi"]
    if case.get("se"):
        return case["value"] - 2 * case["se"], case["value"] + 2 * case["se"]
    return case["value"], case["value"]


def _band(case, lo, hi, what):
    """Decide a case against the accepted band [lo, hi] (edges may be infinite)."""
    value = case["value"]
    u_lo, u_hi = _uncertainty(case)
    shown = f"{value:.4g}" + (f" [{u_lo:.4g}, {u_hi:.4g}]" if u_hi > u_lo else "")
    reason = f"{shown} vs {what}"
    if lo <= u_lo and u_hi <= hi:
        return "PASS", reason
    if u_hi < lo or u_lo > hi:
        return "FAIL", reason
    gap = min(abs(value - edge) for edge in (lo, hi) if math.isfinite(edge))
    more = ((u_hi - u_lo) / 2 / gap) ** 2 if gap else math.inf
    return "INCONCLUSIVE", f"{reason}: the uncertainty straddles the edge; ≈{more:.1f}× more samples would decide"


def _rel_error(case, tol):
    lo, hi = sorted((case["expected"] * (1 - tol), case["expected"] * (1 + tol)))
    return _band(case, lo, hi, f"{case['expected']:.4g} ± {tol:.0%} = [{lo:.4g}, {hi:.4g}]")


def _abs_error(case, tol):
    expected = case["expected"]
    return _band(case, expected - tol, expected + tol, f"{expected:.4g} ± {tol:g}")


def _at_most(case, bound):
    return _band(case, -math.inf, bound, f"≤ {bound:g}")


def _at_least(case, bound):
    return _band(case, bound, math.inf, f"≥ {bound:g}")


def _interval(case, lo, hi):
    return _band(case, lo, hi, f"[{lo:g}, {hi:g}]")


def _window(case, lo, hi):
    value = case["value"]
    shown = f"{value:.4g}" + (f" ± {case['se']:.2g}" if case.get("se") else "")
    return ("PASS" if lo <= value <= hi else "FAIL"), f"{shown} vs the paper's window [{lo:g}, {hi:g}] (point value)"


COMPARATORS = {
    "within_se": (_within_se, ("z",)),
    "rel_error": (_rel_error, ("tol",)),
    "abs_error": (_abs_error, ("tol",)),
    "at_most": (_at_most, ("bound",)),
    "at_least": (_at_least, ("bound",)),
    "interval": (_interval, ("lo", "hi")),
    "window": (_window, ("lo", "hi")),
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
    verdict, reason = fn(case, *(comparator[a] for a in args))
    if case.get("flag"):
        return "INCONCLUSIVE", f"{case['flag']}: undecided (unflagged it would {verdict}: {reason})"
    return verdict, reason


def decide(cases: list[dict], comparator: dict, smoke: bool = False) -> tuple[str, str, list[dict]]:
    """Overall verdict and reason for a claim, and the cases annotated with their own verdicts. A case that could not
    run (`not_run`: its setting is absent or too small for it) is NOT_RUN and does not vote; a claim none of whose
    cases ran is NOT_RUN."""
    decided = []
    for case in cases:
        verdict, reason = ("NOT_RUN", case["note"]) if case.get("not_run") else decide_case(case, comparator)
        decided.append({**case, "verdict": verdict, "reason": reason})
    ran = [c for c in decided if c["verdict"] != "NOT_RUN"]
    skipped = "".join(f"; {c['label']}: not run ({c['reason']})" for c in decided if c["verdict"] == "NOT_RUN")
    if decided and not ran:
        return "NOT_RUN", skipped.removeprefix("; "), decided
    if smoke:
        return "SMOKE", "smoke config: plumbing only, not compared", decided
    if not ran:
        return "INCONCLUSIVE", "no case measured", decided
    for verdict in ("FAIL", "INCONCLUSIVE"):
        bad = [c for c in ran if c["verdict"] == verdict]
        if bad:
            return verdict, "; ".join(f"{c['label']}: {c['reason']}" for c in bad) + skipped, decided
    return "PASS", "; ".join(f"{c['label']}: {c['reason']}" for c in ran) + skipped, decided


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


DEPTH_CHOICES = ("all", "min", "max", "top2", "every", "trained")


RUN_SCALES = ("cpu", "statistics", "paper")


def _expand_runs(claim: dict, runs: dict) -> list[dict]:
    """A case's `run` (scaling paper) is a configured run name, or a scale: one case per run of that scale; its
    optional `with` lists further runs compared with it. A paper-scale claim (`scale: paper`) naming a run that is
    not configured has no case (the default config runs none of the paper's corpora)."""
    expanded = []
    for case in claim.get("cases", [{}]):
        run = case.get("run")
        missing = [name for name in [run, *case.get("with", [])] if name not in runs]
        if run in RUN_SCALES:
            expanded += [{**case, "run": name} for name, scale in runs.items() if scale == run]
        elif run is not None and missing:
            if claim.get("scale") == "paper":
                continue
            expanded.append(not_run(case, f"run {missing[0]!r} is not configured; have {sorted(runs)}"))
        else:
            expanded.append(case)
    return expanded


def not_run(case: dict, reason: str) -> dict:
    """A case that cannot run under the configured settings: no inputs, and the reason the ledger shows."""
    label = "/".join(f"{key}={value}" for key, value in case.items() if key not in ("inputs", "with"))
    return {**case, "inputs": [], "skip": reason, "label": label}


def _expand_settings(claim: dict, cases: list[dict], settings: dict) -> list[dict]:
    """A case's `lang` is a configured setting, or a kind of setting (e.g. ising): one case per configured setting
    of that kind, or one NOT_RUN case when none is configured."""
    kinds = {s.get("kind") for s in settings.values()}
    expanded = []
    for case in cases:
        lang = case.get("lang")
        if lang in settings or lang is None:
            expanded.append(case)
        elif lang in kinds:
            chosen = [name for name, s in settings.items() if s.get("kind") == lang]
            expanded += [{**case, "lang": name} for name in chosen] or [not_run(case, f"no {lang} setting configured")]
        else:
            expanded.append(not_run(case, f"setting {lang!r} is not configured; have {sorted(settings)}"))
    return expanded


def _depth_choices(case: dict, setting: dict) -> list | str:
    """The concrete depths of a symbolic `d` (a list of depth values, each an int or a list), or why there are none."""
    depth = case["d"]
    depths = sorted(setting["depths"])
    if depth == "top2" and len(depths) < 2:
        return f"d=top2 needs two depths, have {depths}"
    if depth == "trained" and setting.get("trained_depth") is None:
        return "d=trained, but the setting names no trained depth"
    return {
        "trained": [setting.get("trained_depth")],
        "all": depths,
        "min": [depths[0]],
        "max": [depths[-1]],
        "top2": [depths[-2:]],
        "every": [depths],
    }[depth]


def resolve_cases(claim: dict, settings: dict, runs: dict | None = None) -> list[dict]:
    """Concrete cases of a claim: symbolic settings, depths and runs resolved against the configured settings, input
    paths filled.

    A case's `lang` may name a setting of `settings` ({name: {depths, kind, trained_depth}}) or a kind (one case per
    setting of that kind). Its `d` may be an integer or one of: all (one case per depth of the setting), min, max,
    top2 (the two deepest, as a list), every (all depths, as a list in one case), trained (the setting's
    `trained_depth`, where its transformers train). A case's `run` may name a run of `runs` ({name: scale}) or a
    scale (cpu, statistics, paper): one case per configured run of it, none when there is none; a case's `with`
    (runs) repeats the inputs for each of them after the case's own run. Every `{field}` of the claim's `input`
    template (or list of templates) is filled from the case; a list-valued depth gives one path per depth. A case
    whose setting is absent or too small for it (top2 with one depth, ...) is kept with `skip` (its reason) and no
    inputs: the claim records it NOT_RUN instead of stopping every command.
    """
    resolved = []
    for case in _expand_settings(claim, _expand_runs(claim, runs or {}), settings):
        if "skip" in case:
            resolved.append(case)
            continue
        depth = case.get("d")
        if isinstance(depth, str):
            if depth not in DEPTH_CHOICES:
                raise ValueError(f"claim {claim['id']}: d={depth!r} is not an integer or one of {DEPTH_CHOICES}")
            choices = _depth_choices(case, settings[case["lang"]])
            if isinstance(choices, str):
                resolved.append(not_run(case, f"setting {case['lang']!r}: {choices}"))
                continue
            expanded = [{**case, "d": d} for d in choices]
        else:
            expanded = [dict(case)]
        for concrete in expanded:
            values = concrete.get("d")
            depth_list = values if isinstance(values, list) else [values]
            templates = claim["input"] if isinstance(claim["input"], list) else [claim["input"]]
            run_list = [concrete.get("run"), *concrete.get("with", [])]
            concrete["inputs"] = [
                t.format(**{**concrete, "d": d, "run": run}) for run in run_list for t in templates for d in depth_list
            ]
            resolved.append(concrete)
    return resolved
