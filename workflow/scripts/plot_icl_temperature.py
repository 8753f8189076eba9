"""Rule icl_temperature_figure: figures/icl_temperature.pdf from the experiment tables."""

from lmtheory.runtime import configure

configure(snakemake)

import polars as pl

from lmtheory.icl_temperature_figure import temperature_figure
from lmtheory.plots import save_pdf

save_pdf(
    temperature_figure(pl.read_parquet(snakemake.input.continuous), pl.read_parquet(snakemake.input.binary)),
    snakemake.output[0],
)
