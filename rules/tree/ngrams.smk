rule count_ngrams:
    """(k+1)-gram counts of a true corpus: (context key, next token, count), sorted."""
    input:
        corpus=rules.corpus.output[0],
    output:
        "results/tree/ngrams/{lang}/d{d}/k{k}.parquet",
    params:
        k=lambda wc: int(wc.k),
        q=lambda wc: alphabet(wc.lang),
    log:
        "logs/tree/ngrams/{lang}/d{d}/k{k}.log",
    priority: TREE_DATA_PRIORITY
    threads: 1
    resources:  # measured 0.3 GB and 2.7 s on 20000 × 6561 tokens (memory: the corpus bound, generous)
        mem_mb=lambda wc: corpus_mem_mb(wc, true_samples(wc.lang)),
        runtime=10,
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/count_ngrams.py"
