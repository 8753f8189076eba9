"""Rule train_reasoning_transformer: a GPT with a window of d + 1 + margin tokens trained on true reasoning traces."""

from lmtheory.runtime import configure

log = configure(snakemake)

import torch

from lmtheory.io import provenance, read_tokens
from lmtheory.tree.languages import make_broadcast
from lmtheory.seeds import torch_seed
from lmtheory.transformer import GPT, device, parameter_count, random_windows, train_and_save
from lmtheory.tree.transformer_data import trace_model_config

p, wc = snakemake.params, snakemake.wildcards
torch.set_num_threads(snakemake.threads)
tree = make_broadcast(p.process, int(wc.d))
traces = torch.as_tensor(read_tokens(snakemake.input.traces), dtype=torch.long)
seed = torch_seed(p.seed, "train_reasoning", wc.lang, wc.d)
torch.manual_seed(seed)
model = GPT(trace_model_config(tree, p.margin, p.model)).to(device())
k = model.cfg.context
log.info("W=%d: %d parameters on %s; %d traces of %d tokens", k, parameter_count(model), device(), *traces.shape)
generator = torch.Generator().manual_seed(seed)
train_and_save(
    model,
    lambda step: [t.to(device()) for t in random_windows(traces, k, p.batch, generator)],
    {"steps": p.steps, "lr": p.lr, "weight_decay": p.weight_decay},
    p.batch * k,
    (snakemake.output.model, snakemake.output.config),
    log,
    provenance=provenance(dict(p.items()), p.seed),
)
