"""Rule ising_corpus: true samples of the Ising broadcast (setting, depth) to Parquet."""

from lmtheory.runtime import configure

log = configure(snakemake)

from lmtheory.io import tokens_frame, write_parquet
from lmtheory.seeds import rng_for
from lmtheory.trees import ising_broadcast, sample_broadcast

p, wc = snakemake.params, snakemake.wildcards
tree = ising_broadcast(p.b, p.theta, int(wc.d))
tokens = sample_broadcast(tree, p.samples, rng_for(p.seed, "corpus", wc.lang, wc.d))
log.info("sampled %d true sequences of length %d", *tokens.shape)
write_parquet(tokens_frame(tokens, tree.q), snakemake.output[0], dict(p.items()), seed=p.seed)
