"""The README's ledger section, generated from one full run (never pasted).

After `snakemake --cores all` (and, for the stability line, `snakemake --cores all stability`),
`python -m lmtheory.readme_ledger` records the run in docs/ledger.json (its commit, as the ledger rule recorded it,
and per claim: paper, spec, kind, controls, verdict), copies results/LEDGER.md to docs/ledger.md, merges each
stability run named by --stability (default results/stability, when it ran) into the recorded batches
(lmtheory.stability_record), writes docs/stability.md from them (with --stability-only, only that: the recorded
full run stays), and rewrites README.md between the markers below
from docs/ledger.json alone. tests/toolkit/test_readme_ledger.py regenerates that section and docs/stability.md from
docs/ledger.json and fails when they disagree, or when the recorded claims are not the claims files' (kind, controls,
ids).
"""

import argparse
import json
import shutil
from pathlib import Path

import polars as pl

from lmtheory.io import read_parquet, read_provenance
from lmtheory.stability_record import (
    VERDICTS,
    batch_of,
    combined,
    merge,
    seed_range,
    short_commit,
    stability_markdown,
)

BEGIN, END = "<!-- ledger:begin (python -m lmtheory.readme_ledger) -->", "<!-- ledger:end -->"
PAPER_ORDER = ["tree", "icl", "cot", "scaling"]


def _counts(rows: list[dict]) -> str:
    present = [(v, sum(r["verdict"] == v for r in rows)) for v in VERDICTS]
    return " / ".join(str(n) for v, n in present if v != "NOT_RUN" or n) if rows else "—"


def summary_markdown(record: dict) -> str:
    """The README section: the measurements' verdicts first, then per paper the claims by kind, verdict and control,
    and the claims that flip across seeds when the stability run is recorded."""
    claims = record["claims"]
    measurements = [c for c in claims if c["kind"] == "measurement"]
    exact = [c for c in claims if c["kind"] == "exact"]
    verdicts = {v: sum(c["verdict"] == v for c in measurements) for v in VERDICTS}
    lines = [
        f"Ledger of one full run (`snakemake --cores all`, config `{record['run_kind']}`) at commit "
        f"`{record['commit']}`: **{len(measurements)} measurements — {verdicts['PASS']} PASS, {verdicts['FAIL']} FAIL, "
        f"{verdicts['INCONCLUSIVE']} INCONCLUSIVE**; besides them {len(exact)} exact checks (numerics and "
        f"constructions of our own code, {sum(c['verdict'] == 'PASS' for c in exact)} PASS) and "
        f"{len(claims) - len(measurements) - len(exact)} documented-only rows. The full table is "
        "[docs/ledger.md](docs/ledger.md).",
        "",
        "| paper | claims | measurements PASS / FAIL / INCONCLUSIVE | exact checks PASS / FAIL / INCONCLUSIVE "
        "| with a positive control | with a negative control | without a negative control |",
        "|---|---|---|---|---|---|---|",
    ]
    papers = sorted({c["paper"] for c in claims}, key=lambda p: (PAPER_ORDER + [p]).index(p))
    for paper in papers:
        rows = [c for c in claims if c["paper"] == paper]
        by_kind = {kind: [c for c in rows if c["kind"] == kind] for kind in ("measurement", "exact")}
        positive = sum("positive" in c["controls"] for c in rows)
        negative = sum("negative" in c["controls"] for c in rows)
        lines.append(
            f"| {paper} | {len(rows)} | {_counts(by_kind['measurement'])} | {_counts(by_kind['exact'])} "
            f"| {positive} | {negative} | {sum(c['kind'] != 'documented' for c in rows) - negative} |"
        )
    lines += ["", "Measurements that did not PASS (each paper's page says why):", ""]
    lines += [
        f"- `{c['claim']}` ({c['spec']}): {c['verdict']} — [why](docs/{c['paper']}.md#what-did-not-pass-and-why)"
        for c in measurements
        if c["verdict"] not in ("PASS",)
    ] or ["- none"]
    batches = record.get("stability", {}).get("batches", [])
    lines += ["", stability_line(batches, [c["claim"] for c in measurements])]
    return "\n".join(lines) + "\n"


