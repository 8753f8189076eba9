"""Rule corpus: true samples of a tree language (setting, depth) to Parquet."""

from lmtheory.runtime import configure

log = configure(snakemake)

from lmtheory.io import tokens_frame, write_parquet
from lmtheory.tree.languages import make_broadcast
from lmtheory.seeds import rng_for
from lmtheory.tree.trees import sample_broadcast

p, wc = snakemake.params, snakemake.wildcards
tree = make_broadcast(p.process, int(wc.d))
tokens = sample_broadcast(tree, p.samples, rng_for(p.seed, "corpus", wc.lang, wc.d))
log.info("sampled %d true sequences of length %d", *tokens.shape)
write_parquet(tokens_frame(tokens, tree.q), snakemake.output[0], dict(p.items()), seed=p.seed)
