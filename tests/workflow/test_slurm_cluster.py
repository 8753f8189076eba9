"""A real single-node SLURM cluster (tools/slurm): a smoke claim submitted through `--workflow-profile profiles/slurm`
gives the same outputs as a local run.

Skipped, with the reason, where SLURM is not installed or the test cluster cannot be started here (no root, another
cluster's config); with LMTHEORY_REQUIRE_SLURM=1 (set by .ci/run) each of those is a failure instead.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from workflow_helpers import ROOT, copy_workflow, snakemake

STATE = Path("/tmp/lmtheory-slurm")  # the cluster's state and daemon logs (a fixed path, so a running one is reused)
TARGET = "results/claims/tree.var_loglinear.json"  # 2 × (exact_model → sample_exact → sequence_statistics → fit)
SUBMITTED = {"sample_exact": 2, "sequence_statistics": 2}  # jobs that go to SLURM (the others are local rules)
SMOKE = ("--configfile", "config/smoke.yaml")


def unavailable(reason: str):
    """Skip with the reason SLURM cannot be used here; fail instead where LMTHEORY_REQUIRE_SLURM=1."""
    if os.environ.get("LMTHEORY_REQUIRE_SLURM") == "1":
        pytest.fail(f"LMTHEORY_REQUIRE_SLURM=1, but {reason}")
    pytest.skip(reason)


def as_root(*command: str) -> list[str]:
    return list(command) if os.geteuid() == 0 else ["sudo", "-n", *command]


@pytest.fixture(scope="module")
def slurm_cluster():
    """The test cluster of tools/slurm, started here (and stopped afterwards) unless it is already running."""
    missing = [tool for tool in ("munged", "slurmctld", "slurmd", "sbatch", "squeue") if not shutil.which(tool)]
    if missing:
        unavailable(f"SLURM is not installed ({', '.join(missing)} not found; apt-get install slurm-wlm munge)")
    if os.geteuid() != 0 and not (shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"]).returncode == 0):
        unavailable("starting the test cluster needs root or password-less sudo")
    start = subprocess.run(
        as_root(str(ROOT / "tools/slurm/start_cluster.sh"), str(STATE)), capture_output=True, text=True
    )
    if start.returncode == 3:
        unavailable(f"the test cluster cannot start here: {start.stderr.strip()}")
    assert start.returncode == 0, f"tools/slurm/start_cluster.sh failed:\n{start.stdout}\n{start.stderr}"
    yield
    if start.stdout.strip().endswith("cluster: started"):
        subprocess.run(as_root(str(ROOT / "tools/slurm/stop_cluster.sh"), str(STATE)), check=True)


def slurm_job_states(workdir: Path) -> dict[str, list[str]]:
    """Per rule: the SLURM states of its jobs, found from the job logs the executor keeps (one per SLURM job id)."""
    states = {}
    for rule_dir in sorted((workdir / ".snakemake/slurm_logs").glob("rule_*")):
        ids = [log.stem for log in rule_dir.rglob("*.log")]
        squeue = subprocess.run(
            ["squeue", "-h", "-t", "all", "-o", "%T", "-j", ",".join(ids)], capture_output=True, text=True, check=True
        )
        states[rule_dir.name.removeprefix("rule_")] = squeue.stdout.split()
    return states


def assert_same_results(actual: Path, expected: Path):
    """The same result files, with equal frames (Parquet) and equal values (JSON)."""
    files = sorted(p.relative_to(expected) for p in (expected / "results").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(actual) for p in (actual / "results").rglob("*") if p.is_file())
    for name in files:
        if name.suffix == ".parquet":
            assert_frame_equal(pl.read_parquet(actual / name), pl.read_parquet(expected / name))
        else:
            assert json.loads((actual / name).read_text()) == json.loads((expected / name).read_text()), name


def test_slurm_run_matches_local_run(slurm_cluster, tmp_path):
    on_slurm, local = copy_workflow(tmp_path / "slurm"), copy_workflow(tmp_path / "local")
    log = tmp_path / "local.log"
    with open(log, "w") as out:  # the local run goes on while the SLURM run waits for its jobs
        local_run = subprocess.Popen(
            [sys.executable, "-m", "snakemake", TARGET, "--cores", "2", *SMOKE],
            cwd=local,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        profile = str(ROOT / "tests/workflow/slurm_profile")
        snakemake(on_slurm, TARGET, "--workflow-profile", "profiles/slurm", "--profile", profile, *SMOKE)
        assert local_run.wait() == 0, f"local run failed:\n{log.read_text()[-3000:]}"
    states = slurm_job_states(on_slurm)
    assert {rule: len(s) for rule, s in states.items()} == SUBMITTED, f"jobs sbatch ran, by rule: {states}"
    assert all(state == "COMPLETED" for s in states.values() for state in s), states
    assert_same_results(on_slurm, local)