def stability_line(batches: list[dict], measurements: list[str]) -> str:
    """The README's one line on verdict stability (the recorded batches; docs/stability.md lists them per run), naming
    the ledger's measurements that no batch reran."""
    if not batches:
        return "Verdict stability: not recorded (`snakemake --cores all stability`)."
    rates = combined(batches)
    flips = rates.filter(pl.col("flips"))["claim"].to_list()
    unrecorded = sorted(set(measurements) - set(rates["claim"].to_list()))
    seeds = sorted({seed for batch in batches for seed in batch["seeds"]})
    commits = list(dict.fromkeys(short_commit(b["commit"]) for b in batches))
    return (
        f"Verdict stability (`snakemake --cores all stability`: seeds {seeds} in {len(batches)} "
        f"run{'s' if len(batches) > 1 else ''} at "
        f"{', '.join(commits)}, listed with the pass rate per claim in [docs/stability.md](docs/stability.md)): "
        f"{rates.height} measurements rerun at {seed_range(rates)} seeds each, {len(flips)} flip"
        + (": " + ", ".join(f"`{c}`" for c in flips) if flips else "")
        + (f"; not rerun yet: {', '.join(f'`{c}`' for c in unrecorded)}" if unrecorded else "")
        + "."
    )


def splice(readme: str, section: str, begin: str = BEGIN, end: str = END) -> str:
    """README text with the text between the markers replaced by `section`."""
    if begin not in readme or end not in readme:
        raise ValueError(f"README.md lacks the markers {begin!r} … {end!r}")
    head, rest = readme.split(begin, 1)
    return head + begin + "\n" + section + end + rest.split(end, 1)[1]


def controls_of(label: str) -> list[str]:
    """The controls named by a ledger `controls` label (lmtheory.ledger.controls_label)."""
    named = label.split("; no negative control")[0]
    return [c for c in ("positive", "negative") if c in named.split(", ")]


def run_record(ledger: Path) -> dict:
    """docs/ledger.json's content (without stability) from results/ledger.parquet."""
    frame = read_parquet(ledger)
    meta = read_provenance(ledger)
    claims = [
        {
            "claim": r["claim"],
            "paper": r["paper"],
            "spec": r["spec"],
            "kind": r["kind"],
            "controls": controls_of(r["controls"]),
            "verdict": r["verdict"],
        }
        for r in frame.sort("claim").iter_rows(named=True)
    ]
    return {"commit": meta.get("git"), "run_kind": meta.get("params", {}).get("run_kind"), "claims": claims}


def stability_batches(recorded: dict, runs: list[Path]) -> list[dict]:
    """The batches of the recorded run (docs/ledger.json's content) with each stability run's output folder merged in,
    in order (a folder recorded already adds nothing): the seeds take hours to rerun and do not change with every
    ledger, so a run without them keeps what was recorded."""
    stability = recorded.get("stability", {})
    if stability and "batches" not in stability:
        raise ValueError(
            "docs/ledger.json: its stability record has no batches (written before lmtheory.stability_record)"
        )
    batches = stability.get("batches", [])
    for run in runs:
        batch = batch_of(pl.read_csv(run / "pass_rates.csv"), json.loads((run / "seeds.json").read_text()))
        batches = merge(batches, batch)
    return batches


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Regenerate the README's ledger section from a full run.")
    parser.add_argument("--results", default="results")
    parser.add_argument(
        "--stability", nargs="+", type=Path, help="stability output folders to record (default: results/stability)"
    )
    parser.add_argument(
        "--stability-only", action="store_true", help="record the --stability runs and keep the recorded full run"
    )
    args = parser.parse_args(argv)
    results, recorded_path, readme_path = Path(args.results), Path("docs/ledger.json"), Path("README.md")
    runs = args.stability or [results / "stability"]
    complete = [run for run in runs if all((run / name).exists() for name in ("pass_rates.csv", "seeds.json"))]
    if args.stability and (missing := [str(run) for run in runs if run not in complete]):
        parser.error(f"--stability: no stability run (pass_rates.csv, seeds.json) in {', '.join(missing)}")
    recorded = json.loads(recorded_path.read_text()) if recorded_path.exists() else {}
    if args.stability_only and not (args.stability and recorded):
        parser.error("--stability-only needs --stability folders and a recorded run (docs/ledger.json)")
    # everything is computed before anything is written
    try:
        batches = stability_batches(recorded, complete)
    except ValueError as error:
        parser.error(str(error))
    if args.stability_only:
        record = {k: v for k, v in recorded.items() if k != "stability"}
    else:
        record = run_record(results / "ledger.parquet")
    if batches:
        record["stability"] = {"batches": batches}
    readme = splice(readme_path.read_text(), summary_markdown(record))
    if not args.stability_only:
        shutil.copyfile(results / "LEDGER.md", "docs/ledger.md")
    if batches:
        Path("docs/stability.md").write_text(stability_markdown(batches))
    recorded_path.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n")
    readme_path.write_text(readme)


if __name__ == "__main__":
    main()
