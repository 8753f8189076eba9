"""Rule scaling_gamma: γ from the count entropies and α_pred = γ/(2β) without training
(lmtheory.scaling.count_prediction)."""

from lmtheory.runtime import configure

log = configure(snakemake)

from lmtheory.io import json_safe, provenance, read_json, read_parquet, write_json
from lmtheory.scaling.count_prediction import count_prediction

record = count_prediction(read_json(snakemake.input.beta), read_parquet(snakemake.input.counts))
log.info("γ = %s, β = %s, α_pred = %s (%s)", record["gamma"], record["beta"], record["alpha_pred"], record["reason"])
write_json(
    json_safe(record) | {"run": snakemake.wildcards.run, "provenance": provenance({})},
    snakemake.output[0],
)
