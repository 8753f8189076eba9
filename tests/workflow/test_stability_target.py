"""The stability target: its seeds and targets come from config key `stability` (papers, or the tree paper's
transformers alone), and a target that is neither is named in one line before any job runs."""

from workflow_helpers import copy_workflow, snakemake


def test_the_stability_target_runs_the_configured_targets_and_names_an_unknown_one(tmp_path):
    workdir = copy_workflow(tmp_path)
    (workdir / "tf.yaml").write_text("stability: {papers: [transformers], seeds: [4, 5]}\n")
    planned = snakemake(workdir, "-n", "-p", "stability", "--configfile", "tf.yaml").stdout
    assert "python -m lmtheory.stability --seeds 4 5 --papers transformers" in planned
    (workdir / "bad.yaml").write_text("stability: {papers: [tree, transformer]}\n")
    failed = snakemake(workdir, "-n", "stability", "--configfile", "bad.yaml", check=False)
    assert failed.returncode != 0
    assert "config key stability.papers: ['transformer'] are not targets" in failed.stdout + failed.stderr
