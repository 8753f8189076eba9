"""Rule cot_metastability_figure: figures/cot_metastability.pdf from its experiment table."""

from lmtheory.runtime import configure

configure(snakemake)

from lmtheory.cot.figures.metastability import metastability_figure
from lmtheory.io import read_parquet
from lmtheory.plots import save_figure

save_figure(metastability_figure(read_parquet(snakemake.input.dynamics)), snakemake.output[0])
