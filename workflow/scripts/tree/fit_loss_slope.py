"""Rule fit_loss_slope: excess loss CE_k − CE_n per level (paired bootstrap CI) and its log_b slope on ℓ."""

from lmtheory.runtime import configure

configure(snakemake)

from lmtheory.io import provenance, read_parquet, write_json
from lmtheory.seeds import rng_for
from lmtheory.tree.kgram_loss import excess_loss_fit

p, wc = snakemake.params, snakemake.wildcards
rng = rng_for(p.seed, "fit_loss", wc.lang, wc.d)
result = excess_loss_fit(read_parquet(snakemake.input.loss), p.b, p.d, p.min_level, p.max_level_gap, p.bootstrap, rng)
write_json({**result, "provenance": provenance(dict(p.items()), p.seed)}, snakemake.output[0])
