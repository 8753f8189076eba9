"""Reruns after a change run exactly what the change affects: a setting's parameter, a library module, a rung."""

import os
from pathlib import Path

import pytest
import yaml

from workflow_helpers import (
    ROOT,
    dynamic_modules,
    imported_modules,
    job_scripts,
    planned_files,
    planned_jobs,
    snakemake,
)


def test_changing_one_setting_reruns_only_its_jobs(smoke_run):
    """A new θ for ising_b3 (d = 3) re-runs every job of that setting, the figures and claims that read it and the
    ledger: each rule's job count is listed, so a missing or an extra job of any rule fails."""
    (smoke_run / "theta.yaml").write_text("tree: {ising: {settings: {ising_b3: {b: 3, theta: 0.8, depths: [3]}}}}\n")
    jobs = planned_jobs(snakemake(smoke_run, "-n", "--configfile", "config/smoke.yaml", "theta.yaml").stdout)
    langs = {w["lang"] for _, w in jobs if "lang" in w}
    assert langs == {"ising_b3"}
    counts = {rule: sum(r == rule for r, _ in jobs) for rule, _ in jobs}
    assert counts == {
        **{"corpus": 1, "ising_truth": 1, "exact_model": 1, "sample_exact": 1, "kgram_loss": 1, "fit_loss_slope": 1},
        **{"count_ngrams": 2, "counted_model": 2, "sample_counted": 1},  # counted k = 1, 3 (≤ counted_max_k, < n)
        **{"sequence_statistics": 3, "ks_distance": 1, "fit_variance_slope": 1},  # true, exact, counted
        **{f"{name}_figure": 1 for name in ("ising_truth", "ising_variance", "ising_kurtosis", "ising_collapse")},
        **{"kgram_loss_figure": 1, "check_claim": 10, "ledger": 1, "all": 1},
        "figure_caption": 3,  # the captions of the figures that show the re-checked claims
    }
    claims = {w["claim"] for rule, w in jobs if rule == "check_claim"}
    registry = {c["id"]: c for c in yaml.safe_load((smoke_run / "config/claims/tree.yaml").read_text())}
    captions = {w["figure"] for rule, w in jobs if rule == "figure_caption"}
    assert captions == {Path(registry[cid]["figure"]).stem for cid in claims if "figure" in registry[cid]}
    assert claims == {
        "tree.true_var_mc",  # the C1 checks run on every Ising setting
        "tree.true_kurtosis_mc",
        "tree.var_loglinear",
        "tree.var_constant",
        "tree.var_deficit",
        "tree.var_ratio_monotone",
        "tree.var_ratio_decay",
        "tree.kgram_k1_recursion",
        "tree.true_var_superlinear",
        "tree.loss_decay",
    }


@pytest.mark.parametrize(
    "module",
    [
        "workflow/lmtheory/tree/moments.py",
        "workflow/lmtheory/cot/figures/hitting_time.py",
    ],
)
def test_editing_a_module_reruns_exactly_the_jobs_that_import_it(smoke_run, module):
    """After an edit of one module, the dry run plans exactly what forcing the jobs whose scripts import it plans
    (found by modulefinder, workflow_helpers.imported_modules): those jobs and everything downstream, nothing else."""
    smoke = ("--configfile", "config/smoke.yaml")
    importers = [
        output
        for rule, inputs, outputs, wildcards in planned_files(snakemake(smoke_run, "-n", "--forceall", *smoke).stdout)
        for script in job_scripts(rule, inputs)
        if module in imported_modules(ROOT / script, dynamic_modules(rule, wildcards))
        for output in outputs
    ]
    assert importers
    forced = sorted(planned_jobs(snakemake(smoke_run, "-n", *smoke, "--forcerun", *importers).stdout), key=str)
    path = smoke_run / module
    text, stat = path.read_text(), path.stat()
    try:
        path.write_text(text + "\n# edited\n")
        edited = sorted(planned_jobs(snakemake(smoke_run, "-n", *smoke).stdout), key=str)
    finally:
        path.write_text(text)
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert edited == forced


def test_adding_a_ladder_rung_trains_only_the_new_rungs(smoke_run):
    """log2_P gains 11 below the smoke ladder's 12, 13, 14: the only rungs trained are P = 2^11 at the ladder's T,
    at its other envelope context and at its other grid learning rate; the existing rungs keep their results."""
    (smoke_run / "rung.yaml").write_text(
        "scaling: {ladder: {log2_P: [11, 12, 13, 14], T: 16, batch: 8, warmup: 2, min_steps: 10, max_steps: 10,"
        " evals: 2, eval_windows: 64, envelope_T: [8, 16], capacity_factor: 2, lr_grid: [0.002, 0.004]}}\n"
    )
    jobs = planned_jobs(snakemake(smoke_run, "-n", "--configfile", "config/smoke.yaml", "rung.yaml").stdout)
    assert sorted(w["rung"] for rule, w in jobs if rule == "scaling_rung") == ["P11", "P11_T8", "P11_lr1"]
    assert {rule for rule, _ in jobs} >= {"scaling_exponents", "scaling_fast_learning", "scaling_law_figure"}
