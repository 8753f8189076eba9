"""Comparators, case resolution and the claims registry."""

from pathlib import Path

import pytest
import yaml

from lmtheory.claims import decide, resolve_cases, validate_comparator
from lmtheory.measures import measures_of

ROOT = Path(__file__).resolve().parents[2]


def test_within_se():
    case = {"label": "a", "value": 10.0, "se": 1.0, "expected": 12.5}
    assert decide([case], {"kind": "within_se", "z": 3})[0] == "PASS"
    assert decide([{**case, "expected": 13.5}], {"kind": "within_se", "z": 3})[0] == "FAIL"


def test_rel_error_pass_fail_inconclusive():
    comp = {"kind": "rel_error", "tol": 0.1}
    assert decide([{"label": "a", "value": 0.67, "lo": 0.65, "hi": 0.69, "expected": 0.7}], comp)[0] == "PASS"
    assert decide([{"label": "a", "value": 0.5, "lo": 0.45, "hi": 0.55, "expected": 0.7}], comp)[0] == "FAIL"
    wide = {"label": "a", "value": 0.7, "lo": 0.3, "hi": 1.1, "expected": 0.7}
    assert decide([wide], comp)[0] == "INCONCLUSIVE"


def test_any_fail_fails_and_missing_value_is_inconclusive():
    comp = {"kind": "at_most", "bound": 1}
    good, bad = {"label": "a", "value": 0.5}, {"label": "b", "value": 2.0}
    assert decide([good, bad], comp)[0] == "FAIL"
    verdict, reason, _ = decide([good, {"label": "c", "value": None, "note": "too few points"}], comp)
    assert verdict == "INCONCLUSIVE" and "too few points" in reason
    assert decide([good, bad], comp, smoke=True)[0] == "SMOKE"


def test_bound_within_two_se_is_inconclusive():
    comp = {"kind": "at_most", "bound": 0.1}
    assert decide([{"label": "a", "value": 0.116, "se": 0.055}], comp)[0] == "INCONCLUSIVE"
    assert decide([{"label": "a", "value": 0.116, "se": 0.005}], comp)[0] == "FAIL"
    assert decide([{"label": "a", "value": 0.02, "se": 0.03}], comp)[0] == "PASS"


def test_ci_across_one_edge_is_inconclusive():
    comp = {"kind": "rel_error", "tol": 0.1}
    counted_like = {"label": "a", "value": 0.661, "lo": 0.604, "hi": 0.721, "expected": 0.696}
    verdict, reason, _ = decide([counted_like], comp)
    assert verdict == "INCONCLUSIVE" and "more samples" in reason


def test_a_paper_window_is_compared_on_the_point_value():
    """A window that already is the paper's centre ± 2σ: the paper's own α_pred 0.185 ± 0.0127 lies inside [0.160,
    0.210] and PASSes (asking ± 2 SE inside too would make it INCONCLUSIVE); a value outside FAILs."""
    window = {"kind": "window", "lo": 0.16, "hi": 0.21}
    assert decide([{"label": "a", "value": 0.185, "se": 0.0127}], window)[0] == "PASS"
    assert decide([{"label": "a", "value": 0.185, "se": 0.0127}], {**window, "kind": "interval"})[0] == "INCONCLUSIVE"
    assert decide([{"label": "a", "value": 0.22, "se": 0.001}], window)[0] == "FAIL"


def test_a_flagged_case_is_inconclusive_and_says_what_it_would_have_been():
    at_most = {"kind": "at_most", "bound": 1}
    for value, would in ((0.5, "PASS"), (3.0, "FAIL")):
        verdict, reason, _ = decide([{"label": "a", "value": value, "flag": "compute-limited"}], at_most)
        assert verdict == "INCONCLUSIVE" and f"would {would}" in reason and "compute-limited" in reason


