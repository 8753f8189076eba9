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
    with pytest.raises(ValueError, match="setting 'nope' is not configured"):
        resolve_cases({**claim, "cases": [{"lang": "nope", "d": 8}]}, settings)
    trained = {**claim, "cases": [{"lang": "s", "d": "trained", "model": "m"}]}
    assert resolve_cases(trained, {"s": {**settings["s"], "trained_depth": 10}})[0]["inputs"] == ["r/s/d10/m.p"]
    with pytest.raises(ValueError, match="names no trained depth"):
        resolve_cases(trained, settings)


def test_registry_is_consistent():
    """Every claim names a known measure and a valid comparator; ids are unique; every spec claim C1–C5 appears."""
    claims = [c for path in sorted((ROOT / "config/claims").glob("*.yaml")) for c in yaml.safe_load(path.read_text())]
    ids = [c["id"] for c in claims]
    assert len(ids) == len(set(ids))
    for claim in claims:
        assert claim["measure"] in measures_of(claim["paper"]), claim["id"]
        validate_comparator(claim["comparator"], claim["id"])
    assert {c["spec"] for c in claims if c["paper"] == "tree"} >= {"C1", "C2", "C3", "C4", "C5"}
