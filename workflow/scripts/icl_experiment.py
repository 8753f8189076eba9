"""Rule icl_experiment: one experiment table of spec §A.5 (the trained-LSA tables read the trained weights)."""

from lmtheory.runtime import configure

log = configure(snakemake)

import time

import numpy as np

from lmtheory.icl.experiments import EXPERIMENTS
from lmtheory.io import write_parquet
from lmtheory.seeds import rng_for

p, table = snakemake.params, snakemake.wildcards.table
kwargs = dict(p.kwargs)
if snakemake.input.model:
    with np.load(snakemake.input.model) as weights:
        kwargs["weights"] = (weights["W_KQ"], weights["W_PV"])
start = time.perf_counter()
frame = EXPERIMENTS[table](rng_for(p.seed, "icl", table), **kwargs)
log.info("%s: %d rows in %.1f s", table, frame.height, time.perf_counter() - start)
write_parquet(frame, snakemake.output[0], dict(p.kwargs), seed=p.seed)
