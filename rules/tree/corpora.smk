rule corpus:
    """True samples of a tree-language setting (Ising or coloring) at depth d."""
    output:
        "results/tree/corpora/{lang}/d{d}.parquet",
    params:
        process=lambda wc: process(wc.lang),
        samples=lambda wc: true_samples(wc.lang),
        seed=SEED,
    log:
        "logs/tree/corpora/{lang}/d{d}.log",
    priority: TREE_DATA_PRIORITY
    threads: 1
    resources:  # measured 2.4 GB (17.5 B/token) and 9.2 s for 20000 × 6561 tokens; 3× that time per token
        mem_mb=lambda wc: corpus_mem_mb(wc, true_samples(wc.lang)),
        runtime=lambda wc: 10 + true_samples(wc.lang) * LANGS[wc.lang]["b"] ** int(wc.d) // 280_000_000,
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/corpus.py"
