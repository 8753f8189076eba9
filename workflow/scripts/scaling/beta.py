"""Rule scaling_beta: β from the frozen 3×-floor window (bootstrap over lags ⊕ window variation), β_F, the hinge fit,
the floor's flatness in n and, at paper scale, the C10 spectrum check (lmtheory.scaling.correlation_decay)."""

from lmtheory.runtime import configure

log = configure(snakemake)

from lmtheory.io import json_safe, provenance, read_parquet, write_json
from lmtheory.scaling.correlation_decay import beta_record
from lmtheory.seeds import rng_for

p, wc = snakemake.params, snakemake.wildcards
table = read_parquet(snakemake.input.lags)
rng = rng_for(p.seed, "scaling_beta", wc.run)
beta = beta_record(table, p.options["bootstrap"], rng, p.options["spectrum"])
log.info("β = %.3f ± %.3f over lags %s (R² %.3f)", beta["beta"], beta["beta_se"], beta["window_lags"], beta["r2"])
write_json(
    json_safe(beta) | {"run": wc.run, "provenance": provenance({"correlations": p.options}, p.seed)},
    snakemake.output[0],
)
