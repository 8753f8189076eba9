"""Rule exact_model: the exact PA k-gram is fully given by its broadcast process; write it as JSON."""

from lmtheory.runtime import configure

configure(snakemake)

from lmtheory.io import provenance, write_json
from lmtheory.tree.languages import make_broadcast
from lmtheory.tree.trees import broadcast_to_dict

p = snakemake.params
tree = make_broadcast(p.process, int(snakemake.wildcards.d))
write_json(
    {"model": "exact_pa_kgram", **broadcast_to_dict(tree), "provenance": provenance(dict(p.items()))},
    snakemake.output[0],
)
