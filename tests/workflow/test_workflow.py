"""The Snakemake workflow: config validation, dry runs (default, paper, SLURM), a smoke run end to end, targeted
reruns after a parameter change, and identical numbers for any --cores."""

import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from lmtheory.tree.moments import ising_var_over_n
from workflow_helpers import (
    copy_workflow,
    planned_files,
    planned_jobs,
    snakemake,
)


def stage_paper_corpora(workdir: Path) -> None:
    """Stand-ins for the paper config's staged corpora (config/paper.yaml: scaling.corpora.*.path), which a dry run
    checks exist."""
    (workdir / "data/wikitext-103-raw").mkdir(parents=True)
    (workdir / "data/wikitext-103-raw/wiki.train.raw").write_text(" = A = \n text \n")
    (workdir / "data/TinyStories-train.txt").write_text("Once upon a time.\n<|endoftext|>\n")


def test_default_and_paper_configs_dry_run(tmp_path):
    workdir = copy_workflow(tmp_path)
    stage_paper_corpora(workdir)
    default = planned_jobs(snakemake(workdir, "-n").stdout)
    assert sum(rule == "sample_exact" for rule, _ in default) == 9  # 5 Ising + 4 coloring (setting, depth) pairs
    assert {rule for rule, _ in default} >= {"corpus", "count_ngrams", "fit_variance_slope", "ledger"}
    paper = planned_jobs(snakemake(workdir, "-n", "--configfile", "config/paper.yaml").stdout)
    assert sum(rule == "sample_exact" for rule, _ in paper) == 16
    trained = {(wc["lang"], wc["d"], wc["k"], wc["s"]) for rule, wc in paper if rule == "train_transformer"}
    seeds = ("1", "2", "3")  # the paper tier: Ising d = 10 up to k = n/4, coloring d = 4 up to k ≈ n/4, 3 seeds each
    assert {("ising_b2", "10", "256", s) for s in seeds} | {("coloring_q3b5", "4", "157", s) for s in seeds} <= trained
    rungs = {(wc["run"], wc["rung"]) for rule, wc in paper if rule == "scaling_rung"}
    ladder = {f"P{p}{suffix}" for p in range(15, 28) for suffix in ("", "_T64", "_T256", "_T512")}
    runs = ("tinystories", "tinystories_rope", "tinystories_llama", "wikitext")
    assert {(run, rung) for run in runs for rung in ladder | {"P27_long", "P27_wide"}} <= rungs
    paper_claims = {wc["claim"] for rule, wc in paper if rule == "check_claim" and "paper_" in wc["claim"]}
    assert len(paper_claims) == 22 and not any("paper_" in wc.get("claim", "") for _, wc in default)
    assert {"scaling.paper_capacity", "scaling.paper_architectures_loss"} <= paper_claims


def test_a_corpus_path_is_checked_before_any_job_and_its_files_are_inputs(tmp_path):
    """A missing corpus path stops the dry run with the key and the path; an existing corpus file is an input of its
    documents job (editing it reruns what depends on it)."""
    workdir = copy_workflow(tmp_path)
    corpus = (
        "scaling:\n  corpora: {{mine: {{source: text, path: {path}}}}}\n"
        "  runs: {{mine_char: {{corpus: mine, tokeniser: {{kind: char}}}}}}\n"
    )
    (workdir / "missing.yaml").write_text(corpus.format(path="no/such.txt"))
    result = snakemake(workdir, "-n", "--configfile=missing.yaml", check=False)
    message = "scaling.corpora.mine.path: no/such.txt does not exist"
    assert result.returncode and message in result.stdout + result.stderr
    (workdir / "mine.txt").write_text("In the beginning.\n")
    (workdir / "present.yaml").write_text(corpus.format(path="mine.txt"))
    jobs = planned_files(snakemake(workdir, "-n", "scaling", "--configfile=present.yaml").stdout)
    (documents,) = [inputs for rule, inputs, _, wc in jobs if rule == "scaling_documents" and wc["corpus"] == "mine"]
    assert "mine.txt" in documents


