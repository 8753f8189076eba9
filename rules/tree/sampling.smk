rule sample_exact:
    """B sequences from the exact PA k-gram for k = b^ℓ, ℓ = 0..d (one job per setting and depth)."""
    input:
        model=rules.exact_model.output[0],
    output:
        "results/tree/samples/{lang}/d{d}/exact.parquet",
    params:
        ks=lambda wc: context_sizes(wc.lang, wc.d),
        samples=lambda wc: gen_samples(wc.lang),
        seed=SEED,
    log:
        "logs/tree/samples/{lang}/d{d}/exact.log",
    priority: TREE_DATA_PRIORITY
    threads: 1
    resources:  # measured with the numpy sampler for ising_b2 d=12 (8000 × 4096 tokens × 17 contexts) and ising_b3
        # d=8: 400 s, 1.9 GB and 0.7 GB, i.e. 0.72 µs and 3.3 bytes per sampled token and context; 2× that memory,
        # 3× that time (the compiled kernel is ≈ 10× faster: benchmarks/kgram_sampling.py), so the time is generous
        mem_mb=lambda wc: 1000
        + 7 * gen_samples(wc.lang) * LANGS[wc.lang]["b"] ** int(wc.d) * len(context_sizes(wc.lang, wc.d)) // 10**6,
        runtime=lambda wc: 10
        + gen_samples(wc.lang) * LANGS[wc.lang]["b"] ** int(wc.d) * len(context_sizes(wc.lang, wc.d)) // 27_000_000,
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/sample_exact.py"


rule sample_counted:
    """B sequences from each counted PM k-gram, prompted with the first k tokens of true sequences."""
    input:
        models=lambda wc: expand(
            "results/tree/models/{lang}/d{d}/counted_k{k}.parquet", k=counted_sizes(wc.lang, wc.d), allow_missing=True
        ),
        process=rules.exact_model.output[0],
    output:
        "results/tree/samples/{lang}/d{d}/counted.parquet",
    params:
        ks=lambda wc: counted_sizes(wc.lang, wc.d),
        samples=lambda wc: gen_samples(wc.lang),
        seed=SEED,
    log:
        "logs/tree/samples/{lang}/d{d}/counted.log",
    priority: TREE_DATA_PRIORITY
    threads: 1
    resources:  # measured 0.9 GB and 36 s for ising_b2 d=12 (8000 × 4096 tokens × 5 contexts); 3× time per token and k
        mem_mb=lambda wc: corpus_mem_mb(wc, gen_samples(wc.lang)),
        runtime=lambda wc: 10
        + gen_samples(wc.lang) * LANGS[wc.lang]["b"] ** int(wc.d) * len(counted_sizes(wc.lang, wc.d)) // 90_000_000,
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/sample_counted.py"


rule sample_reasoning:
    """The Θ(log n) reasoning sampler: path traces with a window of d+1 tokens, stripped to leaves."""
    input:
        model=rules.exact_model.output[0],
    output:
        leaves="results/tree/samples/{lang}/d{d}/reasoning.parquet",
        traces="results/tree/reasoning/{lang}/d{d}/traces.parquet",
        run="results/tree/reasoning/{lang}/d{d}/run.json",
    params:
        samples=REASONING["samples"],
        trace_samples=REASONING["trace_samples"],
        seed=SEED,
    log:
        "logs/tree/reasoning/{lang}/d{d}.log",
    priority: TRACE_CHAIN_PRIORITY  # the trace transformers' data
    threads: 1
    resources:  # measured 1.8 GB and 17 s for ising_b2 d=12 (2000 traces × 4096 leaves × 13 tokens); 3× time per token
        mem_mb=lambda wc: corpus_mem_mb(wc, REASONING["samples"] * (int(wc.d) + 1)),
        runtime=lambda wc: 10
        + REASONING["samples"] * (int(wc.d) + 1) * LANGS[wc.lang]["b"] ** int(wc.d) // 120_000_000,
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/sample_reasoning.py"
