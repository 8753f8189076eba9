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
