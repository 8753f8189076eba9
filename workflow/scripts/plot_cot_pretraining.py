"""Rule cot_pretraining_figure: figures/cot_pretraining.pdf from its experiment table."""

from lmtheory.runtime import configure

configure(snakemake)

import polars as pl

from lmtheory.cot_pretraining_figure import pretraining_figure
from lmtheory.plots import save_pdf

save_pdf(pretraining_figure(pl.read_parquet(snakemake.input.pretraining)), snakemake.output[0])
