rule sample_exact:
    """B sequences from the exact PA k-gram for k = b^ℓ, ℓ = 0..d (one job per setting and depth)."""
    input:
        model=rules.exact_model.output[0],
        code=pkg("exact_kgram", "trees", "io", "seeds"),
    output:
        "results/tree/samples/{lang}/d{d}/exact.parquet",
    params:
        ks=lambda wc: context_sizes(wc.lang, wc.d),
        samples=lambda wc: gen_samples(wc.lang),
        seed=SEED,
    log:
        "logs/tree/samples/{lang}/d{d}/exact.log",
    threads: 1
    resources:
        mem_mb=lambda wc: corpus_mem_mb(wc, gen_samples(wc.lang)),
        runtime=60,
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/sample_exact.py"


rule sample_counted:
    """B sequences from each counted PM k-gram, prompted with the first k tokens of true sequences."""
    input:
        models=lambda wc: expand(
            "results/tree/models/{lang}/d{d}/counted_k{k}.parquet", k=counted_sizes(wc.lang, wc.d), allow_missing=True
        ),
        process=rules.exact_model.output[0],
        code=pkg("counted_kgram", "trees", "io", "seeds"),
    output:
        "results/tree/samples/{lang}/d{d}/counted.parquet",
    params:
        ks=lambda wc: counted_sizes(wc.lang, wc.d),
        samples=lambda wc: gen_samples(wc.lang),
        seed=SEED,
    log:
        "logs/tree/samples/{lang}/d{d}/counted.log",
    threads: 1
    resources:
        mem_mb=4000,
        runtime=30,
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/sample_counted.py"


rule sample_reasoning:
    """The Θ(log n) reasoning sampler: path traces with a window of d+1 tokens, stripped to leaves."""
    input:
        model=rules.exact_model.output[0],
        code=pkg("reasoning", "trees", "io", "seeds"),
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
    threads: 1
    resources:
        mem_mb=lambda wc: corpus_mem_mb(wc, REASONING["samples"] * (int(wc.d) + 1)),
        runtime=30,
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/sample_reasoning.py"
