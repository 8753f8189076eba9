"""The stability target: its seeds and targets come from config key `stability` (papers, the tree paper's
transformers alone, or claim ids), and a target that is none of them is named in one line before any job runs."""

from workflow_helpers import copy_workflow, snakemake


def test_the_stability_target_runs_the_configured_targets_and_names_an_unknown_one(tmp_path):
    workdir = copy_workflow(tmp_path)
    (workdir / "tf.yaml").write_text("stability: {papers: [transformers], seeds: [4, 5]}\n")
    planned = snakemake(workdir, "-n", "-p", "stability", "--configfile", "tf.yaml").stdout
    assert "python -m lmtheory.stability --seeds 4 5 --papers transformers" in planned
    (workdir / "one.yaml").write_text("stability: {papers: [scaling.bpe8192_ngram_agreement], seeds: [1, 2]}\n")
    planned = snakemake(workdir, "-n", "-p", "stability", "--configfile", "one.yaml").stdout
    assert "--seeds 1 2 --papers scaling.bpe8192_ngram_agreement" in planned
    (workdir / "bad.yaml").write_text("stability: {papers: [tree, transformer, tree.no_such_claim]}\n")
    failed = snakemake(workdir, "-n", "stability", "--configfile", "bad.yaml", check=False)
    assert failed.returncode != 0
    assert "config key stability.papers: ['transformer', 'tree.no_such_claim'] are not targets" in (
        failed.stdout + failed.stderr
    )
