"""Rule ising_truth_figure: figures/ising_truth.pdf from the exact tables and the true-corpus statistics."""

from lmtheory.runtime import configure

configure(snakemake)

import polars as pl

from lmtheory.plots import save_pdf
from lmtheory.truth_figure import depth_rows, truth_figure

settings = [
    {
        "label": f"b={p['b']}, θ={p['theta']}",
        "truth": pl.read_parquet(p["truth"]),
        "mc": depth_rows({d: pl.read_parquet(path) for d, path in p["mc"].items()}),
    }
    for p in snakemake.params.settings.values()
]
save_pdf(truth_figure(settings), snakemake.output[0])