def test_slow_transformer_tier_is_its_own_target(tmp_path):
    """`transformer_slow` trains exactly the slow contexts (on top of the default ones its figure draws)."""
    workdir = copy_workflow(tmp_path)
    default = {wc["k"] for rule, wc in planned_jobs(snakemake(workdir, "-n").stdout) if rule == "train_transformer"}
    slow = planned_jobs(snakemake(workdir, "-n", "transformer_slow").stdout)
    trained = {(wc["lang"], wc["k"]) for rule, wc in slow if rule == "train_transformer"}
    assert {("ising_b2", "64"), ("coloring_q3b5", "25")} <= trained and not {"64", "25"} & default


def test_slurm_profile_resolves_resources(tmp_path):
    """A SLURM dry run at the default and the paper scale: every job has mem_mb and runtime, and the transformer
    jobs, the ladder's rungs and the n-gram leg ask for their paper's GPUs (0 by default, 1 in config/paper.yaml)."""
    workdir = copy_workflow(tmp_path)
    stage_paper_corpora(workdir)
    for config, gpus in (((), "0"), (("--configfile", "config/paper.yaml"), "1")):
        out = snakemake(workdir, "-n", "--workflow-profile", "profiles/slurm", *config).stdout
        jobs = re.findall(r"^(?:local)?rule (\w+):\n(?:(?!(?:local)?rule ).*\n)*?\s+resources: (.*)$", out, re.M)
        assert len(jobs) == len(re.findall(r"^(?:local)?rule \w+:$", out, re.M)) > 100
        for rule, resources in jobs:
            assert re.search(r"mem_mb=\d+\b.*runtime=\d+\b", resources), (rule, resources)
        assert {re.search(r"gpu=(\d+)", res)[1] for rule, res in jobs if rule == "train_transformer"} == {gpus}
        for trained in ("scaling_rung", "scaling_ngram_leg"):
            assert {re.search(r"gpu=(\d+)", res)[1] for rule, res in jobs if rule == trained} == {gpus}


ISING_B2, COLORING_Q3B5 = "tree.ising.settings.ising_b2.", "tree.coloring.settings.coloring_q3b5."


