"""Rule ks_distance: per context k, the KS distance between |S| of generated and of true sequences, with CI."""

from lmtheory.runtime import configure

configure(snakemake)

from lmtheory.io import read_parquet, write_parquet
from lmtheory.seeds import rng_for
from lmtheory.tree.distinguish import ks_by_context

p, wc = snakemake.params, snakemake.wildcards
generated = {k: group["sum"].to_numpy() for (k,), group in read_parquet(snakemake.input.generated).group_by("k")}
rng = rng_for(p.seed, "ks", wc.lang, wc.d, wc.model)
table = ks_by_context(read_parquet(snakemake.input.true)["sum"].to_numpy(), generated, p.n, p.bootstrap, rng)
write_parquet(table, snakemake.output[0], dict(p.items()), seed=p.seed)
