"""Faults: a run killed during training resumes to the uninterrupted result, a damaged intermediate is named, and
a target naming an unknown setting fails before any job runs (a claim case naming one is NOT_RUN:
tests/workflow/test_overrides.py)."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from workflow_helpers import copy_workflow, planned_jobs, snakemake

MODEL = "results/tree/models/ising_b2/d5/transformer_k2_s1"  # the smoke config's smallest trained transformer
TRAIN_LOG = "logs/tree/models/ising_b2/d5/transformer_k2_s1.log"
LONGER_TRAINING = "tree: {transformer: {settings: {ising_b2: {ks: [2], steps: 100}}}}\n"  # seconds, not a blink
TRAIN = [f"{MODEL}.pt", "--cores", "2", "--configfile", "config/smoke.yaml", "longer.yaml"]


def training_copy(path: Path) -> Path:
    workdir = copy_workflow(path)
    (workdir / "longer.yaml").write_text(LONGER_TRAINING)
    return workdir


def kill_during_training(workdir: Path) -> str:
    """Start the training run in its own process group, SIGKILL the group (snakemake and its job, as when a node
    dies) once the first step is logged, and return the job's log as it was left."""
    run = [sys.executable, "-m", "snakemake", *TRAIN]
    process = subprocess.Popen(
        run, cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    log, deadline = workdir / TRAIN_LOG, time.monotonic() + 300
    while "step 1/" not in (log.read_text() if log.exists() else ""):
        assert process.poll() is None, "snakemake ended before training started"
        assert time.monotonic() < deadline, "training did not start within 5 minutes"
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    return log.read_text()


def training_record(workdir: Path) -> tuple[bytes, dict]:
    """The weights file's bytes and the model JSON without its wall-clock seconds."""
    config = json.loads((workdir / f"{MODEL}.json").read_text())
    return (workdir / f"{MODEL}.pt").read_bytes(), {key: value for key, value in config.items() if key != "seconds"}


def test_killed_training_resumes_to_the_uninterrupted_model(tmp_path):
    """SIGKILL mid-training leaves the outputs marked incomplete; after `--unlock` (the lock of the killed run stays)
    the same command retrains rather than taking a partial file as done, and gives the uninterrupted run's model."""
    reference = training_copy(tmp_path / "uninterrupted")
    snakemake(reference, *TRAIN)

    workdir = training_copy(tmp_path / "killed")
    log = kill_during_training(workdir)
    assert "trained on" not in log, "the kill came after training ended"
    assert len(list((workdir / ".snakemake/incomplete").iterdir())) == 2  # the weights and the JSON
    assert not (workdir / f"{MODEL}.pt").exists()  # written atomically, after training
    for suffix in (".pt", ".json"):  # what a writer killed half-way through would have left
        (workdir / f"{MODEL}{suffix}").write_text("partial")

    locked = snakemake(workdir, *TRAIN, check=False)
    assert locked.returncode != 0 and "--unlock" in locked.stdout + locked.stderr
    snakemake(workdir, "--unlock")
    rerun = snakemake(workdir, *TRAIN)
    assert [rule for rule, _ in planned_jobs(rerun.stdout + rerun.stderr)] == ["train_transformer"]
    assert "trained on" in (workdir / TRAIN_LOG).read_text()
    assert not list((workdir / ".snakemake/incomplete").iterdir())
    made = {str(p.relative_to(workdir)) for p in (workdir / "results").rglob("*") if p.is_file()}
    assert made == {f"{MODEL}.pt", f"{MODEL}.json"}  # no temporary left behind
    assert training_record(workdir) == training_record(reference)


def test_truncated_intermediate_is_named(tmp_path):
    """A truncated sample file makes its consumer fail with an error naming the file, and leaves no statistics."""
    workdir = copy_workflow(tmp_path)
    target, samples = (f"results/tree/{stage}/ising_b3/d3/exact.parquet" for stage in ("statistics", "samples"))
    snakemake(workdir, target, "--cores", "2", "--configfile", "config/smoke.yaml")
    data = (workdir / samples).read_bytes()
    (workdir / samples).write_bytes(data[: len(data) // 2])
    forced = ["--forcerun", "sequence_statistics"]
    result = snakemake(workdir, target, "--cores", "2", *forced, "--configfile", "config/smoke.yaml", check=False)
    assert result.returncode != 0
    assert f"CorruptFileError: {samples}: corrupt or truncated Parquet file" in result.stdout + result.stderr
    assert not (workdir / target).exists()


def test_target_naming_an_unknown_setting_is_rejected(tmp_path):
    """Snakemake finds no rule for it (the `lang` wildcard takes only configured names) before any job runs."""
    workdir = copy_workflow(tmp_path)
    target = "results/tree/statistics/ising_b9/d3/exact.parquet"
    result = snakemake(workdir, target, "--cores", "1", check=False)
    assert result.returncode != 0
    assert f"No rule to produce {target}" in result.stdout + result.stderr
    assert not (workdir / "results").exists()
