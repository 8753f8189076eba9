"""Rule ising_variance_figure: figures/ising_variance.pdf from the statistics and fits of every Ising setting."""

from lmtheory.runtime import configure

configure(snakemake)

from lmtheory.io import read_json, read_parquet
from lmtheory.plots import save_figure
from lmtheory.tree.figures.ising_variance import variance_figure

panels = [
    {
        "title": f"{lang}: b={p['b']}, θ={p['theta']} (bθ²={p['b'] * p['theta'] ** 2:.2f}"
        + (")" if p["rate"] > 0 else ", below KS)"),
        "rate": p["rate"],
        "depths": {d: {m: read_parquet(path) for m, path in files.items()} for d, files in p["stats"].items()},
        "fit": read_json(p["fit"]),
    }
    for lang, p in snakemake.params.panels.items()
]
save_figure(variance_figure(panels), snakemake.output[0])
