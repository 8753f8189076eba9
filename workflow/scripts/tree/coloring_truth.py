"""Rule coloring_truth: freezing probabilities p_h, the limit p* and the 1-gram violation rate ε_0 of a setting."""

from lmtheory.runtime import configure

configure(snakemake)

from lmtheory.tree.coloring import freezing_probabilities, frozen_limit, violation_rate_k1
from lmtheory.io import provenance, write_json

p = snakemake.params
write_json(
    {
        "q": p.q,
        "b": p.b,
        "p": freezing_probabilities(p.q, p.b, p.max_depth).tolist(),
        "p_star": frozen_limit(p.q, p.b),
        "eps0": violation_rate_k1(p.q, p.b),
        "provenance": provenance(dict(p.items())),
    },
    snakemake.output[0],
)
