"""Rule cot_metastability_figure: figures/cot_metastability.pdf from its experiment table."""

from lmtheory.runtime import configure

configure(snakemake)

import polars as pl

from lmtheory.cot_metastability_figure import metastability_figure
from lmtheory.plots import save_pdf

save_pdf(metastability_figure(pl.read_parquet(snakemake.input.dynamics)), snakemake.output[0])
