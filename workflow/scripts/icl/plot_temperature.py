"""Rule icl_temperature_figure: figures/icl_temperature.pdf from the experiment tables."""

from lmtheory.runtime import configure

configure(snakemake)

from lmtheory.icl.figures.temperature import temperature_figure
from lmtheory.io import read_parquet
from lmtheory.plots import save_figure

save_figure(
    temperature_figure(read_parquet(snakemake.input.continuous), read_parquet(snakemake.input.binary)),
    snakemake.output[0],
)
