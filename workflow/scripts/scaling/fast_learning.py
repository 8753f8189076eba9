"""Rule scaling_fast_learning: δ_n of L_n(P) = A P^(−δ_n) + H_n over the rungs P ≥ 10 P*_n for n = 1..12, against
the prediction α_pred = γ/(2β) (spec §2.5, C9: fast learning means δ_n > α_pred)."""

from lmtheory.runtime import configure

log = configure(snakemake)

import numpy as np

from lmtheory.io import json_safe, provenance, read_json, read_parquet, write_json
from lmtheory.scaling.fast_learning import MIN_R2, THRESHOLD_FACTOR, fast_learning_rows
from lmtheory.scaling.rungs import ladder_rungs

MAX_N = 12  # spec C9: n = 1..12

wc = snakemake.wildcards
table = read_parquet(snakemake.input.correlations)
exponents = read_json(snakemake.input.exponents)
main = ladder_rungs([read_json(path) for path in snakemake.input.rungs])
losses = np.array([r["L_n"] for r in main]).T  # (T, rungs)
alpha_pred = exponents["prediction"]["alpha_pred"]
n_tokens = int(table["n_pairs"][0] + table["lag"][0])  # the stream the floor was measured on
rows = fast_learning_rows(
    min(MAX_N, losses.shape[0]),
    table["lag"].to_numpy(),
    table["op_norm"].to_numpy(),
    exponents["beta"]["floor"],
    n_tokens,
    np.array([r["P"] for r in main], float),
    losses,
    np.nan if alpha_pred is None else alpha_pred,
)
decided = [row for row in rows if row["fast"] is not None]
n_fast = sum(row["fast"] for row in decided)
log.info("δ_n > α_pred = %s at %d of %d positions with a fit", alpha_pred, n_fast, len(decided))
write_json(
    json_safe(
        {
            "run": wc.run,
            "alpha_pred": alpha_pred,
            "n_tokens": n_tokens,
            "threshold_factor": THRESHOLD_FACTOR,
            "min_r2": MIN_R2,
            "rows": rows,
            "n_fast": n_fast,
            "n_fitted": len(decided),
            "provenance": provenance(),
        }
    ),
    snakemake.output[0],
)
