"""Rule counted_model: smooth a (k+1)-gram table into the conditional laws of the counted PM k-gram."""

from lmtheory.runtime import configure

configure(snakemake)

from lmtheory.tree.counted_kgram import CountedKGram
from lmtheory.io import read_parquet, write_parquet

p = snakemake.params
model = CountedKGram.from_counts(read_parquet(snakemake.input.ngrams), p.k, p.q, p.smoothing)
write_parquet(model.to_frame(), snakemake.output[0], dict(p.items()))
