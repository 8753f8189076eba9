rule train_transformer:
    """A context-k GPT trained on fresh true windows (AdamW, one-cycle) from training seed s (initialisation and data);
    state dict plus config and curve."""
    output:
        model="results/tree/models/{lang}/d{d}/transformer_k{k}_s{s}.pt",
        config="results/tree/models/{lang}/d{d}/transformer_k{k}_s{s}.json",
    wildcard_constraints:
        k=r"\d+",
        s=r"\d+",
    params:
        process=lambda wc: process(wc.lang),
        model=TRANSFORMER["model"],
        position_aware=TRANSFORMER["position_aware"],
        steps=lambda wc: transformer_option(wc.lang, "steps"),
        batch=lambda wc: transformer_option(wc.lang, "batch"),
        lr=lambda wc: transformer_option(wc.lang, "lr"),
        weight_decay=TRANSFORMER["weight_decay"],
        seed=SEED,
    log:
        "logs/tree/models/{lang}/d{d}/transformer_k{k}_s{s}.log",
    priority: context_k_priority
    threads: 1  # torch results depend on the thread count: one thread gives the same numbers for any --cores
    resources:  # measured on one CPU thread: 530 s for 2000 steps × 256 windows of k = 25 (24k tokens/s), 0.6 GB;
        # runtime at a third of that (or of the GPU_TOKENS_PER_S of rules/common.smk on a GPU: not measured)
        mem_mb=4000,  # room for the paper model and CUDA's host-side libraries (not measured: no GPU here)
        runtime=lambda wc: 10 + context_k_tokens(wc) // (60 * (GPU_TOKENS_PER_S if TRANSFORMER["gpu"] else 8000)),
        gpu=TRANSFORMER["gpu"],
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/train_transformer.py"


rule sample_transformer:
    """B sequences from each trained context-k GPT of a tier at one context k, per training seed (one forward pass per
    step over the batch's distinct windows; the last block computes the last position only). One job per k: a context's sampling starts
    once its seeds are trained."""
    input:
        unpack(transformer_models),
    output:
        "results/tree/samples/{lang}/d{d}/{tier}_k{k}.parquet",
    wildcard_constraints:
        tier="|".join(TIERS),
    params:
        process=lambda wc: process(wc.lang),
        runs=lambda wc: transformer_runs(wc.lang, wc.tier, wc.k),
        samples=lambda wc: transformer_option(wc.lang, "samples" if wc.tier == "transformer" else "slow_samples"),
        seed=SEED,
    log:
        "logs/tree/samples/{lang}/d{d}/{tier}_k{k}.log",
    priority: context_k_priority
    threads: 1  # torch results depend on the thread count: one thread gives the same numbers for any --cores
    resources:  # measured on one CPU thread: 273 s for 1000 × 625 tokens read with k = 5 and 25 (69k tokens/s), 0.6 GB;
        # runtime at a third of that (or of the GPU_TOKENS_PER_S of rules/common.smk on a GPU: not measured)
        mem_mb=4000,  # room for the paper model and CUDA's host-side libraries (not measured: no GPU here)
        runtime=lambda wc: 10
        + transformer_option(wc.lang, "samples" if wc.tier == "transformer" else "slow_samples")
        * LANGS[wc.lang]["b"] ** int(wc.d)
        * sum(k for k, _ in transformer_runs(wc.lang, wc.tier, wc.k))
        // (60 * (GPU_TOKENS_PER_S if TRANSFORMER["gpu"] else 23000)),
        gpu=TRANSFORMER["gpu"],
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/sample_transformer.py"


rule merge_transformer_samples:
    """A tier's samples in one file, its contexts in the order of the config (k, then training seed): the rows of
    sample_transformer's per-k files, unchanged."""
    input:
        samples=lambda wc: [
            f"results/tree/samples/{wc.lang}/d{wc.d}/{wc.tier}_k{k}.parquet" for k in tier_ks(wc.lang, wc.tier)
        ],
    output:
        "results/tree/samples/{lang}/d{d}/{tier}.parquet",
    wildcard_constraints:
        tier="|".join(TIERS),
    params:
        ks=lambda wc: tier_ks(wc.lang, wc.tier),
        seed=SEED,
    log:
        "logs/tree/samples/{lang}/d{d}/{tier}.log",
    priority: CONTEXT_K_PRIORITY
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/merge_transformer_samples.py"


