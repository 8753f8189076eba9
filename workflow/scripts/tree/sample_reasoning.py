"""Rule sample_reasoning: path traces of the W = d+1 sliding-window reasoning sampler, and their leaves."""

from lmtheory.runtime import configure

log = configure(snakemake)

import math

from lmtheory.io import provenance, read_json, tokens_frame, write_json, write_parquet
from lmtheory.tree.reasoning import rule_violations, sample_traces, vocabulary_size, window_size
from lmtheory.seeds import rng_for
from lmtheory.tree.trees import broadcast_from_dict

p, wc = snakemake.params, snakemake.wildcards
tree = broadcast_from_dict(read_json(snakemake.input.model))
traces, leaves = sample_traces(tree, p.samples, rng_for(p.seed, "reasoning", wc.lang, wc.d))
log.info("%d traces of %d tokens (window %d)", *traces.shape, window_size(tree))
write_parquet(tokens_frame(leaves, tree.q), snakemake.output.leaves, dict(p.items()), seed=p.seed)
write_parquet(
    tokens_frame(traces[: p.trace_samples], vocabulary_size(tree)),
    snakemake.output.traces,
    dict(p.items()),
    seed=p.seed,
)
write_json(
    {
        "b": tree.b,
        "d": tree.d,
        "n": tree.n,
        "window": window_size(tree),
        "log_b_n": math.log(tree.n, tree.b),
        "trace_length": traces.shape[1],
        "checked_traces": min(p.trace_samples, p.samples),
        "rule_violations": int(rule_violations(traces[: p.trace_samples], tree).sum()),
        "vocabulary": vocabulary_size(tree),
        "samples": p.samples,
        "provenance": provenance(dict(p.items()), p.seed),
    },
    snakemake.output.run,
)
