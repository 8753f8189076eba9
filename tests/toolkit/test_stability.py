"""Verdict stability: pass rates over seeds, flips named, NOT_RUN seeds left out of the rate."""

import polars as pl
import pytest

from lmtheory.stability import checkout_path, pass_rates, stability_markdown


def test_pass_rates_count_verdicts_and_name_the_claims_that_flip():
    rows = [
        *({"claim": "a.steady", "paper": "a", "kind": "measurement", "seed": s, "verdict": "PASS"} for s in range(5)),
        *(
            {"claim": "a.flaky", "paper": "a", "kind": "measurement", "seed": s, "verdict": v}
            for s, v in enumerate(["PASS", "FAIL", "PASS", "INCONCLUSIVE", "NOT_RUN"])
        ),
        *({"claim": "a.exact", "paper": "a", "kind": "exact", "seed": s, "verdict": "PASS"} for s in range(5)),
    ]
    rates = {r["claim"]: r for r in pass_rates(pl.DataFrame(rows)).iter_rows(named=True)}
    assert rates["a.steady"]["pass_rate"] == 1 and not rates["a.steady"]["flips"]
    assert rates["a.flaky"]["pass_rate"] == pytest.approx(2 / 4) and rates["a.flaky"]["flips"]
    assert (rates["a.flaky"]["FAIL"], rates["a.flaky"]["NOT_RUN"]) == (1, 1)
    text = stability_markdown(pass_rates(pl.DataFrame(rows)), [1, 2, 3, 4, 5])
    assert "2 measurements rerun; 1 flip across seeds: `a.flaky`" in text and "a.exact" not in text
    assert text.index("a.flaky") < text.index("a.steady")  # the flipping claims first


def test_a_claim_the_overrides_leave_unconfigured_is_counted_apart():
    """Seeds run with an override file that drops a claim's inputs: the claim is NOT_RUN at every seed, not counted
    as rerun, and the file is named."""
    rows = [
        {"claim": claim, "paper": "a", "kind": "measurement", "seed": s, "verdict": verdict}
        for claim, verdict in (("a.ran", "PASS"), ("a.dropped", "NOT_RUN"))
        for s in range(3)
    ]
    text = stability_markdown(pass_rates(pl.DataFrame(rows)), [1, 2, 3], ["config/no_transformers.yaml"])
    assert "1 measurements rerun; 0 flip across seeds. 1 not run at any seed (rate —)." in text
    assert "Override files: `config/no_transformers.yaml`." in text


def test_override_files_are_named_relative_to_the_checkout(tmp_path):
    inside = tmp_path / "config" / "x.yaml"
    assert checkout_path(str(inside), tmp_path) == "config/x.yaml"
    assert checkout_path("/elsewhere/y.yaml", tmp_path) == "/elsewhere/y.yaml"
