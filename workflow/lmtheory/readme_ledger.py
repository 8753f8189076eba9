"""The README's ledger section, generated from one full run (never pasted).

After `snakemake --cores all` (and, for the stability column, `snakemake --cores all stability`),
`python -m lmtheory.readme_ledger` records the run in docs/ledger.json (its commit, as the ledger rule recorded it,
and per claim: paper, spec, kind, controls, verdict), copies results/LEDGER.md to docs/ledger.md and the pass rates
to docs/stability.md, and rewrites README.md between the markers below from docs/ledger.json alone.
tests/toolkit/test_readme_ledger.py regenerates that section from docs/ledger.json and fails when the README
disagrees, or when the recorded claims are not the claims files' (kind, controls, ids).
"""

import argparse
import json
import shutil
from pathlib import Path

import polars as pl

from lmtheory.io import read_parquet, read_provenance

BEGIN, END = "<!-- ledger:begin (python -m lmtheory.readme_ledger) -->", "<!-- ledger:end -->"
VERDICTS = ["PASS", "FAIL", "INCONCLUSIVE", "NOT_RUN"]
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
    stability = record.get("stability")
    lines.append("")
    if stability:
        flips = [s["claim"] for s in stability["claims"] if s["flips"]]
        lines.append(
            f"Verdict stability (`snakemake --cores all stability` at commit `{stability['commit']}`, seeds "
            f"{stability['seeds']}, papers {', '.join(stability['papers'])}"
            + "".join(f", with `{c}`" for c in stability.get("configfiles", []))
            + f"): {len(stability['claims'])} measurements "
            f"rerun, {len(flips)} flip"
            + (": " + ", ".join(f"`{c}`" for c in flips) if flips else "")
            + ". Pass rates per claim: [docs/stability.md](docs/stability.md)."
        )
    else:
        lines.append("Verdict stability: not recorded for this run (`snakemake --cores all stability`).")
    return "\n".join(lines) + "\n"


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


def run_record(ledger: Path, stability: Path | None) -> dict:
    """docs/ledger.json's content from results/ledger.parquet (and results/stability/pass_rates.csv)."""
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
    record = {"commit": meta.get("git"), "run_kind": meta.get("params", {}).get("run_kind"), "claims": claims}
    if stability and stability.exists():
        rates = pl.read_csv(stability).filter((pl.col("kind") == "measurement") & pl.col("pass_rate").is_not_null())
        run = json.loads(stability.with_name("seeds.json").read_text())
        record["stability"] = {
            "commit": record["commit"],
            "seeds": sorted(run["seeds"]),
            "configfiles": run.get("configfiles", []),
            "papers": sorted(set(rates["paper"].to_list()), key=lambda p: (PAPER_ORDER + [p]).index(p)),
            "claims": rates.select("claim", "pass_rate", "flips").to_dicts(),
        }
    return record


def carry_stability(record: dict, recorded: Path) -> None:
    """A run without a stability target keeps the recorded stability (docs/ledger.json, and docs/stability.md), which
    names the commit it ran at: the seeds' pass rates take hours to rerun and do not change with every ledger."""
    if "stability" not in record and recorded.exists():
        if previous := json.loads(recorded.read_text()).get("stability"):
            record["stability"] = previous


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Regenerate the README's ledger section from a full run.")
    parser.add_argument("--results", default="results")
    args = parser.parse_args(argv)
    results = Path(args.results)
    record = run_record(results / "ledger.parquet", results / "stability/pass_rates.csv")
    carry_stability(record, Path("docs/ledger.json"))
    Path("docs").mkdir(exist_ok=True)
    Path("docs/ledger.json").write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n")
    shutil.copyfile(results / "LEDGER.md", "docs/ledger.md")
    if (results / "stability/STABILITY.md").exists():  # else the recorded docs/stability.md stays (carry_stability)
        shutil.copyfile(results / "stability/STABILITY.md", "docs/stability.md")
    readme = Path("README.md")
    readme.write_text(splice(readme.read_text(), summary_markdown(record)))


if __name__ == "__main__":
    main()
