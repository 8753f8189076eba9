"""Rule sample_transformer: B sequences from each trained context-k GPT, prompted with k true tokens."""

from lmtheory.runtime import configure

log = configure(snakemake)

import json

import polars as pl
import torch

from lmtheory.io import tokens_frame, write_parquet
from lmtheory.languages import make_broadcast
from lmtheory.seeds import rng_for, seed_sequence
from lmtheory.transformer import GPT, GPTConfig, device, sample
from lmtheory.trees import sample_broadcast

p, wc = snakemake.params, snakemake.wildcards
torch.set_num_threads(snakemake.threads)
tree = make_broadcast(p.process, int(wc.d))
frames = []
for k, weights, config in zip(p.ks, snakemake.input.models, snakemake.input.configs, strict=True):
    with open(config) as f:
        model = GPT(GPTConfig(**json.load(f)["config"])).to(device())
    model.load_state_dict(torch.load(weights, map_location=device()))
    prompts = torch.as_tensor(sample_broadcast(tree, p.samples, rng_for(p.seed, "tf_prompt", wc.lang, wc.d, k))[:, :k])
    seed = int(seed_sequence(p.seed, "tf_sample", wc.lang, wc.d, k).generate_state(1, "uint64")[0] >> 1)
    out = sample(model, prompts.to(device()), tree.n, torch.Generator(device=device()).manual_seed(seed))
    log.info("k=%d: %d sequences", k, p.samples)
    frames.append(tokens_frame(out.cpu().numpy().astype("uint8"), tree.q, k=k))
write_parquet(pl.concat(frames), snakemake.output[0], dict(p.items()), seed=p.seed)
