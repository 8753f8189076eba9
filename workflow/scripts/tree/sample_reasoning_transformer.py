"""Rule sample_reasoning_transformer: B traces from the trained trace GPT under one decoding, stripped to leaves;
window-rule violations by kind and depth."""

from lmtheory.runtime import configure

log = configure(snakemake)

import torch

from lmtheory.io import provenance, read_json, tokens_frame, write_json, write_parquet
from lmtheory.seeds import rng_for, torch_seed
from lmtheory.transformer import device, load_model, sample
from lmtheory.tree.languages import make_broadcast
from lmtheory.tree.reasoning import faithfulness, leaves_of, sample_traces

p, wc = snakemake.params, snakemake.wildcards
torch.set_num_threads(snakemake.threads)
tree = make_broadcast(p.process, int(wc.d))
model = load_model(snakemake.input.model, snakemake.input.config, device())
leak = read_json(snakemake.input.config)["leak"]
window = model.cfg.context
true_traces, _ = sample_traces(tree, p.samples, rng_for(p.seed, "tf_reasoning_prompt", wc.lang, wc.d))
prompts = torch.as_tensor(true_traces[:, :window], dtype=torch.long, device=device())
generator = torch.Generator(device=device()).manual_seed(
    torch_seed(p.seed, "tf_reasoning_sample", wc.lang, wc.d, wc.decoding)
)
traces = sample(model, prompts, true_traces.shape[1], generator, p.floor, last_only=True, log=log.info).cpu().numpy()
summary = faithfulness(traces, tree)
log.info(
    "W=%d, %s decoding (floor %g): %d traces, %d faithful; violating tokens by kind %s",
    window,
    wc.decoding,
    p.floor,
    len(traces),
    summary["faithful"],
    summary["violations_by_kind"],
)
write_parquet(tokens_frame(leaves_of(traces, tree), tree.q), snakemake.output.leaves, dict(p.items()), p.seed)
write_json(
    {
        "window": window,
        "decoding": wc.decoding,
        "floor": p.floor,
        "n": tree.n,
        "drawn_tokens": traces.shape[1] - window,
        **summary,
        "training_steps": leak["curve"][-1][0],
        "held_out_leak": leak["curve"][-1][1],
        "held_out_kl": leak["curve"][-1][2],
        "leak_target": leak["target"],
        "provenance": provenance(dict(p.items()), p.seed),
    },
    snakemake.output.run,
)
