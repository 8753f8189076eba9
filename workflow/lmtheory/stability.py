"""Verdict stability: every paper's claims rerun at several seeds, and per claim the pass rate.

`python -m lmtheory.stability --seeds 1 2 3 4 5 --papers icl cot --cores 2` (or `snakemake --cores all stability`)
copies the workflow into results/stability/seed<s>/ and runs the targets there (papers, `transformers` or claim ids:
lmtheory.targets) with `--config seed=<s>`, which
changes every random stream (lmtheory.seeds derives them from the global seed), with the copy's own library first on
PYTHONPATH (so a later edit of the checkout does not leak into a running seed), then reads each run's
results/claims/*.json. A claim flips when its verdicts differ across seeds. Exact checks and documented rows are
deterministic and are listed for completeness in pass_rates.csv; the measurements are what the rates are about
(STABILITY.md, and the batch `python -m lmtheory.readme_ledger --stability <out>` records: lmtheory.stability_record).
seeds.json names the seeds, targets, override files and the checkout's commit.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl

from lmtheory.io import git_commit
from lmtheory.stability_record import VERDICTS, batch_of, stability_markdown
from lmtheory.targets import checked_by, snakemake_target

WORKFLOW_FILES = ["Snakefile", "rules", "config", "workflow", "envs", "profiles"]


def copy_workflow(root: Path, dest: Path) -> None:
    """The workflow's tracked inputs (not results, logs or caches) under dest."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in WORKFLOW_FILES:
        src, target = root / name, dest / name
        if target.exists():
            shutil.rmtree(target) if target.is_dir() else target.unlink()
        if src.is_dir():
            shutil.copytree(src, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, target)


def run_seed(root: Path, out: Path, seed: int, papers: list[str], cores: int, configfiles: list[str]) -> Path:
    """Run the papers' targets at `seed` in out/seed<seed>/ (reusing what an earlier call built); its claims folder."""
    workdir = out / f"seed{seed}"
    copy_workflow(root, workdir)
    targets = [snakemake_target(target) for target in papers]
    command = [sys.executable, "-m", "snakemake", "--cores", str(cores), *targets, "--config", f"seed={seed}"]
    for path in configfiles:
        command += ["--configfile", str(Path(path).resolve())]
    library = os.pathsep.join(filter(None, [str(workdir / "workflow"), os.environ.get("PYTHONPATH")]))
    subprocess.run(command, cwd=workdir, check=True, env={**os.environ, "PYTHONPATH": library})
    return workdir / "results/claims"


def pass_rates(verdicts: pl.DataFrame) -> pl.DataFrame:
    """Per claim (verdicts: claim, paper, kind, seed, verdict): the count of each verdict, the pass rate over the
    seeds that ran it, and whether it flips (more than one verdict)."""
    counts = verdicts.group_by("claim", "paper", "kind").agg(
        *(pl.col("verdict").eq(v).sum().alias(v) for v in VERDICTS),
        pl.col("verdict").filter(pl.col("verdict") != "NOT_RUN").n_unique().alias("distinct"),
        pl.len().alias("seeds"),
    )
    ran = pl.col("seeds") - pl.col("NOT_RUN")
    return counts.with_columns(
        pass_rate=pl.when(ran > 0).then(pl.col("PASS") / ran),
        flips=pl.col("distinct") > 1,
    ).sort("paper", "claim")


def checkout_path(path: str, root: Path) -> str:
    """`path` relative to the checkout `root` when it lies inside it (Snakemake hands the rule absolute paths)."""
    resolved = Path(path).resolve()
    return str(resolved.relative_to(root)) if resolved.is_relative_to(root) else path


def read_verdicts(claims_dir: Path, seed: int, targets: list[str]) -> list[dict]:
    """The verdicts of the claims `targets` check (a reused seed folder may hold others' from an earlier run)."""
    rows = []
    for path in sorted(claims_dir.glob("*.json")):
        claim = json.loads(path.read_text())
        if not checked_by(targets, claim["id"], claim["paper"]):
            continue
        rows.append(
            {
                "claim": claim["id"],
                "paper": claim["paper"],
                "kind": claim["kind"],
                "seed": seed,
                "verdict": claim["verdict"],
            }
        )
    return rows


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    parser.add_argument(
        "--papers", nargs="+", required=True, help="targets: papers (tree icl cot scaling), transformers or claim ids"
    )
    parser.add_argument("--cores", type=int, default=1)
    parser.add_argument("--configfile", action="append", default=[], help="override files, in order")
    parser.add_argument("--out", default="results/stability")
    args = parser.parse_args(argv)
    if len(set(args.seeds)) < len(args.seeds):
        parser.error(f"--seeds: {args.seeds} names a seed twice")
    root, out, commit = Path.cwd(), Path(args.out).resolve(), git_commit()  # the checkout the first seed copies
    rows = [
        row
        for seed in args.seeds
        for row in read_verdicts(run_seed(root, out, seed, args.papers, args.cores, args.configfile), seed, args.papers)
    ]
    rates = pass_rates(pl.DataFrame(rows))
    rates.write_csv(out / "pass_rates.csv")
    run = {
        "seeds": args.seeds,
        "papers": args.papers,
        "configfiles": [checkout_path(path, root) for path in args.configfile],
        "commit": commit,
    }
    (out / "seeds.json").write_text(json.dumps(run))
    (out / "STABILITY.md").write_text(stability_markdown([batch_of(rates, run)]))


if __name__ == "__main__":
    main()
