"""Rule scaling_count_entropy: plug-in H_n on the training stream and the held-out cross-entropy of an interpolated
absolute-discount n-gram model, n = 0..count_max_n (the count-based γ estimator of C14 at character level; the
n-gram model of C8)."""

from lmtheory.runtime import configure

log = configure(snakemake)

import numpy as np

from lmtheory.io import write_parquet
from lmtheory.scaling.count_entropies import count_entropy_table
from lmtheory.scaling.streams import read_test_blocks, read_train
from lmtheory.scaling.tokenise import load_tokeniser

options = snakemake.params.options
vocab = load_tokeniser(snakemake.input.tokeniser).vocab_size
train = read_train(snakemake.input.train)
test = np.concatenate(read_test_blocks(snakemake.input.test))
table = count_entropy_table(train, test, vocab, options["count_max_n"])
log.info("\n%s", table)
write_parquet(table, snakemake.output[0], {"count_max_n": options["count_max_n"]})
