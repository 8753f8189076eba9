"""Rule ising_truth: exact Var/n, kurtosis and 1-gram Var/n of the true Ising sum for d = 1..max_depth."""

from lmtheory.runtime import configure

configure(snakemake)

from lmtheory.io import write_parquet
from lmtheory.tree.ising_statistics import truth_table

p = snakemake.params
write_parquet(truth_table(p.b, p.theta, p.max_depth), snakemake.output[0], dict(p.items()))