@pytest.mark.parametrize(
    "override,message",
    [
        ("tree: {ising: {settings: {ising_b2: {b: 2, theta: 1.5, depths: [8]}}}}", ISING_B2 + "theta: "),
        ("tree: {ising: {settings: {ising_b2: {b: 2, theta: 1, depths: [8, 10]}}}}", ISING_B2 + "theta: "),
        ("tree: {ising: {settings: {ising_b2: {b: 2, theta: 0, depths: [8, 10]}}}}", ISING_B2 + "theta: "),
        ("tree: {ising: {settings: {ising_b2: {b: 2, theta: -0.5, depths: [8, 10]}}}}", ISING_B2 + "theta: "),
        ("tree: {ising: {exactness: {b: 2, theta: 1, d: 3, samples: 1000}}}", "tree.ising.exactness.theta: "),
        ("tree: {ising: {settings: {ising_b2: {b: 2, theta: 0.9, depths: [-8, 10]}}}}", ISING_B2 + "depths.0: "),
        ("tree: {coloring: {settings: {coloring_q3b5: {q: 3, b: 5, depths: [-4]}}}}", COLORING_Q3B5 + "depths.0: "),
        ("tree: {coloring: {settings: {coloring_q3b5: {q: 1, b: 5, depths: [4]}}}}", COLORING_Q3B5 + "q: "),
        ("tree: {ising: {settings: {ising_b2: {b: two, theta: 0.9, depths: [8]}}}}", ISING_B2 + "b: "),
        ("tree: {ising: {true_samples: '20000'}}", "tree.ising.true_samples: "),
        ("tree: {transformer: {settings: {ising_b9: {ks: [4]}}}}", "tree.transformer.settings.ising_b9"),
        ("tree: {transformer: {reasoning: {settings: [coloring_q9]}}}", "tree.transformer.reasoning.settings"),
        ("tree: {transformer: {reasoning: {decodings: {low: 0.06}}}}", "tree.transformer.reasoning.decodings.low"),
        ("tree: {ising: {gen_sample: 10}}", "tree.ising: Additional properties are not allowed ('gen_sample'"),
        ("run_kind: fast", "run_kind"),
        ("tre: {ising: {}}", "config: unknown key 'tre'"),
        ("tree: {ising: {exactness: {b: 2, theta: 0.8, d: 4, samples: 1000}}}", "tree.ising.exactness"),
        ("tree: {transformer: {settings: {coloring_q3b5: {ks: [5], d: 9}}}}", "settings.coloring_q3b5.d"),
        ("icl: {experiments: {e_a3: {Nmax: 5}}}", "icl.experiments.e_a3.Nmax"),
        ("icl: {experiments: {e_a9: {}}}", "icl.experiments.e_a9"),
        ("icl: {experiments: {e_a1_trained: {d: 4}}}", "icl.experiments.e_a1_trained.d"),
        ("icl: {trained_lsa: {eta: -1}}", "icl.trained_lsa.eta: "),
        ("cot: {experiments: {e_b3: {seed_count: 3}}}", "cot.experiments.e_b3.seed_count"),
        (
            "scaling: {runs: {kjv_bpe: {corpus: kjv, tokeniser: {kind: bpe, vocab_size: 8192}}}}",
            "scaling.runs.kjv_bpe.entropy.count_max_n",
        ),
    ],
)
def test_bad_config_is_rejected_naming_the_key(tmp_path, override, message):
    workdir = copy_workflow(tmp_path)
    (workdir / "bad.yaml").write_text(override + "\n")
    result = snakemake(workdir, "-n", "--configfile", "bad.yaml", check=False)
    assert result.returncode != 0
    assert message in result.stdout + result.stderr
    assert not (workdir / "results").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [("oops: [\n", "config config/config.yaml:"), ("", "config config/config.yaml: the file is empty")],
)
def test_a_broken_default_config_is_named_with_its_line(tmp_path, text, message):
    """config/config.yaml broken by hand: the error names the file (and the line), where Snakemake names neither."""
    workdir = copy_workflow(tmp_path)
    config = workdir / "config/config.yaml"
    config.write_text(config.read_text() + text if text else "")
    result = snakemake(workdir, "-n", check=False)
    assert result.returncode != 0 and message in result.stdout + result.stderr
    assert not (workdir / "results").exists()


def test_smoke_run_builds_figure_and_ledger(smoke_run):
    ledger = pl.read_parquet(smoke_run / "results/ledger.parquet")
    assert {"claim", "spec", "paper", "verdict", "measured"} <= set(ledger.columns)
    assert set(ledger["verdict"]) == {"SMOKE"}
    assert set(ledger["spec"]) >= {"C1", "C2", "C3", "C4", "C5"}
    assert set(ledger["paper"]) == {"tree", "icl", "cot", "scaling"} and ledger.filter(pl.col("exploratory")).height > 0
    assert (smoke_run / "figures/icl_best_of_n.pdf").read_bytes()[:4] == b"%PDF"
    assert (smoke_run / "figures/ising_variance.pdf").read_bytes()[:4] == b"%PDF"
    assert "| claim | spec | paper |" in (smoke_run / "results/LEDGER.md").read_text()
    assert "Nothing to be done" in snakemake(smoke_run, "-n", "--configfile", "config/smoke.yaml").stdout


def test_smoke_statistics_match_the_closed_form(smoke_run):
    """True-corpus Var/n at d=6 within 4 bootstrap SE of the closed form (400 sequences)."""
    row = pl.read_parquet(smoke_run / "results/tree/statistics/ising_b2/d6/true.parquet").row(0, named=True)
    assert row["true_var_n"] == pytest.approx(ising_var_over_n(2, 0.9, 6))
    assert abs(np.log(row["var_n"] / row["true_var_n"])) < 4 * row["log_var_se"]


def test_a_transformer_tier_holds_its_per_context_samples_in_the_configs_order(smoke_run):
    """merge_transformer_samples: the tier's file is the rows of sample_transformer's per-k files, k in the config's
    order (smoke: ising_b2 ks [2, 4]), each k with its training seeds 1 and 2."""
    samples = smoke_run / "results/tree/samples/ising_b2/d5"
    merged = pl.read_parquet(samples / "transformer.parquet")
    assert_frame_equal(merged, pl.concat(pl.read_parquet(samples / f"transformer_k{k}.parquet") for k in (2, 4)))
    assert merged.select("k", "seed").unique(maintain_order=True).rows() == [(2, 1), (2, 2), (4, 1), (4, 2)]


