"""Rule icl_budget_figure: figures/icl_budget.pdf from the experiment tables."""

from lmtheory.runtime import configure

configure(snakemake)

from lmtheory.icl.figures.budget import budget_figure
from lmtheory.io import read_parquet
from lmtheory.plots import save_figure

save_figure(budget_figure(read_parquet(snakemake.input.allocation)), snakemake.output[0])
