"""Rule ising_collapse_figure: figures/ising_collapse.pdf from the exact statistics and KS tables."""

from lmtheory.runtime import configure

configure(snakemake)

from lmtheory.tree.figures.ising_collapse import collapse_figure
from lmtheory.io import read_parquet
from lmtheory.plots import save_figure

curves = [
    {"label": c["label"], "gamma": c["gamma"], "stats": read_parquet(c["stats"]), "ks": read_parquet(c["ks"])}
    for c in snakemake.params.curves.values()
]
save_figure(collapse_figure(curves), snakemake.output[0])
