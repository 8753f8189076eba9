rule ising_corpus:
    """True samples of an Ising broadcast setting at depth d."""
    input:
        code=pkg("trees", "io", "seeds"),
    output:
        "results/tree/corpora/{lang}/d{d}.parquet",
    params:
        b=lambda wc: setting(wc)["b"],
        theta=lambda wc: setting(wc)["theta"],
        samples=ISING["true_samples"],
        seed=SEED,
    log:
        "logs/tree/corpora/{lang}/d{d}.log",
    threads: 1
    resources:
        mem_mb=lambda wc: corpus_mem_mb(wc, ISING["true_samples"]),
        runtime=20,
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/ising_corpus.py"
