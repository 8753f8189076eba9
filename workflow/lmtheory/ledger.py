"""The claims ledger: one row per claim from the per-claim verdict JSONs, as a polars frame and as Markdown."""

import polars as pl

from lmtheory.claims import format_case

COLUMNS = [
    "claim",
    "spec",
    "paper",
    "tag",
    "statement",
    "expected",
    "measured",
    "verdict",
    "reason",
    "figure",
    "model",
    "exploratory",
]


def ledger_frame(results: list[dict]) -> pl.DataFrame:
    rows = [
        {
            "claim": r["id"],
            "spec": r["spec"],
            "paper": r["paper"],
            "tag": r["tag"],
            "statement": r["statement"],
            "expected": r["expected"],
            "measured": "; ".join(format_case(c) for c in r["cases"]),
            "verdict": r["verdict"],
            "reason": r["reason"],
            "figure": r.get("figure") or "",
            "model": r.get("model") or "",
            "exploratory": bool(r.get("exploratory", False)),
        }
        for r in results
    ]
    schema = {c: pl.Boolean if c == "exploratory" else pl.String for c in COLUMNS}
    return pl.DataFrame(rows, schema=schema).sort("claim")


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def ledger_markdown(frame: pl.DataFrame, run_kind: str) -> str:
    counts = frame.group_by("verdict").len().sort("verdict")
    summary = ", ".join(f"{v}: {n}" for v, n in counts.iter_rows())
    head = ["claim", "spec", "paper", "statement", "expected", "measured (CI, n)", "verdict", "figure"]
    lines = [
        f"# Claims ledger ({run_kind} config)",
        "",
        f"{frame.height} claims — {summary}.",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for r in frame.iter_rows(named=True):
        cells = [
            r["claim"],
            r["spec"],
            r["paper"],
            f"{r['statement']} {r['tag']}" + (f" — model: {r['model']}" if r["model"] else ""),
            r["expected"],
            r["measured"],
            f"**{r['verdict']}**" + (" (exploratory)" if r["exploratory"] else ""),
            r["figure"],
        ]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    lines += ["", "## Reasons", ""] + [
        f"- `{r['claim']}` {r['verdict']}: {_cell(r['reason'])}" for r in frame.iter_rows(named=True)
    ]
    return "\n".join(lines) + "\n"
