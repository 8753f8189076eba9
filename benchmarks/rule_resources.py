"""Per-rule resources measured from runs: the max wall time of each rule's jobs in a run's .snakemake/metadata, and
the peak memory (summed RSS of the job's processes) of each rule's heaviest measured job, re-run alone on one core
and kept in benchmarks/rule_memory.json.

    python benchmarks/rule_resources.py                      # table from .snakemake/metadata + rule_memory.json
    python benchmarks/rule_resources.py measure RULE [RULE…]  # re-run each rule's slowest job, record its peak RSS
    python benchmarks/rule_resources.py measure RULE=OUTPUT     # … or the job that writes OUTPUT (its largest input)

`measure` exports the workflow at a git commit (default HEAD) into a temporary directory, next to a copy of the
run's finished results, and forces the slowest recorded job of each rule there (`-f <output> --allowed-rules <rule>
--cores 1`, the library imported from that export), so nothing upstream re-runs. The sizes in rules/*.smk are these
numbers with headroom (see the comments there).
"""

import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
MEMORY_FILE = Path(__file__).with_name("rule_memory.json")


def slowest_jobs(metadata: Path) -> dict[str, tuple[float, str, int]]:
    """Per rule: (max wall seconds, an output of that job, number of recorded outputs) from Snakemake metadata."""
    if not metadata.is_dir():
        raise SystemExit(f"{metadata}: no Snakemake metadata (run the workflow first)")
    jobs: dict[str, tuple[float, str, int]] = {}
    for record in metadata.iterdir():
        meta = json.loads(record.read_text())
        output = base64.urlsafe_b64decode(record.name + "=" * (-len(record.name) % 4)).decode()
        seconds = meta["endtime"] - meta["starttime"]
        best, path, count = jobs.get(meta["rule"], (-1.0, "", 0))
        jobs[meta["rule"]] = (seconds, output, count + 1) if seconds > best else (best, path, count + 1)
    return jobs


def peak_rss_mb(command: list[str], cwd: Path) -> tuple[float, float]:
    """(peak summed RSS in MB of the command's child processes, wall seconds), polled every 20 ms."""
    start, log = time.perf_counter(), cwd / "measure.log"
    with open(log, "w") as out:
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        parent, peak = psutil.Process(process.pid), 0
        while process.poll() is None:
            rss = 0
            for child in parent.children(recursive=True):
                try:
                    rss += child.memory_info().rss
                except psutil.NoSuchProcess:
                    pass
            peak = max(peak, rss)
            time.sleep(0.02)
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{log.read_text()[-3000:]}")
    return peak / 2**20, time.perf_counter() - start


def export_workflow(ref: str, dest: Path) -> str:
    """The tracked files at git commit `ref` in dest, plus a copy of the run's results; returns the commit."""
    commit = subprocess.run(["git", "rev-parse", ref], cwd=ROOT, capture_output=True, text=True, check=True)
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", dest], input=archive, check=True)
    shutil.copytree(ROOT / "results", dest / "results")
    return commit.stdout.strip()


def measure(targets: list[str], ref: str) -> None:
    """Peak RSS of each target, RULE (its slowest recorded job) or RULE=OUTPUT (the job writing OUTPUT), recorded in
    rule_memory.json where it is the rule's heaviest measured job."""
    jobs = slowest_jobs(ROOT / ".snakemake/metadata")
    chosen = dict(t.split("=", 1) if "=" in t else (t, jobs[t][1] if t in jobs else None) for t in targets)
    unknown = sorted(rule for rule, output in chosen.items() if output is None)
    if unknown:
        raise SystemExit(f"no recorded jobs of rule(s) {unknown}; recorded: {sorted(jobs)}")
    memory = json.loads(MEMORY_FILE.read_text()) if MEMORY_FILE.exists() else {}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        commit = export_workflow(ref, workdir)
        os.environ["PYTHONPATH"] = str(workdir / "workflow")  # the exported library, not the editable checkout
        for rule, output in chosen.items():
            command = [sys.executable, "-m", "snakemake", "-f", output, "--allowed-rules", rule, "--cores", "1"]
            mb, seconds = peak_rss_mb(command, workdir)
            record = {"job": output, "commit": commit, "peak_rss_mb": round(mb), "seconds_1core": round(seconds)}
            print(f"{rule}: {record}", flush=True)
            previous = memory.get(rule, {"job": None, "peak_rss_mb": 0})
            if output == previous["job"] or record["peak_rss_mb"] >= previous["peak_rss_mb"]:
                memory[rule] = record  # each rule keeps its heaviest measured job
            MEMORY_FILE.write_text(json.dumps(dict(sorted(memory.items())), indent=1) + "\n")


def table() -> None:
    memory = json.loads(MEMORY_FILE.read_text()) if MEMORY_FILE.exists() else {}
    print(
        "| rule | outputs | max wall s | slowest job | peak RSS MB | of job | s (that job alone, 1 core, with start) |"
    )
    print("|---|---|---|---|---|---|---|")
    for rule, (seconds, output, count) in sorted(slowest_jobs(ROOT / ".snakemake/metadata").items()):
        mem = memory.get(rule, {})
        measured = "same" if mem.get("job") == output else mem.get("job", "")
        print(
            f"| {rule} | {count} | {seconds:.1f} | {output} | {mem.get('peak_rss_mb', '')} | {measured} | "
            f"{mem.get('seconds_1core', '')} |"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    measure_parser = sub.add_parser("measure", help="re-run each rule's slowest job alone and record its peak RSS")
    measure_parser.add_argument("targets", nargs="+", metavar="RULE[=OUTPUT]")
    measure_parser.add_argument("--ref", default="HEAD", help="git commit of the workflow to run (default HEAD)")
    args = parser.parse_args()
    os.environ.update(OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    if args.command == "measure":
        measure(args.targets, args.ref)
    else:
        table()


if __name__ == "__main__":
    main()
