"""Rule ks_distance: per context k, the KS distance between |S| of generated and of true sequences, with CI."""

from lmtheory.runtime import configure

configure(snakemake)

import numpy as np
import polars as pl

from lmtheory.tree.distinguish import ks_with_ci
from lmtheory.io import read_parquet, write_parquet
from lmtheory.seeds import rng_for

p, wc = snakemake.params, snakemake.wildcards
true_abs = np.abs(read_parquet(snakemake.input.true)["sum"].to_numpy())
generated = read_parquet(snakemake.input.generated)
rng = rng_for(p.seed, "ks", wc.lang, wc.d, wc.model)
rows = []
for (k,), group in sorted(generated.group_by("k")):
    gen_abs = np.abs(group["sum"].to_numpy())
    rows.append(
        {
            "k": k,
            "n": p.n,
            "n_over_k": p.n / k,
            "B": len(gen_abs),
            "B_true": len(true_abs),
            **ks_with_ci(gen_abs, true_abs, p.bootstrap, rng),
        }
    )
write_parquet(pl.DataFrame(rows), snakemake.output[0], dict(p.items()), seed=p.seed)
