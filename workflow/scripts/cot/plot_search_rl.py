"""Rule cot_search_rl_figure: figures/cot_search_rl.pdf from the headline, PRM, search, PPO and distillation tables."""

from lmtheory.runtime import configure

configure(snakemake)

from lmtheory.cot.figures.search_rl import search_rl_figure
from lmtheory.io import read_parquet
from lmtheory.plots import save_figure

tables = {name: read_parquet(snakemake.input[name]) for name in ("headline", "prm", "search", "ppo", "distill")}
save_figure(search_rl_figure(**tables), snakemake.output[0])
