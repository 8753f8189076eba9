"""Rule count_ngrams: (k+1)-gram counts (context, next, count) of a corpus, sorted by key."""

from lmtheory.runtime import configure

log = configure(snakemake)

from lmtheory.io import read_tokens, write_parquet
from lmtheory.ngrams import count_ngrams

p = snakemake.params
table = count_ngrams(read_tokens(snakemake.input.corpus), p.k, p.q)
log.info("%d distinct (%d+1)-grams", table.height, p.k)
write_parquet(table, snakemake.output[0], dict(p.items()))
