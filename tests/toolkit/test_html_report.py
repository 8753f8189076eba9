"""The browser report (lmtheory.html_report): the ledger as a table with every verdict, unchecked claims and unbuilt
figures named, each paper's figures inline; rendered in headless Chromium, the page shows the figure (not a blank
pane) and its claims."""

import matplotlib.pyplot as plt
import numpy as np
from headless_chromium import dom, images_on_screen

from lmtheory.html_report import NOT_CHECKED, build_report
from lmtheory.plots import save_figure

CLAIMS = {
    "toy.passes": {
        "id": "toy.passes",
        "spec": "C1",
        "paper": "toy",
        "tag": "[P]",
        "kind": "measurement",
        "statement": "the slope is one",
        "expected": "within 10%",
        "figure": "figures/toy_slope.pdf",
    },
    "toy.fails": {
        "id": "toy.fails",
        "spec": "C2",
        "paper": "toy",
        "tag": "[D]",
        "kind": "exact",
        "statement": "the gap is zero",
        "expected": "at most 1e-9",
        "figure": "figures/toy_slope.pdf",
    },
    "toy.unchecked": {
        "id": "toy.unchecked",
        "spec": "C3",
        "paper": "toy",
        "tag": "[S]",
        "kind": "measurement",
        "statement": "the tail is Gaussian",
        "expected": "kurtosis within 3 SE",
        "figure": "",
    },
}


def result(cid, verdict, cases):
    return {"id": cid, "verdict": verdict, "reason": f"{verdict} because", "cases": cases}


RESULTS = {
    "toy.passes": result(
        "toy.passes", "PASS", [{"label": "d=8", "value": 1.02, "lo": 0.98, "hi": 1.06, "n": 100, "verdict": "PASS"}]
    ),
    "toy.fails": result(
        "toy.fails",
        "FAIL",
        [{"label": "a", "value": 0.0, "verdict": "PASS"}, {"label": "b", "value": 0.5, "verdict": "FAIL"}],
    ),
}


def build(tmp_path, with_figure=True):
    figures, descriptions = tmp_path / "figures", tmp_path / "descriptions"
    descriptions.mkdir(parents=True, exist_ok=True)
    (descriptions / "toy_slope.rst").write_text("The slope against *depth* (toy paper, claim C1).\n")
    if with_figure:
        fig, ax = plt.subplots(figsize=(6, 4))
        ax.imshow(np.linspace(0, 1, 400 * 300).reshape(300, 400), cmap="viridis")  # a figure no page could fake
        save_figure(fig, figures / "toy_slope.pdf")
    figure_names = {"toy": ["toy_slope", "toy_missing"]}
    return build_report(CLAIMS, RESULTS, figure_names, figures, descriptions, tmp_path / "report", "toy report")


def test_index_is_the_ledger_with_every_verdict_and_the_unchecked_claims(tmp_path):
    index, page = build(tmp_path)
    html = index.read_text()
    for cid, verdict in (("toy.passes", "PASS"), ("toy.fails", "FAIL"), ("toy.unchecked", NOT_CHECKED)):
        row = html[html.index(f'id="{cid}"') :].split("</tr>")[0]
        assert f">{verdict}</span>" in row, cid
    assert "snakemake --cores all results/claims/toy.unchecked.json" in html
    fail_row = html[html.index('id="toy.fails"') :].split("</tr>")[0]
    assert "b: 0.5" in fail_row and "(worst of 2 cases)" in fail_row  # the worst case in the row, all in details
    assert '<a href="toy.html#toy_slope">' in html


def test_paper_page_embeds_its_figures_and_names_the_missing_one(tmp_path):
    _, page = build(tmp_path)
    html = page.read_text()
    assert html.count("data:image/png;base64,") == 1  # self-contained: no link to figures/
    assert "<em>depth</em>" in html  # the description's reStructuredText rendered
    assert "Not built: <code>snakemake --cores all figures/toy_missing.pdf</code>" in html
    slope = html[html.index('<section id="toy_slope">') : html.index('<section id="toy_missing">')]
    assert "toy.passes" in slope and "toy.fails" in slope and "toy.unchecked" not in slope


def test_chromium_shows_the_figure_and_its_claims(tmp_path):
    """The screenshot of the paper page changes where its image is hidden (it does not for a page whose figure is not
    built: a blank pane would read 0), and the rendered DOM holds the figure's claims and their verdicts."""
    _, page = build(tmp_path)
    assert images_on_screen(page, tmp_path) > 0.05  # the 6×4 in figure at 150 dpi covers ≈ 10% of the window
    _, blank = build(tmp_path / "blank", with_figure=False)
    assert images_on_screen(blank, tmp_path / "blank") == 0
    rendered = dom(page)
    assert "toy.passes" in rendered and ">PASS</span>" in rendered and ">FAIL</span>" in rendered
