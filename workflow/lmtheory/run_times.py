"""Where a run's time went, from its `benchmark:` records (never pasted).

Every rule with a log writes logs/benchmarks/<group>/<rule>/….tsv per job (rules/common.smk, derive_benchmarks):
Snakemake's wall seconds `s` and `cpu_time` (CPU seconds of the job's processes). `python -m lmtheory.run_times`
prints, per group (a paper; claims, captions, ledger …) and per rule: jobs, summed wall and CPU seconds and the
longest job. With `--record --wall-s W --commit SHA` it keeps the run in docs/run_times.json and rewrites, from that
file alone, the table in docs/run_time.md and the one-line headline in README.md (between the markers below);
tests/toolkit/test_run_times.py fails when either disagrees with the record.
"""

import argparse
import csv
import json
from pathlib import Path

from lmtheory.readme_ledger import splice

BEGIN, END = "<!-- run-times:begin (python -m lmtheory.run_times) -->", "<!-- run-times:end -->"
HEADLINE_BEGIN, HEADLINE_END = (
    "<!-- run-time-headline:begin (python -m lmtheory.run_times) -->",
    "<!-- run-time-headline:end -->",
)
PAGE = Path("docs/run_time.md")


def read_jobs(logs: Path) -> list[dict]:
    """One dict per job: group, rule, wall and CPU seconds (NaN where Snakemake could not measure the CPU)."""
    root = logs / "benchmarks"
    if not root.is_dir():
        raise SystemExit(f"{root}: no benchmark records (run the workflow first)")
    jobs = []
    for path in sorted(root.rglob("*.tsv")):
        group, rule = path.relative_to(root).parts[:2]
        with open(path) as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
        if not rows:
            raise SystemExit(f"{path}: empty benchmark record")
        jobs.append({"group": group, "rule": rule, "wall": float(rows[-1]["s"]), "cpu": _seconds(rows[-1]["cpu_time"])})
    return jobs


def _seconds(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return float("nan")


def summarise(jobs: list[dict]) -> list[dict]:
    """Per (group, rule): jobs, summed wall and CPU, longest job; groups by summed wall, rules by wall within."""
    table: dict[tuple[str, str], dict] = {}
    for job in jobs:
        key = (job["group"], job["rule"])
        row = table.setdefault(key, {"group": key[0], "rule": key[1], "jobs": 0, "wall": 0.0, "cpu": 0.0, "max": 0.0})
        row["jobs"] += 1
        row["wall"] += job["wall"]
        row["cpu"] += job["cpu"]
        row["max"] = max(row["max"], job["wall"])
    group_wall = {g: sum(r["wall"] for r in table.values() if r["group"] == g) for g, _ in table}
    return sorted(table.values(), key=lambda r: (-group_wall[r["group"]], r["group"], -r["wall"]))


def table_markdown(jobs: list[dict]) -> str:
    """A line per group (bold), then its rules."""
    rows = summarise(jobs)
    total = sum(r["wall"] for r in rows)
    lines = [
        "| group | rule | jobs | wall, summed (s) | CPU, summed (s) | longest job (s) | share of job wall |",
        "|---|---|---|---|---|---|---|",
    ]
    for group in dict.fromkeys(r["group"] for r in rows):
        members = [r for r in rows if r["group"] == group]
        wall = sum(r["wall"] for r in members)
        lines.append(
            f"| **{group}** | | {sum(r['jobs'] for r in members)} | **{wall:.0f}** | "
            f"{sum(r['cpu'] for r in members):.0f} | {max(r['max'] for r in members):.0f} | "
            f"**{100 * wall / total:.0f}%** |"
        )
        lines += [
            f"| | {r['rule']} | {r['jobs']} | {r['wall']:.1f} | {r['cpu']:.1f} | {r['max']:.1f} | "
            f"{100 * r['wall'] / total:.1f}% |"
            for r in members
        ]
    return "\n".join(lines)


PARTS = ("tree sampling and statistics", "tree transformers", "scaling", "icl, cot, tables, claims and report")


def part(job: dict) -> str:
    """The part of a run a job belongs to (PARTS): the tree rules naming a transformer, the rest of tree, scaling,
    and everything else."""
    if job["group"] == "tree":
        return PARTS[1] if "transformer" in job["rule"] else PARTS[0]
    return PARTS[2] if job["group"] == "scaling" else PARTS[3]


def headline_markdown(record: dict) -> str:
    """The README's lines on the full run's time and its job time per part, from docs/run_times.json."""
    minutes = {name: sum(j["wall"] for j in record["jobs"] if part(j) == name) / 60 for name in PARTS}
    split = ", ".join(f"{name} {minutes[name]:.1f}" for name in PARTS)
    return (
        f"The full default run, `{record['command']}` from a fresh clone at commit `{record['commit']}`, took "
        f"**{record['wall_s'] / 60:.1f} min** on {record['machine']}. Job minutes per part (the cores share them): "
        f"{split}; per rule: [docs/run_time.md](docs/run_time.md).\n"
    )


def section_markdown(record: dict) -> str:
    """docs/run_time.md's table section from docs/run_times.json."""
    jobs = record["jobs"]
    wall, cpu = sum(j["wall"] for j in jobs), sum(j["cpu"] for j in jobs)
    return (
        f"`{record['command']}` from a fresh clone at commit `{record['commit']}` on {record['machine']}: "
        f"**{record['wall_s'] / 60:.1f} min** of wall time. Its {len(jobs)} jobs took {wall / 60:.1f} min of job wall "
        f"time and {cpu / 60:.1f} min of CPU in all (per rule below, from the run's `benchmark:` records).\n\n"
        f"{table_markdown(jobs)}\n"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--logs", type=Path, default=Path("logs"))
    parser.add_argument("--record", action="store_true", help="keep the run in docs/run_times.json, docs and README")
    parser.add_argument("--wall-s", type=float, help="the whole run's wall seconds (with --record)")
    parser.add_argument("--commit", help="the commit the run ran (with --record)")
    parser.add_argument("--command", default="snakemake --cores 2")
    parser.add_argument("--machine", default="the project's 2-core x86_64 box (24 GiB)")
    args = parser.parse_args(argv)
    jobs = read_jobs(args.logs)
    if not args.record:
        print(table_markdown(jobs))
        return
    if args.wall_s is None or not args.commit:
        parser.error("--record needs --wall-s and --commit")
    record = {"command": args.command, "commit": args.commit, "machine": args.machine, "wall_s": args.wall_s}
    Path("docs/run_times.json").write_text(json.dumps({**record, "jobs": jobs}, indent=1) + "\n")
    record["jobs"] = jobs
    PAGE.write_text(splice(PAGE.read_text(), section_markdown(record), BEGIN, END))
    readme = Path("README.md")
    readme.write_text(splice(readme.read_text(), headline_markdown(record), HEADLINE_BEGIN, HEADLINE_END))


if __name__ == "__main__":
    main()
