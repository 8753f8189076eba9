"""Benchmark: what Snakemake itself costs around the science: a dry run, and the claim checks of a finished run.

    python benchmarks/workflow_overhead.py [--checkout DIR] [--repeats 3] [--claims] [--imports]

In the checkout DIR (default: this repository) it times `snakemake -n --quiet rules` best of --repeats (wall and
the CPU of the process tree, from getrusage of waited-for children). On a finished run this is the no-op dry run
("nothing changed"); on a fresh clone it is the dry run of the whole DAG. With --claims (a finished run only) it
reruns every claim check and the ledger (`--forcerun check_claim`, one core) and reports their CPU: the run's total
minus that of the same command as a dry run (Snakemake's DAG and bookkeeping), per check. With --imports it times,
for each rule with a script, a fresh Python running only that script's top-level imports (best of --repeats, one
thread as in a job): the start-up every job of the rule pays before any work, with the heavy libraries it loads,
times the rule's jobs in the recorded full run (docs/run_times.json).
"""

import argparse
import collections
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path


def timed(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds of the children, stdout) of one run of the command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{result.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), result.stdout


HEAVY = ("torch", "scipy.stats", "numba", "matplotlib")


def rule_scripts(checkout: Path) -> dict[str, Path]:
    """rule name → script path, from the parsed workflow of the checkout."""
    from snakemake.api import SnakemakeApi
    from snakemake.settings.types import OutputSettings

    from lmtheory.run_job import script_path, workflow_api

    here = Path.cwd()
    os.chdir(checkout)
    try:
        with SnakemakeApi(OutputSettings(quiet=True)) as api:
            workflow = workflow_api(api)._workflow  # parsed on access; the API exposes no rule list
            return {rule.name: script_path(rule) for rule in workflow.rules if rule.script}
    finally:
        os.chdir(here)


def import_costs(checkout: Path, repeats: int) -> None:
    """Per rule: seconds of a fresh interpreter running the script's top-level imports, the heavy libraries loaded,
    and that cost times the rule's jobs in the recorded run."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "workflow"))  # this repository's, for any checkout
    from lmtheory.code_inputs import top_level_imports

    record = json.loads((checkout / "docs" / "run_times.json").read_text())
    jobs, job_wall = collections.Counter(job["rule"] for job in record["jobs"]), sum(j["wall"] for j in record["jobs"])
    env = {**os.environ, "PYTHONPATH": str(checkout / "workflow"), "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    probe = f"\nimport sys; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    rows = []
    for rule, script in rule_scripts(checkout).items():
        if not jobs[rule]:
            continue
        code = top_level_imports(script) + probe
        best, loaded = float("inf"), ""
        for _ in range(repeats):
            start = time.perf_counter()
            result = subprocess.run([sys.executable, "-c", code], cwd=checkout, env=env, capture_output=True, text=True)
            best = min(best, time.perf_counter() - start)
            if result.returncode:
                raise SystemExit(f"importing {script}'s modules failed:\n{result.stderr[-2000:]}")
            loaded = result.stdout.strip()
        rows.append((best * jobs[rule], rule, jobs[rule], best, loaded))
    total = sum(row[0] for row in rows)
    print(f"\njob start-up (imports) per rule, jobs of the recorded run at {record['commit']}:\n")
    print("| rule | jobs | imports, s per job | s in all | heavy libraries loaded |\n|---|---|---|---|---|")
    for cost, rule, n, each, loaded in sorted(rows, reverse=True):
        print(f"| {rule} | {n} | {each:.2f} | {cost:.1f} | {loaded or '—'} |")
    share = 100 * total / job_wall
    print(f"\nall jobs with a script: {total:.0f} s of start-up, {share:.1f} % of the recorded run's job wall time")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkout", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--claims", action="store_true")
    parser.add_argument("--imports", action="store_true")
    args = parser.parse_args()
    snakemake = [sys.executable, "-m", "snakemake"]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=args.checkout, capture_output=True, text=True)
    print(f"machine: {platform.machine()}; checkout {args.checkout} at {commit.stdout.strip()}; best of {args.repeats}")
    runs = [timed([*snakemake, "-n", "--quiet", "rules"], args.checkout) for _ in range(args.repeats)]
    wall, cpu, out = min(runs)
    jobs = sum(int(line.split()[-1]) for line in out.splitlines() if line.strip().startswith("total"))
    print(f"dry run: {wall:.2f} s wall, {cpu:.2f} s CPU; {jobs} jobs to run")
    if args.claims:
        command = [*snakemake, "results/LEDGER.md", "--cores", "1", "--forcerun", "check_claim", "--quiet", "rules"]
        _, bookkeeping, _ = timed([*command, "-n"], args.checkout)
        wall, cpu, _ = timed(command, args.checkout)
        checks = len(list((args.checkout / "results" / "claims").glob("*.json")))
        print(
            f"claim checks and ledger: {wall:.1f} s wall; {cpu:.1f} s CPU of which {bookkeeping:.1f} s is the dry "
            f"run's DAG: {cpu - bookkeeping:.1f} s for {checks} checks + the ledger "
            f"({(cpu - bookkeeping) / checks:.2f} s per check)"
        )
    if args.imports:
        import_costs(args.checkout, args.repeats)


if __name__ == "__main__":
    main()
