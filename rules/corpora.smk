rule corpus:
    """True samples of a tree-language setting (Ising or coloring) at depth d."""
    input:
        code=pkg("trees", "languages", "coloring", "io", "seeds"),
    output:
        "results/tree/corpora/{lang}/d{d}.parquet",
    params:
        process=lambda wc: process(wc.lang),
        samples=lambda wc: true_samples(wc.lang),
        seed=SEED,
    log:
        "logs/tree/corpora/{lang}/d{d}.log",
    threads: 1
    resources:
        mem_mb=lambda wc: corpus_mem_mb(wc, true_samples(wc.lang)),
        runtime=20,
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/corpus.py"
