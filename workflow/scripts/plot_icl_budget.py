"""Rule icl_budget_figure: figures/icl_budget.pdf from the experiment tables."""

from lmtheory.runtime import configure

configure(snakemake)

import polars as pl

from lmtheory.icl_budget_figure import budget_figure
from lmtheory.plots import save_pdf

save_pdf(budget_figure(pl.read_parquet(snakemake.input.allocation)), snakemake.output[0])
