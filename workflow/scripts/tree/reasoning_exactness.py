"""Rule reasoning_exactness: χ² of the reasoning sampler's leaves against the exact law of a small tree."""

from lmtheory.runtime import configure

configure(snakemake)

from lmtheory.tree.exactness import goodness_of_fit, leaf_law
from lmtheory.io import provenance, write_json
from lmtheory.tree.reasoning import sample_traces, window_size
from lmtheory.seeds import rng_for
from lmtheory.tree.trees import ising_broadcast

p = snakemake.params
tree = ising_broadcast(p.b, p.theta, p.d)
_, leaves = sample_traces(tree, p.samples, rng_for(p.seed, "reasoning_exactness", p.b, p.theta, p.d))
result = {
    "b": p.b,
    "theta": p.theta,
    "d": p.d,
    "model": f"reasoning, window {window_size(tree)}",
    **goodness_of_fit(leaves, leaf_law(tree), tree.q),
}
write_json({**result, "provenance": provenance(dict(p.items()), p.seed)}, snakemake.output[0])
