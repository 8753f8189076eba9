"""Rule cot_hitting_time_figure: figures/cot_hitting_time.pdf from its experiment table."""

from lmtheory.runtime import configure

configure(snakemake)

import polars as pl

from lmtheory.cot_hitting_time_figure import hitting_time_figure
from lmtheory.plots import save_pdf

save_pdf(hitting_time_figure(pl.read_parquet(snakemake.input.hitting)), snakemake.output[0])