rule transformer_loss:
    """Held-out teacher-forced CE of each transformer (per k and training seed) against the exact k-gram on the same
    sequences."""
    input:
        unpack(transformer_models),
    output:
        "results/tree/statistics/{lang}/d{d}/{tier}_loss.parquet",
    wildcard_constraints:
        tier="|".join(TIERS),
    params:
        process=lambda wc: process(wc.lang),
        runs=lambda wc: transformer_runs(wc.lang, wc.tier),
        sequences=TRANSFORMER["eval_sequences"],
        seed=SEED,
    log:
        "logs/tree/statistics/{lang}/d{d}/{tier}_loss.log",
    threads: 1  # torch results depend on the thread count: one thread gives the same numbers for any --cores
    resources:  # measured on one CPU thread: 30 s for 400 × 256 tokens read with k = 4 and 16, 0.4 GB; runtime at
        # the sampling rate above
        mem_mb=4000,  # room for the paper model's activations
        runtime=lambda wc: 10
        + TRANSFORMER["eval_sequences"]
        * LANGS[wc.lang]["b"] ** int(wc.d)
        * sum(k for k, _ in transformer_runs(wc.lang, wc.tier))
        // (60 * 23000),
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/transformer_loss.py"


rule train_reasoning_transformer:
    """A GPT reading W = d + 1 + margin packed trace tokens, trained on the true reasoning traces (spec §6.2): loss
    where the window holds the token's source, depth and digit fixed by the position, until the held-out leak target
    (lmtheory.tree.transformer_data)."""
    input:
        traces=rules.sample_reasoning.output.traces,
    output:
        model="results/tree/models/{lang}/d{d}/reasoning_transformer.pt",
        config="results/tree/models/{lang}/d{d}/reasoning_transformer.json",
    params:
        process=lambda wc: process(wc.lang),
        model=TRANSFORMER["model"],
        margin=TRANSFORMER["reasoning"]["margin"],
        faithful=TRANSFORMER["reasoning"]["faithful"],
        max_steps=TRANSFORMER["reasoning"]["max_steps"],
        eval_every=TRANSFORMER["reasoning"]["eval_every"],
        eval_windows=TRANSFORMER["reasoning"]["eval_windows"],
        held_out=TRANSFORMER["reasoning"]["held_out"],
        batch=TRANSFORMER["reasoning"]["batch"],
        lr=TRANSFORMER["lr"],
        weight_decay=TRANSFORMER["weight_decay"],
        seed=SEED,
    log:
        "logs/tree/models/{lang}/d{d}/reasoning_transformer.log",
    priority: TRACE_CHAIN_PRIORITY
    threads: 1  # torch results depend on the thread count: one thread gives the same numbers for any --cores
    resources:  # measured (2 jobs on 2 cores): 166 s for 3000 steps × 256 windows of W = 10 (46k tokens/s, the
        # held-out evaluations included), 0.5 GB; runtime at a third of that (or of GPU_TOKENS_PER_S on a GPU)
        mem_mb=4000,  # room for the paper model and CUDA's host-side libraries (not measured: no GPU here)
        runtime=lambda wc: 10
        + TRANSFORMER["reasoning"]["max_steps"]
        * TRANSFORMER["reasoning"]["batch"]
        * (int(wc.d) + 1 + TRANSFORMER["reasoning"]["margin"])
        // (60 * (GPU_TOKENS_PER_S if TRANSFORMER["gpu"] else 15000)),
        gpu=TRANSFORMER["gpu"],
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/train_reasoning_transformer.py"


rule sample_reasoning_transformer:
    """B traces from the trace GPT (prompted with W true tokens) under one decoding (the probability floor of
    tree.transformer.reasoning.decodings), stripped to leaves; window-rule violations by kind and depth."""
    input:
        **rules.train_reasoning_transformer.output,
    output:
        leaves="results/tree/samples/{lang}/d{d}/reasoning_transformer_{decoding}.parquet",
        run="results/tree/reasoning/{lang}/d{d}/transformer_run_{decoding}.json",
    wildcard_constraints:
        decoding="|".join(TRANSFORMER["reasoning"]["decodings"]),
    params:
        process=lambda wc: process(wc.lang),
        samples=TRANSFORMER["reasoning"]["samples"],
        floor=lambda wc: TRANSFORMER["reasoning"]["decodings"][wc.decoding],
        seed=SEED,
    log:
        "logs/tree/samples/{lang}/d{d}/reasoning_transformer_{decoding}.log",
    priority: TRACE_CHAIN_PRIORITY
    threads: 1  # torch results depend on the thread count: one thread gives the same numbers for any --cores
    resources:  # measured (2 jobs on 2 cores): 119 s for 1000 traces of 625 × 5 tokens read with W = 6 (158k tokens/s;
        # the last block computes the last position only), 0.5 GB; runtime at a third of that (or GPU_TOKENS_PER_S)
        mem_mb=4000,  # room for the paper model and CUDA's host-side libraries (not measured: no GPU here)
        runtime=lambda wc: 10
        + TRANSFORMER["reasoning"]["samples"]
        * LANGS[wc.lang]["b"] ** int(wc.d)
        * (int(wc.d) + 1)
        * (int(wc.d) + 1 + TRANSFORMER["reasoning"]["margin"])
        // (60 * (GPU_TOKENS_PER_S if TRANSFORMER["gpu"] else 50000)),
        gpu=TRANSFORMER["gpu"],
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/sample_reasoning_transformer.py"
