"""Rule kgram_loss: teacher-forced cross-entropy of the exact k-gram on the same true sequences for every k."""

from lmtheory.runtime import configure

log = configure(snakemake)

from lmtheory.io import read_json, read_tokens, write_parquet
from lmtheory.tree.kgram_loss import teacher_forced_loss
from lmtheory.tree.trees import broadcast_from_dict

p = snakemake.params
tree = broadcast_from_dict(read_json(snakemake.input.model))
tokens = read_tokens(snakemake.input.corpus)[: p.sequences]
log.info("teacher forcing %d true sequences at k = %s", len(tokens), p.ks)
write_parquet(teacher_forced_loss(tree, tokens, p.ks), snakemake.output[0], dict(p.items()))