def test_unknown_comparator_is_named():
    with pytest.raises(ValueError, match="tree.x: comparator kind 'near'"):
        validate_comparator({"kind": "near"}, "tree.x")
    with pytest.raises(ValueError, match=r"needs \['tol'\]"):
        validate_comparator({"kind": "rel_error"}, "tree.x")


def test_symbolic_depths_resolve_against_settings():
    settings = {"s": {"b": 2, "theta": 0.9, "depths": [12, 8, 10]}}
    claim = {"id": "tree.x", "input": "r/{lang}/d{d}/{model}.p", "cases": [{"lang": "s", "d": "all", "model": "m"}]}
    assert [c["d"] for c in resolve_cases(claim, settings)] == [8, 10, 12]
    top2 = resolve_cases({**claim, "cases": [{"lang": "s", "d": "top2", "model": "m"}]}, settings)
    assert top2[0]["inputs"] == ["r/s/d10/m.p", "r/s/d12/m.p"]
    trained = {**claim, "cases": [{"lang": "s", "d": "trained", "model": "m"}]}
    assert resolve_cases(trained, {"s": {**settings["s"], "trained_depth": 10}})[0]["inputs"] == ["r/s/d10/m.p"]


def test_cases_the_settings_cannot_hold_are_not_run():
    """An absent setting, top2 on one depth, a missing trained depth or run: the case is kept without inputs and
    with its reason, and decides NOT_RUN; the other cases of the claim still vote."""
    settings = {"s": {"depths": [8], "kind": "ising"}}
    claim = {"id": "tree.x", "input": "r/{lang}/d{d}.p"}
    for case, reason in (
        ({"lang": "nope", "d": 8}, "setting 'nope' is not configured"),
        ({"lang": "s", "d": "top2"}, "d=top2 needs two depths, have [8]"),
        ({"lang": "s", "d": "trained"}, "names no trained depth"),
        ({"lang": "coloring", "d": "all"}, "setting 'coloring' is not configured"),
        ({"run": "kjv"}, "run 'kjv' is not configured"),
    ):
        (resolved,) = resolve_cases({**claim, "cases": [case]}, settings, {})
        assert resolved["inputs"] == [] and reason in resolved["skip"], case
    skipped = {"label": "x", "value": None, "note": "setting 'nope' is not configured", "not_run": True}
    measured = {"label": "y", "value": 0.5, "se": 0.1}
    assert decide([skipped], {"kind": "at_most", "bound": 1})[0] == "NOT_RUN"
    verdict, reason, _ = decide([skipped, measured], {"kind": "at_most", "bound": 1})
    assert verdict == "PASS" and "x: not run (setting 'nope' is not configured)" in reason
    assert decide([skipped, measured], {"kind": "at_least", "bound": 1})[0] == "FAIL"


def test_a_kind_of_setting_expands_over_every_configured_setting_of_it():
    settings = {"a": {"depths": [4, 6], "kind": "ising"}, "b": {"depths": [5], "kind": "ising"}}
    settings["c"] = {"depths": [3], "kind": "coloring"}
    claim = {"id": "tree.x", "input": "r/{lang}/d{d}.p", "cases": [{"lang": "ising", "d": "all"}]}
    assert [c["inputs"] for c in resolve_cases(claim, settings)] == [["r/a/d4.p"], ["r/a/d6.p"], ["r/b/d5.p"]]


def test_registry_is_consistent():
    """Every claim names a known measure and a valid comparator; ids are unique; every spec claim C1–C5 appears."""
    claims = [c for path in sorted((ROOT / "config/claims").glob("*.yaml")) for c in yaml.safe_load(path.read_text())]
    ids = [c["id"] for c in claims]
    assert len(ids) == len(set(ids))
    for claim in claims:
        assert claim["measure"] in measures_of(claim["paper"]), claim["id"]
        validate_comparator(claim["comparator"], claim["id"])
    assert {c["spec"] for c in claims if c["paper"] == "tree"} >= {"C1", "C2", "C3", "C4", "C5"}
