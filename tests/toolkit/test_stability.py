"""Verdict stability: pass rates over seeds, flips named, NOT_RUN seeds left out of the rate; batches of seeds merged
without counting a (claim, seed) twice."""

import json

import polars as pl
import pytest

from lmtheory.stability import checkout_path, main, pass_rates, read_verdicts
from lmtheory.stability_record import batch_of, combined, merge, stability_markdown
from lmtheory.targets import snakemake_target


def run_of(seeds, commit="abc", configfiles=()):
    return {"seeds": seeds, "papers": ["a"], "configfiles": list(configfiles), "commit": commit}


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
    text = stability_markdown([batch_of(pass_rates(pl.DataFrame(rows)), run_of([1, 2, 3, 4, 5]))])
    assert "2 measurements rerun at 4–5 seeds each; 1 flip across seeds: `a.flaky`" in text and "a.exact" not in text
    assert text.index("a.flaky") < text.index("a.steady")  # the flipping claims first


def test_a_claim_the_overrides_leave_unconfigured_is_not_in_the_batch():
    """Seeds run with an override file that drops a claim's inputs: the claim is NOT_RUN at every seed, not recorded
    as rerun, and the file is named."""
    rows = [
        {"claim": claim, "paper": "a", "kind": "measurement", "seed": s, "verdict": verdict}
        for claim, verdict in (("a.ran", "PASS"), ("a.dropped", "NOT_RUN"))
        for s in range(3)
    ]
    batch = batch_of(pass_rates(pl.DataFrame(rows)), run_of([1, 2, 3], configfiles=["config/no_transformers.yaml"]))
    assert [c["claim"] for c in batch["claims"]] == ["a.ran"]
    text = stability_markdown([batch])
    assert "1 measurements rerun at 3 seeds each; 0 flip across seeds." in text
    assert "- seeds [1, 2, 3] of a with `config/no_transformers.yaml` at `abc`: 1 measurements" in text


def counts(claim, passed, failed, inconclusive=0):
    return {"claim": claim, "paper": "a", "PASS": passed, "FAIL": failed, "INCONCLUSIVE": inconclusive}


def test_new_seeds_add_to_the_recorded_ones_and_a_rerun_of_all_their_seeds_replaces_them():
    first = {**run_of([1, 2, 3]), "targets": ["a"], "claims": [counts("a.x", 3, 0), counts("a.y", 2, 1)]}
    more = {**run_of([4, 5], "def"), "targets": ["a"], "claims": [counts("a.x", 1, 1)]}
    rates = {r["claim"]: r for r in combined(merge([first], more)).iter_rows(named=True)}
    assert (rates["a.x"]["seeds"], rates["a.x"]["PASS"], rates["a.x"]["flips"]) == (5, 4, True)
    assert rates["a.x"]["pass_rate"] == pytest.approx(4 / 5) and rates["a.y"]["seeds"] == 3
    rerun = {**run_of([1, 2, 3, 4, 5], "ghi"), "targets": ["a"], "claims": [counts("a.x", 5, 0)]}
    batches = merge(merge([first], more), rerun)
    assert [b["commit"] for b in batches] == ["abc", "ghi"]  # a.x left both; `more` held nothing else
    assert [c["claim"] for c in batches[0]["claims"]] == ["a.y"]
    rates = {r["claim"]: r for r in combined(batches).iter_rows(named=True)}
    assert (rates["a.x"]["seeds"], rates["a.x"]["flips"]) == (5, False)
    assert merge(batches, rerun) == batches  # a batch recorded already adds nothing


def test_a_rerun_of_some_of_a_batchs_seeds_is_refused():
    """Batches hold counts: rerunning a.x at seed 3 of a batch of seeds 1-3 cannot replace seed 3 alone."""
    first = {**run_of([1, 2, 3]), "targets": ["a"], "claims": [counts("a.x", 3, 0)]}
    partial = {**run_of([3, 4], "def"), "targets": ["a"], "claims": [counts("a.x", 2, 0)]}
    with pytest.raises(ValueError, match=r"at seeds \[1, 2, 3\] \(`abc`\) at only some of them"):
        merge([first], partial)
    other = {**run_of([3], "def"), "targets": ["b"], "claims": [{**counts("b.z", 1, 0), "paper": "b"}]}
    assert merge([first], other) == [first, other]  # the same seed, other claims: no overlap


def test_override_files_are_named_relative_to_the_checkout(tmp_path):
    inside = tmp_path / "config" / "x.yaml"
    assert checkout_path(str(inside), tmp_path) == "config/x.yaml"
    assert checkout_path("/elsewhere/y.yaml", tmp_path) == "/elsewhere/y.yaml"


def test_a_seed_folder_reused_by_other_targets_gives_only_their_claims(tmp_path):
    """A folder that ran every paper before holds all their claims: a `transformers` run reads only its own."""
    for claim, paper in (("tree.transformer_variance", "tree"), ("tree.var_loglinear", "tree"), ("icl.x", "icl")):
        record = {"id": claim, "paper": paper, "kind": "measurement", "verdict": "PASS"}
        (tmp_path / f"{claim}.json").write_text(json.dumps(record))
    assert [r["claim"] for r in read_verdicts(tmp_path, 1, ["transformers"])] == ["tree.transformer_variance"]
    assert [r["claim"] for r in read_verdicts(tmp_path, 1, ["tree.var_loglinear"])] == ["tree.var_loglinear"]
    assert [r["claim"] for r in read_verdicts(tmp_path, 1, ["icl", "tree"])] == [
        "icl.x",
        "tree.transformer_variance",
        "tree.var_loglinear",
    ]


def test_a_seed_named_twice_is_refused_before_any_run():
    with pytest.raises(SystemExit):
        main(["--seeds", "4", "4", "--papers", "icl"])


def test_a_claim_id_target_builds_its_claim_file_and_a_paper_is_built_by_name():
    assert snakemake_target("scaling.bpe8192_ngram_agreement") == "results/claims/scaling.bpe8192_ngram_agreement.json"
    assert [snakemake_target(t) for t in ("tree", "transformers")] == ["tree", "transformers"]
