"""Rule scaling_exponents: γ, α̂_D, α_pred and the collapse of one run (lmtheory.scaling.exponents.run_exponents)."""

from lmtheory.runtime import configure

log = configure(snakemake)

from lmtheory.io import provenance, read_json, read_parquet, write_json, write_parquet
from lmtheory.scaling.exponents import GRID_KEYS, run_exponents
from lmtheory.seeds import rng_for

p, wc = snakemake.params, snakemake.wildcards
count = read_parquet(snakemake.input.counts) if "counts" in snakemake.input.keys() else None
exponents, scan_table = run_exponents(
    read_json(snakemake.input.beta),
    [read_json(path) for path in snakemake.input.rungs],
    count,
    p.entropy,
    p.collapse,
    p.bootstrap,
    rng_for(p.seed, "scaling_alpha", wc.run),
)
log.info(
    "γ = %s (%s); β = %s; α̂_D = %.3f; α_pred = %s",
    exponents["gamma"]["gamma"],
    exponents["gamma"]["estimator"],
    exponents["beta"].get("beta"),
    exponents["ladder"]["alpha"],
    exponents["prediction"]["alpha_pred"],
)
write_parquet(scan_table, snakemake.output.collapse, {"run": wc.run, **{k: p.collapse[k] for k in GRID_KEYS}})
write_json(
    {
        "run": wc.run,
        **exponents,
        "provenance": provenance({"entropy": p.entropy, "collapse": p.collapse}, p.seed),
    },
    snakemake.output.exponents,
)
