"""Run the script of one job outside Snakemake's executor, in this Python process, for debugging.

    python -m lmtheory.run_job results/tree/samples/ising_b3/d8/exact.parquet [--configfile my.yaml] [--pdb]

Snakemake parses the workflow and finds the job that makes the given file; the job's `snakemake` object (input,
output, params, wildcards, threads, log) is built as Snakemake builds it, and its script runs with that object in
its globals (PyPSA-Eur's `mock_snakemake` pattern), so a breakpoint, `--pdb` or a profiler sees the real job. Its
inputs must exist (build them first with `snakemake <file> --until <input>` or a normal run); nothing is recorded
in Snakemake's metadata. Run it from the repository root.
"""

import argparse
import os
import pdb
import runpy
import sys
import traceback
from pathlib import Path


def workflow_api(api, configfiles=()):
    """Snakemake's API object for ./Snakefile under the given config overrides, one core."""
    from snakemake.settings.types import ConfigSettings, ResourceSettings, StorageSettings

    return api.workflow(
        resource_settings=ResourceSettings(cores=1),
        config_settings=ConfigSettings(configfiles=[Path(f) for f in configfiles]),
        storage_settings=StorageSettings(),
        snakefile=Path("Snakefile"),
    )


def script_path(rule) -> Path:
    """The file of a rule's `script:`, resolved against the rule file's folder."""
    return Path(os.path.normpath(Path(rule.basedir.get_path_or_uri(secret_free=True)) / rule.script))


def find_job(api, target: str, configfiles: list[str]):
    """The Snakemake job (and its rule's script path) whose output is `target`, under the given config overrides."""
    from snakemake.settings.types import DAGSettings

    parsed = workflow_api(api, configfiles)
    parsed.dag(dag_settings=DAGSettings(targets={target}, forcetargets=True))
    workflow = parsed._workflow  # the parsed workflow; Snakemake's API exposes no single job
    workflow._prepare_dag(forceall=False, ignore_incomplete=True, lock_warn_only=True)
    workflow._build_dag()
    for job in workflow.dag.jobs:
        if target in job.output:
            return job, script_path(job.rule)
    raise SystemExit(f"run_job: no job makes {target}")


def job_object(job):
    """The `snakemake` object a script sees, as Snakemake's script runner builds it."""
    from snakemake.iocontainers import Snakemake

    for path in [*job.output, *job.log]:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    return Snakemake(
        job.input,
        job.output,
        job.params,
        job.wildcards,
        job.threads,
        job.resources,
        job.log,
        job.dag.workflow.config,
        job.rule.name,
        None,
    )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m lmtheory.run_job", description=__doc__.split("\n")[0])
    parser.add_argument("target", help="an output file of the job to run")
    parser.add_argument("--configfile", nargs="*", default=[], help="config overrides, as for snakemake")
    parser.add_argument("--pdb", action="store_true", help="post-mortem debugger on an exception")
    parser.add_argument("--threads", type=int, default=1, help="thread pools (BLAS, OpenMP) as the job's `threads`")
    args = parser.parse_args(argv)
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "POLARS_MAX_THREADS"):
        os.environ[var] = str(args.threads)  # before numpy loads (Snakemake sets them before a job starts)
    from snakemake.api import SnakemakeApi
    from snakemake.settings.types import OutputSettings

    with SnakemakeApi(OutputSettings()) as api:
        job, script = find_job(api, args.target, args.configfile)
        run(job, script, args)


def run(job, script: Path, args) -> None:
    """Run the job's script with its `snakemake` object (post-mortem debugger on an exception with --pdb)."""
    missing = [path for path in job.input if not Path(path).exists()]
    if missing:
        raise SystemExit(f"run_job: inputs of {args.target} missing (build them first): {', '.join(missing[:5])}")
    smk = job_object(job)
    print(f"run_job: rule {job.rule.name}, script {script}", file=sys.stderr)
    try:
        runpy.run_path(str(script), init_globals={"snakemake": smk}, run_name="__main__")
    except Exception:
        if not args.pdb:
            raise
        traceback.print_exc()
        pdb.post_mortem()


if __name__ == "__main__":
    main()
