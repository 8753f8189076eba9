"""Rule train_reasoning_transformer: a GPT with a window of d + 1 + margin tokens trained on true reasoning traces
until its held-out leak and KL from the rule's law are at most the target of tree.transformer.reasoning.faithful
(or for max_steps)."""

from lmtheory.runtime import configure

log = configure(snakemake)

import numpy as np
import torch

from lmtheory.io import provenance, read_tokens
from lmtheory.seeds import rng_for, torch_seed
from lmtheory.transformer import GPT, device, parameter_count, train_and_save
from lmtheory.tree.languages import make_broadcast
from lmtheory.tree.reasoning import sample_traces
from lmtheory.tree.transformer_data import (
    leak_target,
    rule_gap,
    trace_loss_slots,
    trace_model_config,
    trace_windows,
)

p, wc = snakemake.params, snakemake.wildcards
torch.set_num_threads(snakemake.threads)
tree = make_broadcast(p.process, int(wc.d))
traces = torch.as_tensor(read_tokens(snakemake.input.traces), dtype=torch.long)
held_out, _ = sample_traces(tree, p.held_out, rng_for(p.seed, "train_reasoning_held_out", wc.lang, wc.d))
seed = torch_seed(p.seed, "train_reasoning", wc.lang, wc.d)
torch.manual_seed(seed)
model = GPT(trace_model_config(tree, p.margin, p.model)).to(device())
width = model.cfg.context
pick = rng_for(p.seed, "train_reasoning_leak_windows", wc.lang, wc.d)
windows = np.stack(
    [pick.integers(0, p.held_out, p.eval_windows), pick.integers(0, held_out.shape[1] - width, p.eval_windows)], axis=1
)
target = leak_target(tree, width, p.faithful)
log.info("W=%d: %d parameters on %s; %d traces of %d tokens", width, parameter_count(model), device(), *traces.shape)
log.info(
    "leak target %.3g per drawn token (%.0f%% faithful traces), at most %d steps", target, 100 * p.faithful, p.max_steps
)
curve = []  # [step, held-out leak, held-out KL] at each evaluation


def until(step: int) -> bool:
    """Every eval_every steps (and at the last): the held-out leak and KL; stop once both are at most the target."""
    if (step + 1) % p.eval_every and step + 1 < p.max_steps:
        return False
    curve.append([step + 1, *rule_gap(model, held_out, tree, windows)])
    model.train()
    log.info("step %d: held-out leak %.3g, KL %.3g nats/token (target %.3g)", *curve[-1], target)
    return max(curve[-1][1:]) <= target


generator = torch.Generator().manual_seed(seed)
train_and_save(
    model,
    lambda step: [t.to(device()) for t in trace_windows(traces, tree, width, p.batch, generator)],
    {"steps": p.max_steps, "lr": p.lr, "weight_decay": p.weight_decay, "last": trace_loss_slots(tree, width)},
    p.batch * width,
    (snakemake.output.model, snakemake.output.config),
    log,
    until=until,
    leak={"target": target, "faithful": p.faithful, "curve": curve},
    provenance=provenance(dict(p.items()), p.seed),
)
