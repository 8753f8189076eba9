"""Rule ising_kurtosis_figure: figures/ising_kurtosis.pdf from the exact k-gram statistics of every setting."""

from lmtheory.runtime import configure

configure(snakemake)

from lmtheory.io import read_parquet
from lmtheory.tree.figures.ising_kurtosis import kurtosis_figure
from lmtheory.plots import save_figure

panels = [
    {
        "title": f"{lang}: b={p['b']}, θ={p['theta']}" + ("" if p["rate"] > 0 else " (below KS)"),
        "depths": {d: read_parquet(files["exact"]) for d, files in p["stats"].items()},
    }
    for lang, p in snakemake.params.panels.items()
]
save_figure(kurtosis_figure(panels), snakemake.output[0])
