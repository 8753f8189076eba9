"""Rule scaling_correlations: ‖Ĉ(n)‖_op, Frobenius norms and the top singular values of the lagged token correlation
on the training stream over a log-spaced lag grid, with ‖Ĉ(n)‖_op of shuffled streams (the permutation floor)."""

from lmtheory.runtime import configure

log = configure(snakemake)

from lmtheory.io import write_parquet
from lmtheory.scaling.correlations import correlation_table, log_lag_grid
from lmtheory.scaling.streams import read_train
from lmtheory.scaling.tokenise import load_tokeniser
from lmtheory.seeds import rng_for

o, wc = snakemake.params.options, snakemake.wildcards
tokens = read_train(snakemake.input.train)
lags = log_lag_grid(o["lag_max"], o["lags"])
table = correlation_table(
    tokens,
    load_tokeniser(snakemake.input.tokeniser).vocab_size,
    lags,
    top_k=o["spectrum"],
    n_permutations=o["permutations"],
    rng=rng_for(snakemake.params.seed, "scaling_permutations", wc.run),
)
log.info("\n%s", table.select("lag", "op_norm", "frob_debiased"))
write_parquet(table, snakemake.output[0], {"correlations": o, "tokens": int(tokens.size)})
