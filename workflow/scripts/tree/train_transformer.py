"""Rule train_transformer: a context-k GPT trained on fresh true windows from training seed s (its initialisation and
data stream); state dict, config and training curve."""

from lmtheory.runtime import configure

log = configure(snakemake)

import torch

from lmtheory.io import provenance
from lmtheory.tree.languages import make_broadcast
from lmtheory.seeds import rng_for, torch_seed
from lmtheory.transformer import GPT, GPTConfig, device, parameter_count, train_and_save
from lmtheory.tree.transformer_data import fresh_batches

p, wc = snakemake.params, snakemake.wildcards
torch.set_num_threads(snakemake.threads)
tree = make_broadcast(p.process, int(wc.d))
k, run = int(wc.k), int(wc.s)
seed = torch_seed(p.seed, "train", wc.lang, wc.d, k, run)
torch.manual_seed(seed)
model = GPT(GPTConfig(vocab=tree.q, context=k, digits=tree.d if p.position_aware else 0, base=tree.b, **p.model))
model.to(device())
log.info("k=%d, seed %d: %d parameters on %s", k, run, parameter_count(model), device())
rng, generator = rng_for(p.seed, "train_data", wc.lang, wc.d, k, run), torch.Generator().manual_seed(seed)
batches = fresh_batches(tree, k, p.batch, rng, generator)
train_and_save(
    model,
    lambda step: [t.to(device()) for t in batches(step)],
    {"steps": p.steps, "lr": p.lr, "weight_decay": p.weight_decay},
    p.batch * k,
    (snakemake.output.model, snakemake.output.config),
    log,
    provenance=provenance(dict(p.items()), p.seed),
)
