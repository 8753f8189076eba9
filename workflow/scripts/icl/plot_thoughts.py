"""Rule icl_thoughts_figure: figures/icl_thoughts.pdf from the experiment tables."""

from lmtheory.runtime import configure

configure(snakemake)

from lmtheory.icl.figures.thoughts import thoughts_figure
from lmtheory.io import read_parquet
from lmtheory.plots import save_figure

save_figure(
    thoughts_figure(read_parquet(snakemake.input.greedy), read_parquet(snakemake.input.noisy)),
    snakemake.output[0],
)
