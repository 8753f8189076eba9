"""Scaling claim measures on hand-written stage outputs: the value, the note and the undecided cases."""

import json

import polars as pl
import pytest

from lmtheory.scaling.measures import (
    scaling_architectures_gamma_gap,
    scaling_architectures_loss_gap,
    scaling_collapse_gamma,
    scaling_fast_positions,
    scaling_fast_positions_decided,
    scaling_ngram_agreement,
    scaling_ngram_leg_agreement,
    scaling_wide_gain,
)

CASE = {"run": "tinystories"}


def write(tmp_path, name, payload):
    path = tmp_path / name
    path.write_text(json.dumps(payload))
    return [str(path)]


def test_wide_gain_is_the_top_rungs_loss_drop_or_undecided_without_a_wide_rung(tmp_path):
    ladder = {"wide_gain": 0.004, "wide_parameters": 250_000_000}
    case = scaling_wide_gain(CASE, write(tmp_path, "e.json", {"ladder": ladder}), None)
    assert case["value"] == 0.004 and "250,000,000 parameters" in case["label"]
    undecided = scaling_wide_gain(CASE, write(tmp_path, "f.json", {"ladder": {}}), None)
    assert undecided["value"] is None and "capacity_factor" in undecided["note"]


def test_fast_positions_count_unfitted_positions_as_not_fast_and_the_variant_as_unknown(tmp_path):
    """C9 as the spec reads it counts a position without a fit as not fast (9 fast + 2 unfitted → 9: FAIL at ≥ 10);
    our variant leaves that count undecided, since the 2 unknown positions could still reach 10."""
    rows = [{"n": n, "fast": n != 3} for n in range(1, 13)]
    fast = {"alpha_pred": 0.18, "n_fitted": 12, "n_fast": 11, "rows": rows}
    for measure in (scaling_fast_positions, scaling_fast_positions_decided):
        case = measure(CASE, write(tmp_path, "a.json", fast), None)
        assert case["value"] == 11 and "n = [3]" in case["label"]
    unknown = [{"n": n, "fast": None if n > 10 else n != 3} for n in range(1, 13)]  # 9 fast, 2 without a fit
    undecided = write(tmp_path, "b.json", {**fast, "n_fitted": 10, "n_fast": 9, "rows": unknown})
    spec = scaling_fast_positions(CASE, undecided, None)
    assert spec["value"] == 9 and "no fit at n = [11, 12]" in spec["label"]
    assert scaling_fast_positions_decided(CASE, undecided, None)["value"] is None
    too_slow = [{"n": n, "fast": None if n > 11 else n > 3} for n in range(1, 13)]  # 8 fast, 1 without a fit
    failed = write(tmp_path, "c.json", {**fast, "n_fitted": 11, "n_fast": 8, "rows": too_slow})
    assert scaling_fast_positions_decided(CASE, failed, None)["value"] == 8
    no_prediction = write(tmp_path, "d.json", {**fast, "alpha_pred": None, "n_fitted": 0, "n_fast": 0})
    assert scaling_fast_positions(CASE, no_prediction, None)["value"] is None


def test_architecture_gaps_compare_every_run_of_the_case(tmp_path):
    """L_n spread: the widest max − min over the runs at n ≤ 16; γ: the largest distance from the case's run."""
    curves = {"a": [3.0, 2.5] + [2.0] * 18, "b": [3.01, 2.52] + [2.0] * 18, "c": [3.0, 2.46] + [2.0] * 15 + [1.0] * 3}
    gammas = {"a": 0.33, "b": 0.35, "c": 0.32}
    paths = [
        write(tmp_path, f"{run}.json", {"ladder": {"L_n_top": curves[run]}, "gamma": {"gamma": gammas[run]}})[0]
        for run in "abc"
    ]
    case = {"run": "a", "with": ["b", "c"]}
    loss = scaling_architectures_loss_gap(case, paths, None)
    assert loss["value"] == pytest.approx(0.06) and "n = 2" in loss["label"]  # n = 18..20 (1.0) lie beyond n = 16
    assert scaling_architectures_gamma_gap(case, paths, None)["value"] == pytest.approx(0.02)


def test_collapse_gamma_is_undecided_when_gamma_is_the_collapses_own(tmp_path):
    collapse = {"gamma_c": 0.19, "gamma_hat": 0.19, "reason": "", "on_edge": False}
    circular = {"collapse": collapse, "gamma": {"estimator": "collapse"}}
    assert scaling_collapse_gamma(CASE, write(tmp_path, "a.json", circular), None)["value"] is None
    counted = {"collapse": {**collapse, "gamma_hat": 0.3}, "gamma": {"estimator": "count-heldout"}}
    assert scaling_collapse_gamma(CASE, write(tmp_path, "b.json", counted), None)["value"] == pytest.approx(0.11)
    edge = {**counted, "collapse": {**counted["collapse"], "on_edge": True, "beta_c": 3.5}}
    undecided = scaling_collapse_gamma(CASE, write(tmp_path, "c.json", edge), None)
    assert undecided["value"] is None and "edge" in undecided["note"]


def test_ngram_agreement_is_the_largest_gap_at_contexts_one_to_three(tmp_path):
    exponents = write(tmp_path, "e.json", {"ladder": {"L_n_top": [3.0, 2.5, 2.2, 2.0, 1.9]}})[0]
    counts = tmp_path / "c.parquet"
    pl.DataFrame({"n": [0, 1, 2, 3, 4], "heldout": [4.0, 3.02, 2.44, 2.21, 1.5]}).write_parquet(counts)
    case = scaling_ngram_agreement(CASE, [exponents, str(counts)], None)
    assert case["value"] == pytest.approx(0.06) and "n=2: 0.060" in case["label"]  # n = 4 lies beyond n ≤ 3
    short = tmp_path / "s.parquet"
    pl.DataFrame({"n": [0, 1, 2], "heldout": [4.0, 3.0, 2.5]}).write_parquet(short)
    assert scaling_ngram_agreement(CASE, [exponents, str(short)], None)["value"] is None


def test_the_ngram_leg_is_flagged_compute_limited_when_more_steps_still_lower_a_short_context_loss(tmp_path):
    counts = tmp_path / "c.parquet"
    pl.DataFrame({"n": [0, 1, 2, 3], "heldout": [4.0, 3.02, 2.44, 2.21]}).write_parquet(counts)
    base = write(tmp_path, "b.json", {"L_n": [3.0, 2.5, 2.2, 2.0], "steps": 600})[0]
    converged = write(tmp_path, "l.json", {"L_n": [3.0, 2.495, 2.2, 1.5], "steps": 1200})[0]  # n = 4 lies beyond n ≤ 3
    case = scaling_ngram_leg_agreement(CASE, [base, converged, str(counts)], None)
    assert case["value"] == pytest.approx(0.06) and case["flag"] is None
    learning = write(tmp_path, "m.json", {"L_n": [3.0, 2.5, 2.18, 2.0], "steps": 1200})[0]
    flagged = scaling_ngram_leg_agreement(CASE, [base, learning, str(counts)], None)
    assert "compute-limited (1200 instead of 600 steps" in flagged["flag"] and "0.020" in flagged["flag"]
