"""The claims ledger: one row per claim from the per-claim verdict JSONs, as a polars frame and as Markdown.

Each row carries the claim's `kind` (measurement, exact, documented) and its `controls` (the positive and negative
controls the tests run through its measure and comparator); the headline counts measurements, and a claim without a
negative control says so. `measured` is the claim's worst case (the first case whose verdict is the most severe:
FAIL, then INCONCLUSIVE, NOT_RUN, SMOKE, PASS), so a row stays one line; `cases` holds every case, as does the
claim's results/claims/<id>.json."""

import polars as pl

from lmtheory.claims import format_case

COLUMNS = [
    "claim",
    "spec",
    "paper",
    "tag",
    "kind",
    "controls",
    "variant_of",
    "statement",
    "expected",
    "measured",
    "cases",
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
            "kind": r["kind"],
            "controls": controls_label(r.get("controls", [])),
            "variant_of": r.get("variant_of") or "",
            "statement": r["statement"],
            "expected": r["expected"],
            "measured": worst_case(r["cases"]),
            "cases": "; ".join(format_case(c) for c in r["cases"]),
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


SEVERITY = ("FAIL", "INCONCLUSIVE", "NOT_RUN", "SMOKE", "PASS")


def worst_case(cases: list[dict]) -> str:
    """The first case of the most severe verdict (SEVERITY), formatted, with how many cases there are."""
    if not cases:
        return ""
    rank = {verdict: i for i, verdict in enumerate(SEVERITY)}
    worst = min(cases, key=lambda c: rank.get(c.get("verdict"), len(SEVERITY)))
    return format_case(worst) + (f" (worst of {len(cases)} cases)" if len(cases) > 1 else "")


def controls_label(controls: list[str]) -> str:
    """'positive, negative', or the missing control named: 'positive; no negative control', 'none'."""
    if not controls:
        return "none"
    label = ", ".join(c for c in ("positive", "negative") if c in controls)
    return label if "negative" in controls else f"{label}; no negative control"


def verdict_counts(frame: pl.DataFrame) -> str:
    """'PASS: a, FAIL: b, …' in that order, the verdicts present only."""
    counts = dict(frame.group_by("verdict").len().iter_rows())
    order = ["PASS", "FAIL", "INCONCLUSIVE", "NOT_RUN", "SMOKE"]
    return ", ".join(f"{v}: {counts[v]}" for v in order if v in counts)


def headline(frame: pl.DataFrame) -> str:
    """The ledger's summary: the measurements' verdicts first, then the exact checks and documented rows."""
    parts = []
    for kind, what in (("measurement", "measurements"), ("exact", "exact checks"), ("documented", "documented only")):
        rows = frame.filter(pl.col("kind") == kind)
        if rows.height:
            parts.append(f"{rows.height} {what} ({verdict_counts(rows)})")
    has_negative = pl.col("controls").str.contains("negative") & ~pl.col("controls").str.contains("no negative")
    no_negative = frame.filter(~has_negative & (pl.col("kind") != "documented")).height
    return f"{frame.height} claims: " + "; ".join(parts) + f". {no_negative} claims have no negative control."


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def ledger_markdown(frame: pl.DataFrame, run_kind: str) -> str:
    head = ["claim", "spec", "paper", "kind", "controls", "statement", "expected", "measured: worst case (CI, n)"]
    head += ["verdict", "figure"]
    lines = [
        f"# Claims ledger ({run_kind} config)",
        "",
        headline(frame),
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for r in frame.iter_rows(named=True):
        cells = [
            r["claim"],
            r["spec"],
            r["paper"],
            r["kind"],
            r["controls"],
            f"{r['statement']} {r['tag']}"
            + (f" — model: {r['model']}" if r["model"] else "")
            + (f" — variant of {r['variant_of']}" if r["variant_of"] else ""),
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
