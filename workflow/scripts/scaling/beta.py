"""Rule scaling_beta: β from the frozen 3×-floor window (bootstrap over lags ⊕ window variation), β_F, the hinge fit
and the floor's flatness in n."""

from lmtheory.runtime import configure

log = configure(snakemake)

from lmtheory.io import json_safe, provenance, read_parquet, write_json
from lmtheory.scaling.correlation_decay import beta_estimate
from lmtheory.scaling.correlation_spectrum import spectrum_check
from lmtheory.scaling.correlations import noise_floor
from lmtheory.seeds import rng_for

SPECTRUM_RANKS = 50

p, wc = snakemake.params, snakemake.wildcards
table = read_parquet(snakemake.input.lags)
beta = beta_estimate(table, n_boot=p.options["bootstrap"], rng=rng_for(p.seed, "scaling_beta", wc.run))
beta["floor_trend"] = noise_floor(table)["trend"]
if p.options["spectrum"] >= SPECTRUM_RANKS:  # C10 needs the top 50 singular values per lag (paper config)
    window = spectrum_check(table).filter(pl.col("lag").is_in(beta["window_lags"]))
    beta["spectrum_failures"] = int((~window["passes"]).sum())
    beta["spectrum_lags"] = window.height
log.info("β = %.3f ± %.3f over lags %s (R² %.3f)", beta["beta"], beta["beta_se"], beta["window_lags"], beta["r2"])
write_json(
    json_safe(beta) | {"run": wc.run, "provenance": provenance({"correlations": p.options}, p.seed)},
    snakemake.output[0],
)
