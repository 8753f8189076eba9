"""Rule coloring_checks: the consistency DP against exhaustion on tiny trees, and p* for the configured (q, b)."""

from lmtheory.runtime import configure

configure(snakemake)

import numpy as np

from lmtheory.tree.coloring import brute_force_consistency, consistency, frozen_limit
from lmtheory.tree.exactness import all_sequences
from lmtheory.io import provenance, write_json

p = snakemake.params
exhaustive = []
for q, b, d in p.exhaustive:
    consistent, frozen = brute_force_consistency(q, b, d)
    out = consistency(all_sequences(q, b**d), q, b)
    exhaustive.append(
        {
            "q": q,
            "b": b,
            "d": d,
            "sequences": len(consistent),
            "mismatches": int(np.sum(out["consistent"] != consistent) + np.sum(out["root_frozen"] != frozen)),
        }
    )
limits = [{"q": q, "b": b, "p_star": frozen_limit(q, b)} for q, b in p.freezing_pairs]
write_json(
    {"exhaustive": exhaustive, "freezing_limits": limits, "provenance": provenance(dict(p.items()))},
    snakemake.output[0],
)
