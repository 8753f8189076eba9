"""Rule sample_transformer: B sequences from each trained GPT at one context k (per training seed), prompted with k
true tokens."""

from lmtheory.runtime import configure

log = configure(snakemake)

import polars as pl
import torch

from lmtheory.io import tokens_frame, write_parquet
from lmtheory.tree.languages import make_broadcast
from lmtheory.seeds import rng_for, torch_seed
from lmtheory.transformer import device, load_model, sample
from lmtheory.tree.trees import sample_broadcast

p, wc = snakemake.params, snakemake.wildcards
torch.set_num_threads(snakemake.threads)
tree = make_broadcast(p.process, int(wc.d))
frames = []
for (k, run), weights, config in zip(p.runs, snakemake.input.models, snakemake.input.configs, strict=True):
    model = load_model(weights, config, device())
    stream = (p.seed, wc.lang, wc.d, k, run)
    prompts = torch.as_tensor(sample_broadcast(tree, p.samples, rng_for(stream[0], "tf_prompt", *stream[1:]))[:, :k])
    generator = torch.Generator(device=device()).manual_seed(torch_seed(stream[0], "tf_sample", *stream[1:]))
    out = sample(model, prompts.to(device()), tree.n, generator, last_only=True, log=log.info)
    log.info("k=%d, seed %d: %d sequences", k, run, p.samples)
    frames.append(tokens_frame(out.cpu().numpy().astype("uint8"), tree.q, k=k, seed=run))
write_parquet(pl.concat(frames), snakemake.output[0], dict(p.items()), seed=p.seed)
