"""Rule cot_hitting_time_figure: figures/cot_hitting_time.pdf from its experiment table."""

from lmtheory.runtime import configure

configure(snakemake)

from lmtheory.cot.figures.hitting_time import hitting_time_figure
from lmtheory.io import read_parquet
from lmtheory.plots import save_figure

save_figure(hitting_time_figure(read_parquet(snakemake.input.hitting)), snakemake.output[0])
