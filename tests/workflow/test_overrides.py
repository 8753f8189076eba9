"""Overrides compose: a setting removed or shrunk leaves every other claim runnable (the cases it held are NOT_RUN,
with the reason); a new setting gets the claims declared over its kind; claims files are replaced, extended or
removed from config; the claims files are checked before any job runs."""

import copy
import json
from pathlib import Path

import yaml
from snakemake.utils import update_config

from workflow_helpers import copy_workflow, planned_files, planned_jobs, snakemake

CONFIG = Path(__file__).resolve().parents[2] / "config"

NEW_SETTING = "tree: {ising: {settings: {ising_b4: {b: 4, theta: 0.6, depths: [3]}}}}\n"  # the README's example


def claim_jobs(output: str) -> set[str]:
    return {wildcards["claim"] for rule, wildcards in planned_jobs(output) if rule == "check_claim"}


def test_removing_and_shrinking_settings_leaves_every_other_claim_runnable(tmp_path):
    workdir = copy_workflow(tmp_path)
    (workdir / "remove.yaml").write_text(
        "tree:\n  ising: {settings: {ising_b2: null, ising_b3: {b: 3, theta: 0.75, depths: [6]}}}\n"
        "  coloring: {settings: {coloring_q3b5: {q: 3, b: 5, depths: [3]}}}\n"
    )
    (workdir / "shrink.yaml").write_text(  # ising_b2 keeps one depth and, without transformers, no trained depth
        "tree:\n  ising: {settings: {ising_b2: {b: 2, theta: 0.9, depths: [8]}}}\n"
        "  transformer: {settings: {ising_b2: null}, reasoning: {settings: [coloring_q3b5]}}\n"
    )
    every_claim = claim_jobs(snakemake(workdir, "-n").stdout)
    removed = planned_files(snakemake(workdir, "-n", "--configfile", "remove.yaml").stdout)
    assert {w["claim"] for rule, _, _, w in removed if rule == "check_claim"} == every_claim
    paths = {path for _, inputs, outputs, _ in removed for path in [*inputs, *outputs]}
    assert not [path for path in paths if "ising_b2/" in path or "ising_b2." in path]  # no job of the removed one
    assert "results/tree/corpora/ising_b3/d6.parquet" in paths
    claims = ("tree.var_ratio_collapse", "tree.transformer_loss_gap")
    targets = [f"results/claims/{cid}.json" for cid in claims]
    for override, reasons in (
        ("remove.yaml", ["setting 'ising_b2' is not configured"] * 2),
        ("shrink.yaml", ["d=top2 needs two depths, have [8]", "d=trained, but the setting names no trained depth"]),
    ):
        assert claim_jobs(snakemake(workdir, "-n", "--configfile", override).stdout) == every_claim
        snakemake(workdir, *targets, "--cores", "1", "--forcerun", "check_claim", "--configfile", override)
        for target, reason in zip(targets, reasons, strict=True):
            result = json.loads((workdir / target).read_text())
            assert result["verdict"] == "NOT_RUN" and reason in result["reason"], (target, result["reason"])


def test_a_new_setting_gets_the_claims_declared_over_its_kind(smoke_run):
    """The README's example: an Ising setting added by an override gets the C1 Monte Carlo checks and the C3 k = 1
    recursion, which are declared once for every Ising setting (`lang: ising`)."""
    (smoke_run / "new_setting.yaml").write_text(NEW_SETTING)
    claims = ("tree.true_var_mc", "tree.kgram_k1_recursion")
    targets = [f"results/claims/{cid}.json" for cid in claims]
    try:
        snakemake(smoke_run, *targets, "--cores", "2", "--configfile", "config/smoke.yaml", "new_setting.yaml")
        for target in targets:
            cases = json.loads((smoke_run / target).read_text())["cases"]
            assert any(case["label"].startswith("ising_b4/d=3") and case["value"] is not None for case in cases)
    finally:  # the shared smoke run back to the smoke config's claims
        snakemake(smoke_run, *targets, "--cores", "2", "--configfile", "config/smoke.yaml")


def test_claims_files_are_replaced_extended_and_removed_from_config(tmp_path):
    workdir = copy_workflow(tmp_path)
    tree = yaml.safe_load((workdir / "config/claims/tree.yaml").read_text())
    mine = [{**tree[0], "id": "tree.mine", "cases": [{"lang": "ising_b3", "d": "all"}]}]
    (workdir / "mine.yaml").write_text(yaml.safe_dump(mine))
    (workdir / "extend.yaml").write_text("claims: {mine: mine.yaml, icl: null}\n")
    every_claim = claim_jobs(snakemake(workdir, "-n").stdout)
    extended = claim_jobs(snakemake(workdir, "-n", "--configfile", "extend.yaml").stdout)
    assert extended == {cid for cid in every_claim if not cid.startswith("icl.")} | {"tree.mine"}
    (workdir / "replace.yaml").write_text("claims: {tree: mine.yaml}\n")
    replaced = claim_jobs(snakemake(workdir, "-n", "--configfile", "replace.yaml").stdout)
    assert replaced == {cid for cid in every_claim if not cid.startswith("tree.")} | {"tree.mine"}
    for override, message in (
        ("claims: {again: config/claims/tree.yaml}\n", "claim id 'tree.true_var_mc' is already defined in"),
        ("claims: {lost: nowhere.yaml}\n", "config key claims.lost: claims file nowhere.yaml does not exist"),
    ):
        (workdir / "bad.yaml").write_text(override)
        result = snakemake(workdir, "-n", "--configfile", "bad.yaml", check=False)
        assert result.returncode != 0 and message in result.stdout + result.stderr
    assert not (workdir / "results").exists()


def test_the_tree_paper_without_transformers_plans_no_transformer_job(tmp_path):
    """config/no_transformers.yaml: no training, sampling or figure of a transformer (an empty figure crashed), every
    claim still planned (the transformer ones NOT_RUN)."""
    workdir = copy_workflow(tmp_path)
    every_claim = claim_jobs(snakemake(workdir, "-n", "tree").stdout)
    jobs = planned_jobs(snakemake(workdir, "-n", "tree", "--configfile", "config/no_transformers.yaml").stdout)
    assert not [rule for rule, _ in jobs if "transformer" in rule]
    assert {wildcards["claim"] for rule, wildcards in jobs if rule == "check_claim"} == every_claim


def test_the_paper_tier_trains_its_transformers_at_its_own_sizes():
    """config/paper.yaml over config/config.yaml (the merge of --configfile): every transformer setting of the paper
    tier trains with the steps, batch and learning rate that paper.yaml gives it or its section, none of the CPU
    default's per-setting sizes (the coloring models' 3000 steps at lr 4e-3) carried over."""
    default, paper = (yaml.safe_load((CONFIG / f"{name}.yaml").read_text()) for name in ("config", "paper"))
    merged = copy.deepcopy(default)
    update_config(merged, paper)
    section, own = merged["tree"]["transformer"], paper["tree"]["transformer"]
    for lang, setting in section["settings"].items():
        for key in ("steps", "batch", "lr"):
            expected = own["settings"][lang].get(key, section[key])
            assert setting.get(key, section[key]) == expected, f"{lang}.{key}"
