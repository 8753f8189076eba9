"""Rule sample_reasoning_transformer: B traces from the trained trace GPT, stripped to leaves; rule faithfulness."""

from lmtheory.runtime import configure

log = configure(snakemake)

import numpy as np
import torch

from lmtheory.io import provenance, tokens_frame, write_json, write_parquet
from lmtheory.tree.languages import make_broadcast
from lmtheory.tree.reasoning import leaves_of, rule_violations, sample_traces
from lmtheory.seeds import rng_for, torch_seed
from lmtheory.transformer import device, load_model, sample

p, wc = snakemake.params, snakemake.wildcards
torch.set_num_threads(snakemake.threads)
tree = make_broadcast(p.process, int(wc.d))
model = load_model(snakemake.input.model, snakemake.input.config, device())
window = model.cfg.context
true_traces, _ = sample_traces(tree, p.samples, rng_for(p.seed, "tf_reasoning_prompt", wc.lang, wc.d))
prompts = torch.as_tensor(true_traces[:, :window], dtype=torch.long, device=device())
generator = torch.Generator(device=device()).manual_seed(torch_seed(p.seed, "tf_reasoning_sample", wc.lang, wc.d))
traces = sample(model, prompts, true_traces.shape[1], generator).cpu().numpy()
violations = rule_violations(traces, tree)
log.info("W=%d: %d traces, %d faithful to the window rule", window, len(traces), int((violations == 0).sum()))
write_parquet(tokens_frame(leaves_of(traces, tree), tree.q), snakemake.output.leaves, dict(p.items()), p.seed)
write_json(
    {
        "window": window,
        "n": tree.n,
        "trace_length": traces.shape[1],
        "samples": len(traces),
        "faithful": int((violations == 0).sum()),
        "violating_tokens": int(violations.sum()),
        "violations_per_trace_max": int(violations.max()),
        "violation_histogram": np.bincount(np.minimum(violations, 10)).tolist(),
        "provenance": provenance(dict(p.items()), p.seed),
    },
    snakemake.output.run,
)
