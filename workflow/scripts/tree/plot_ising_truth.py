"""Rule ising_truth_figure: figures/ising_truth.pdf from the exact tables and the true-corpus statistics."""

from lmtheory.runtime import configure

configure(snakemake)

from lmtheory.io import read_parquet
from lmtheory.plots import save_figure
from lmtheory.tree.figures.ising_truth import depth_rows, truth_figure

settings = [
    {
        "label": f"b={p['b']}, θ={p['theta']}",
        "truth": read_parquet(p["truth"]),
        "mc": depth_rows({d: read_parquet(path) for d, path in p["mc"].items()}),
    }
    for p in snakemake.params.settings.values()
]
save_figure(truth_figure(settings), snakemake.output[0])