def test_gamma_without_a_ladder(smoke_run):
    """results/scaling/<run>/gamma.json needs the counts and β only: after the smoke run it is one job, no rung, and
    its α_pred is γ/(2β) of its own γ and the run's β."""
    target = "results/scaling/kjv_char/gamma.json"
    plan = planned_jobs(snakemake(smoke_run, "-n", "--forceall", target, "--configfile=config/smoke.yaml").stdout)
    assert "scaling_rung" not in {rule for rule, _ in plan} and "scaling_count_entropy" in {rule for rule, _ in plan}
    snakemake(smoke_run, "--cores", "1", target, "--configfile=config/smoke.yaml")
    record, beta = (
        json.loads((smoke_run / f"results/scaling/kjv_char/{name}.json").read_text()) for name in ("gamma", "beta")
    )
    assert record["estimator"] == "count-heldout" and record["beta"] == beta["beta"] and beta["reportable"]
    assert record["alpha_pred"] == pytest.approx(record["gamma"] / (2 * beta["beta"]), rel=1e-12)


@pytest.mark.parametrize(
    "targets",
    [
        pytest.param([f"results/tree/statistics/ising_b3/d3/{m}.parquet" for m in ("exact", "counted")], id="kgrams"),
        pytest.param(
            [f"results/tree/statistics/ising_b2/d5/{t}.parquet" for t in ("transformer", "transformer_loss")],
            id="transformer",
        ),
    ],
)
def test_same_numbers_for_any_cores(smoke_run, tmp_path, targets):
    """Every table and weights file that a --cores 1 run of `targets` makes (corpus, counts, models, samples,
    statistics) equals, to the last bit, the one of the --cores 2 smoke run."""
    other = copy_workflow(tmp_path)
    snakemake(other, *targets, "--cores", "1", "--configfile", "config/smoke.yaml")
    made = sorted(path.relative_to(other) for path in (other / "results").rglob("*") if path.is_file())
    assert {str(path) for path in made} >= set(targets)
    for path in made:
        if path.suffix == ".parquet":
            assert_frame_equal(pl.read_parquet(other / path), pl.read_parquet(smoke_run / path), check_exact=True)
        elif path.suffix == ".pt":
            assert (other / path).read_bytes() == (smoke_run / path).read_bytes(), f"{path}: the weights differ"


def test_a_job_runs_outside_snakemake_with_the_same_result(smoke_run, tmp_path):
    """`python -m lmtheory.run_job <output>` runs the job's script in-process with the job's own snakemake object
    (for a debugger or profiler) and writes what the Snakemake run wrote."""
    target = "results/cot/tables/e_b1.parquet"
    made = pl.read_parquet(smoke_run / target)
    (smoke_run / target).rename(tmp_path / "e_b1.parquet")
    try:
        command = [sys.executable, "-m", "lmtheory.run_job", target, "--configfile", "config/smoke.yaml"]
        subprocess.run(command, cwd=smoke_run, check=True, capture_output=True)
        assert_frame_equal(pl.read_parquet(smoke_run / target), made, check_exact=True)
    finally:
        (tmp_path / "e_b1.parquet").replace(smoke_run / target)


def test_two_checkouts_on_one_venv_each_run_their_own_library(tmp_path):
    """A copy whose lmtheory differs (its version string) runs its own library, not the one `pip install -e` named:
    the Parquet provenance of a job run in the copy carries the copy's version."""
    workdir = copy_workflow(tmp_path)
    init = workdir / "workflow/lmtheory/__init__.py"
    init.write_text(init.read_text().replace('__version__ = "', '__version__ = "other-checkout+'))
    snakemake(workdir, "results/tree/truth/ising_b2.parquet", "--cores", "1")
    from lmtheory.io import read_provenance

    assert read_provenance(workdir / "results/tree/truth/ising_b2.parquet")["version"].startswith("other-checkout+")
