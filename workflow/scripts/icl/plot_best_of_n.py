"""Rule icl_best_of_n_figure: figures/icl_best_of_n.pdf from the experiment tables."""

from lmtheory.runtime import configure

configure(snakemake)

from lmtheory.icl.figures.best_of_n import best_of_n_figure
from lmtheory.io import read_parquet
from lmtheory.plots import save_figure

save_figure(
    best_of_n_figure(read_parquet(snakemake.input.continuous), read_parquet(snakemake.input.binary)),
    snakemake.output[0],
)
