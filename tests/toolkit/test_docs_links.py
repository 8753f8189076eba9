"""README.md and docs/*.md link only to files of the clone (and to headings that exist), never outside it."""

import re

import pytest

from claim_controls import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([\w./#:-]+)\)")  # a path-like target, not math such as [a, b](K−1)


def slug(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(page) -> set[str]:
    return {slug(line.lstrip("#")) for line in page.read_text().splitlines() if line.startswith("#")}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_link_points_inside_the_clone(page):
    text = page.read_text()
    assert "../shared" not in text, f"{page.name} points outside the clone"
    for target in LINK.findall(text):
        if re.match(r"[a-z]+://", target):
            continue
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        assert linked.exists(), f"{page.name}: link to {target} (no such file)"
        if anchor and linked.suffix == ".md":
            assert anchor in anchors(linked), f"{page.name}: link to {target} (no such heading)"


def test_the_slug_of_a_heading_is_githubs():
    assert slug(" What did not pass, and why") == "what-did-not-pass-and-why"
