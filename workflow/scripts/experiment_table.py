"""Rule experiment_table: one experiment table of the icl or cot paper (the trained-LSA tables read the weights)."""

from lmtheory.runtime import configure

log = configure(snakemake)

import importlib
import time

import numpy as np

from lmtheory.io import write_parquet
from lmtheory.seeds import rng_for

p, paper, table = snakemake.params, snakemake.wildcards.paper, snakemake.wildcards.table
experiment = importlib.import_module(f"lmtheory.{paper}.experiments").EXPERIMENTS[table]
kwargs = dict(p.kwargs)
if snakemake.input.model:
    with np.load(snakemake.input.model) as weights:
        kwargs["weights"] = (weights["W_KQ"], weights["W_PV"])
start = time.perf_counter()
frame = experiment(rng_for(p.seed, paper, table), **kwargs)
log.info("%s/%s: %d rows in %.1f s", paper, table, frame.height, time.perf_counter() - start)
write_parquet(frame, snakemake.output[0], dict(p.kwargs), seed=p.seed)
