"""The reports a person opens: `snakemake --report` (Snakemake's own, the figures as inline PNGs with their claims'
verdicts as captions) and the `report` target (results/report/: the ledger as a table, a page per paper), both after a
full smoke run and after building a single figure; the browser report checked in headless Chromium."""

from pathlib import Path

import polars as pl
from headless_chromium import dom, images_on_screen

from workflow_helpers import copy_workflow, snakemake

SMOKE = "--configfile=config/smoke.yaml"


def test_report_holds_every_figure_and_the_ledger(smoke_run):
    """`snakemake --report` on the smoke run: one HTML file that carries every rendered figure as a PNG, each with a
    caption that names the claims drawn on it and their verdicts, and the ledger."""
    snakemake(smoke_run, "--report", "report.html", SMOKE)
    html = (smoke_run / "report.html").read_text(errors="ignore")
    figures = sorted(path.stem for path in (smoke_run / "figures").glob("*.pdf"))
    assert len(figures) == 20  # tree 8, icl/cot/scaling 4
    assert [name for name in figures if f"{name}.png" not in html] == []
    assert "LEDGER.md" in html
    ledger = pl.read_parquet(smoke_run / "results/ledger.parquet")
    for (figure,), claims in ledger.filter(pl.col("figure") != "").group_by("figure"):
        caption = (smoke_run / "results/captions" / f"{Path(figure).stem}.rst").read_text()
        assert all(f"``{cid}``" in caption for cid in claims["claim"]), figure
        assert caption.count("**SMOKE**") == claims.height, figure
    assert "tree.var_loglinear" in html and "scaling.alpha_matches_prediction" in html and "SMOKE" in html


def test_browser_report_of_the_smoke_run(smoke_run, tmp_path):
    """`snakemake report`: the index is the ledger (every claim, its verdict), each paper page shows its figures."""
    snakemake(smoke_run, "--cores", "1", "report", SMOKE)
    ledger = pl.read_parquet(smoke_run / "results/ledger.parquet")
    index = dom(smoke_run / "results/report/index.html")
    assert all(f'id="{cid}"' in index for cid in ledger["claim"])
    assert index.count(">SMOKE</span>") >= ledger.height
    for paper in ("tree", "icl", "cot", "scaling"):
        page = smoke_run / f"results/report/{paper}.html"
        assert page.read_text().count("data:image/png;base64,") == len(
            set(ledger.filter(pl.col("paper") == paper)["figure"]) - {""}
        ), paper
    assert images_on_screen(smoke_run / "results/report/tree.html", tmp_path) > 0.01


def test_reports_after_building_one_figure(tmp_path):
    """From a fresh copy: one figure, then `snakemake --report` (no error for the figures not built; the one built is
    in it) and the browser report, whose screenshot shows the figure and whose page lists the figure's claims."""
    workdir = copy_workflow(tmp_path / "workflow")
    snakemake(workdir, "--cores", "2", "figures/ising_variance.pdf", SMOKE)
    snakemake(workdir, "--report", "report.html", SMOKE)
    assert "ising_variance.png" in (workdir / "report.html").read_text(errors="ignore")
    snakemake(workdir, "--cores", "1", "report", SMOKE)
    page = workdir / "results/report/tree.html"
    section = page.read_text().split('<section id="ising_variance">')[1].split("</section>")[0]
    assert "data:image/png;base64," in section and "tree.var_loglinear" in section and "NOT CHECKED" in section
    assert "Not built: <code>snakemake --cores all figures/ising_truth.pdf</code>" in page.read_text()
    assert images_on_screen(page, tmp_path) > 0.01
