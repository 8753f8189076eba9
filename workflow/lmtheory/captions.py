"""Report captions: a figure's description followed by every ledger claim it shows, with the verdict and its reason.

The caption is reStructuredText (Snakemake renders it in the HTML report); it is built from the per-claim verdict
JSONs, so the report states the verdicts of the run it was made from.
"""

from lmtheory.claims import format_case


def _escape(text: str) -> str:
    """Neutralise reStructuredText markup characters in free text."""
    return "".join("\\" + c if c in "*`|_\\" else c for c in str(text))


def figure_caption(description: str, claims: list[dict]) -> str:
    """The description, then one bullet per claim: **VERDICT** id (spec, tag): statement; expected; measured."""
    lines = [description.strip(), ""]
    if not claims:
        return "\n".join([*lines, "No ledger claim is decided on this figure.", ""])
    lines += [f"Claims shown ({len(claims)}):", ""]
    for claim in sorted(claims, key=lambda c: c["id"]):
        measured = "; ".join(format_case(case) for case in claim["cases"])
        exploratory = " (exploratory)" if claim.get("exploratory") else ""
        lines.append(
            f"- **{claim['verdict']}**{exploratory} ``{claim['id']}`` ({_escape(claim['spec'])}, "
            f"{_escape(claim['tag'])}): {_escape(claim['statement'])}. Expected: {_escape(claim['expected'])}. "
            f"Measured: {_escape(measured)}."
        )
    return "\n".join([*lines, ""])
