"""Rule exactness_check: χ² of full-context (k = n−1) exact k-gram samples against the exact law of a small tree."""

from lmtheory.runtime import configure

configure(snakemake)

from lmtheory.tree.exact_kgram import ExactKGram
from lmtheory.tree.exactness import goodness_of_fit, leaf_law
from lmtheory.io import provenance, write_json
from lmtheory.seeds import rng_for
from lmtheory.tree.trees import ising_broadcast

p = snakemake.params
tree = ising_broadcast(p.b, p.theta, p.d)
k = tree.n - 1
tokens = ExactKGram(tree, k).sample(p.samples, rng_for(p.seed, "exactness", p.b, p.theta, p.d))
result = {
    "b": p.b,
    "theta": p.theta,
    "d": p.d,
    "model": f"exact k-gram, k={k}",
    **goodness_of_fit(tokens, leaf_law(tree), tree.q),
}
write_json({**result, "provenance": provenance(dict(p.items()), p.seed)}, snakemake.output[0])
