"""Benchmark: what Snakemake itself costs around the science: a dry run, and the claim checks of a finished run.

    python benchmarks/workflow_overhead.py [--checkout DIR] [--repeats 3] [--claims]

In the checkout DIR (default: this repository) it times `snakemake -n --quiet rules` best of --repeats (wall and
the CPU of the process tree, from getrusage of waited-for children). On a finished run this is the no-op dry run
("nothing changed"); on a fresh clone it is the dry run of the whole DAG. With --claims (a finished run only) it
reruns every claim check and the ledger (`--forcerun check_claim`, one core) and reports their CPU: the run's total
minus that of the same command as a dry run (Snakemake's DAG and bookkeeping), per check.
"""

import argparse
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkout", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--claims", action="store_true")
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


if __name__ == "__main__":
    main()
