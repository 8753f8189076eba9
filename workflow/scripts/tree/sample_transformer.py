"""Rule sample_transformer: B sequences from each trained context-k GPT, prompted with k true tokens."""

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
for k, weights, config in zip(p.ks, snakemake.input.models, snakemake.input.configs, strict=True):
    model = load_model(weights, config, device())
    prompts = torch.as_tensor(sample_broadcast(tree, p.samples, rng_for(p.seed, "tf_prompt", wc.lang, wc.d, k))[:, :k])
    generator = torch.Generator(device=device()).manual_seed(torch_seed(p.seed, "tf_sample", wc.lang, wc.d, k))
    out = sample(model, prompts.to(device()), tree.n, generator)
    log.info("k=%d: %d sequences", k, p.samples)
    frames.append(tokens_frame(out.cpu().numpy().astype("uint8"), tree.q, k=k))
write_parquet(pl.concat(frames), snakemake.output[0], dict(p.items()), seed=p.seed)
