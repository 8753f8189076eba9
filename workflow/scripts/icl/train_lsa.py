"""Rule icl_train_lsa: train the full-matrix CoT-LSA on the teacher-forced GD-CoT loss; weights (.npz) and curve."""

from lmtheory.runtime import configure

log = configure(snakemake)

import os

import numpy as np

from lmtheory.icl.trained_lsa import trained_lsa
from lmtheory.io import provenance, write_json
from lmtheory.seeds import torch_seed

p = snakemake.params
settings = {key: getattr(p, key) for key in ("d", "n", "eta", "K_train", "steps", "batch", "lr")}
model = trained_lsa(**settings, seed=torch_seed(p.seed, "icl", "trained_lsa"), threads=snakemake.threads)
log.info("trained in %.1f s: loss %.3g → %.3g", model["seconds"], model["loss"][0], model["loss"][-1])
temporary = snakemake.output.weights + ".tmp.npz"
np.savez(temporary, W_KQ=model["W_KQ"], W_PV=model["W_PV"])
os.replace(temporary, snakemake.output.weights)
write_json(
    {**settings, "loss": model["loss"], "seconds": model["seconds"], "provenance": provenance(settings, p.seed)},
    snakemake.output.curve,
)
