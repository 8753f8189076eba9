"""Rule cot_pretraining_figure: figures/cot_pretraining.pdf from its experiment table."""

from lmtheory.runtime import configure

configure(snakemake)

from lmtheory.cot.figures.pretraining import pretraining_figure
from lmtheory.io import read_parquet
from lmtheory.plots import save_figure

save_figure(pretraining_figure(read_parquet(snakemake.input.pretraining)), snakemake.output[0])
