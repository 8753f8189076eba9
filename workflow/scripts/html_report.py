"""Rule report: the browser report (results/report/*.html) from the claim verdicts and figures built so far."""

from lmtheory.runtime import configure

configure(snakemake)

from pathlib import Path

from lmtheory.html_report import build_report
from lmtheory.io import read_json

results = {result["id"]: result for result in map(read_json, snakemake.input.claims)}
build_report(
    claims=snakemake.params.claims,
    results=results,
    figures=snakemake.params.figures,
    figure_dir=Path("figures"),
    description_dir=Path(snakemake.scriptdir).parent / "report",
    out_dir=Path(snakemake.output[0]).parent,
    title=snakemake.params.title,
)
