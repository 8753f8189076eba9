"""The browser report: results/report/index.html (the ledger as a table) and one page per paper (each figure as an
inline PNG with its description and the verdicts of the claims drawn on it).

It covers what exists: a claim whose results/claims/<id>.json is not built yet is listed as "not checked" with the
command that checks it, a figure not built yet as "not built". Every page is one self-contained file (the PNGs are
embedded), so the folder can be copied or mailed as it is.
"""

import base64
from pathlib import Path

import jinja2
from docutils.core import publish_parts

from lmtheory.claims import format_case
from lmtheory.ledger import SEVERITY, worst_case

TEMPLATES = Path(__file__).resolve().parents[1] / "report" / "html"
NOT_CHECKED = "NOT CHECKED"


def rst_html(text: str) -> str:
    """A figure description (reStructuredText) as an HTML fragment."""
    return publish_parts(text, writer="html", settings_overrides={"report_level": 5})["fragment"]


def png_data_uri(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode()


def claim_row(claim: dict, result: dict | None) -> dict:
    """One ledger row: the registry's claim, decided by its verdict JSON when that is built."""
    row = {key: claim.get(key, "") for key in ("id", "spec", "paper", "tag", "kind", "statement", "expected")}
    row["figure"] = Path(claim.get("figure") or "").stem
    if result is None:
        return {**row, "verdict": NOT_CHECKED, "measured": "", "reason": "", "cases": []}
    cases = [{"text": format_case(c), "verdict": c.get("verdict", "")} for c in result["cases"]]
    return {
        **row,
        "verdict": result["verdict"],
        "measured": worst_case(result["cases"]),
        "reason": result["reason"],
    } | {"cases": cases}


def verdict_counts(rows: list[dict]) -> list[tuple[str, list[tuple[str, int]]]]:
    """Per kind (measurements first), the (verdict, count) pairs in severity order, then the unchecked claims."""
    order = [*SEVERITY, NOT_CHECKED]
    kinds = sorted({r["kind"] for r in rows}, key=lambda k: (k != "measurement", k))
    return [
        (kind, [(v, n) for v in order if (n := sum(r["verdict"] == v and r["kind"] == kind for r in rows))])
        for kind in kinds
    ]


def build_report(
    claims: dict[str, dict],
    results: dict[str, dict],
    figures: dict[str, list[str]],
    figure_dir: Path,
    description_dir: Path,
    out_dir: Path,
    title: str,
) -> list[Path]:
    """Write index.html and <paper>.html into out_dir; return the paths written.

    claims: the configured registry (id → claim); results: the verdict JSONs built so far (id → result);
    figures: paper → figure names (figures/<name>.png is shown when it exists).
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True
    )
    rows = sorted((claim_row(c, results.get(cid)) for cid, c in claims.items()), key=lambda r: r["id"])
    papers = list(figures)
    common = {"title": title, "papers": papers, "check_command": "snakemake --cores all results/claims/{}.json"}
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = {
        "index.html": env.get_template("index.html.j2").render(
            **common, page="index", rows=rows, counts=verdict_counts(rows)
        )
    }
    for paper in papers:
        shown = []
        for name in figures[paper]:
            png = figure_dir / f"{name}.png"
            description = description_dir / f"{name.removesuffix('_slow')}.rst"
            shown.append(
                {
                    "name": name,
                    "image": png_data_uri(png) if png.exists() else None,
                    "description": rst_html(description.read_text()) if description.exists() else "",
                    "rows": [r for r in rows if r["figure"] == name],
                }
            )
        paper_rows = [r for r in rows if r["paper"] == paper]
        pages[f"{paper}.html"] = env.get_template("paper.html.j2").render(
            **common, page=paper, figures=shown, rows=paper_rows, counts=verdict_counts(paper_rows)
        )
    written = []
    for name, text in pages.items():
        path = out_dir / name
        tmp = path.with_name(f".{name}.tmp")
        tmp.write_text(text)
        tmp.replace(path)
        written.append(path)
    return written
