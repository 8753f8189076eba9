"""Verdict stability: every paper's claims rerun at several seeds, and per claim the pass rate.

`python -m lmtheory.stability --seeds 1 2 3 4 5 --papers icl cot --cores 2` (or `snakemake --cores all stability`)
copies the workflow into results/stability/seed<s>/ and runs the paper targets there with `--config seed=<s>`, which
changes every random stream (lmtheory.seeds derives them from the global seed), with the copy's own library first on
PYTHONPATH (so a later edit of the checkout does not leak into a running seed), then reads each run's
results/claims/*.json. A claim flips when its verdicts differ across seeds. Exact checks and documented rows are
deterministic and are listed for completeness; the measurements are what the rates are about.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl

WORKFLOW_FILES = ["Snakefile", "rules", "config", "workflow", "envs", "profiles"]
VERDICTS = ["PASS", "FAIL", "INCONCLUSIVE", "NOT_RUN"]


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
    command = [sys.executable, "-m", "snakemake", "--cores", str(cores), *papers, "--config", f"seed={seed}"]
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


def stability_markdown(rates: pl.DataFrame, seeds: list[int], configfiles: list[str] = ()) -> str:
    """The pass-rate table of the measurements, the flipping claims named first; the override files the seeds ran
    with, if any (a claim they leave unconfigured is NOT_RUN at every seed: rate —)."""
    measurements = rates.filter(pl.col("kind") == "measurement")
    flipping = measurements.filter(pl.col("flips"))["claim"].to_list()
    not_run = measurements.filter(pl.col("pass_rate").is_null()).height
    lines = [
        f"# Verdict stability over seeds {seeds}",
        "",
        f"{measurements.height - not_run} measurements rerun; {len(flipping)} flip across seeds"
        + (": " + ", ".join(f"`{c}`" for c in flipping) if flipping else "")
        + "."
        + (f" {not_run} not run at any seed (rate —)." if not_run else ""),
        "",
        *([f"Override files: {', '.join(f'`{c}`' for c in configfiles)}.", ""] if configfiles else []),
        "| claim | paper | PASS | FAIL | INCONCLUSIVE | pass rate |",
        "|---|---|---|---|---|---|",
    ]
    for r in measurements.sort(pl.col("flips").not_(), "paper", "claim").iter_rows(named=True):
        rate = "—" if r["pass_rate"] is None else f"{r['pass_rate']:.0%}"
        lines.append(f"| `{r['claim']}` | {r['paper']} | {r['PASS']} | {r['FAIL']} | {r['INCONCLUSIVE']} | {rate} |")
    return "\n".join(lines) + "\n"


def checkout_path(path: str, root: Path) -> str:
    """`path` relative to the checkout `root` when it lies inside it (Snakemake hands the rule absolute paths)."""
    resolved = Path(path).resolve()
    return str(resolved.relative_to(root)) if resolved.is_relative_to(root) else path


def read_verdicts(claims_dir: Path, seed: int) -> list[dict]:
    rows = []
    for path in sorted(claims_dir.glob("*.json")):
        claim = json.loads(path.read_text())
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
    parser.add_argument("--papers", nargs="+", required=True, help="paper targets (tree icl cot scaling)")
    parser.add_argument("--cores", type=int, default=1)
    parser.add_argument("--configfile", action="append", default=[], help="override files, in order")
    parser.add_argument("--out", default="results/stability")
    args = parser.parse_args(argv)
    root, out = Path.cwd(), Path(args.out).resolve()
    rows = [
        row
        for seed in args.seeds
        for row in read_verdicts(run_seed(root, out, seed, args.papers, args.cores, args.configfile), seed)
    ]
    rates = pass_rates(pl.DataFrame(rows))
    rates.write_csv(out / "pass_rates.csv")
    overrides = [checkout_path(path, root) for path in args.configfile]
    (out / "seeds.json").write_text(json.dumps({"seeds": args.seeds, "papers": args.papers, "configfiles": overrides}))
    (out / "STABILITY.md").write_text(stability_markdown(rates, args.seeds, overrides))


if __name__ == "__main__":
    main()
