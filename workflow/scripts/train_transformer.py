"""Rule train_transformer: a context-k GPT trained on fresh true windows; state dict, config and training curve."""

from lmtheory.runtime import configure

log = configure(snakemake)

import json
import os
import time

import torch

from lmtheory.io import provenance
from lmtheory.languages import make_broadcast
from lmtheory.seeds import rng_for, seed_sequence
from lmtheory.transformer import GPT, GPTConfig, device, parameter_count, train
from lmtheory.transformer_data import fresh_batches

p, wc = snakemake.params, snakemake.wildcards
torch.set_num_threads(snakemake.threads)
tree = make_broadcast(p.process, int(wc.d))
k = int(wc.k)
torch_seed = int(seed_sequence(p.seed, "train", wc.lang, wc.d, k).generate_state(1, "uint64")[0] >> 1)
torch.manual_seed(torch_seed)
cfg = GPTConfig(vocab=tree.q, context=k, digits=tree.d if p.position_aware else 0, base=tree.b, **p.model)
model = GPT(cfg).to(device())
log.info("k=%d: %d parameters on %s", k, parameter_count(model), device())
batches = fresh_batches(
    tree, k, p.batch, rng_for(p.seed, "train_data", wc.lang, wc.d, k), torch.Generator().manual_seed(torch_seed)
)
start = time.perf_counter()
curve = train(model, lambda step: [t.to(device()) for t in batches(step)], p.steps, p.lr, p.weight_decay, log=log.info)
seconds = time.perf_counter() - start
tokens = p.steps * p.batch * k
log.info("trained on %d tokens in %.1f s (%.0f tokens/s)", tokens, seconds, tokens / seconds)
tmp = snakemake.output.model + ".tmp"
torch.save(model.state_dict(), tmp)
os.replace(tmp, snakemake.output.model)
with open(snakemake.output.config, "w") as f:
    json.dump(
        {
            "config": cfg.to_dict(),
            "curve": curve,
            "tokens": tokens,
            "seconds": seconds,
            "provenance": provenance(dict(p.items()), p.seed),
        },
        f,
        indent=1,
    )
