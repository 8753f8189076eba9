rule exact_model:
    """The exact position-aware k-gram: its broadcast process as JSON (the conditionals are computed by BP)."""
    output:
        "results/tree/models/{lang}/d{d}/exact.json",
    params:
        process=lambda wc: process(wc.lang),
    log:
        "logs/tree/models/{lang}/d{d}/exact.log",
    priority: TRACE_CHAIN_PRIORITY  # it gates the trace chain (sample_reasoning)
    localrule: True
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/exact_model.py"


rule counted_model:
    """The counted position-marginalised k-gram: smoothed conditional laws from (k+1)-gram counts."""
    input:
        ngrams=rules.count_ngrams.output[0],
    output:
        "results/tree/models/{lang}/d{d}/counted_k{k}.parquet",
    params:
        k=lambda wc: int(wc.k),
        q=lambda wc: alphabet(wc.lang),
        smoothing=lambda wc: SECTIONS[wc.lang]["smoothing"],
    log:
        "logs/tree/models/{lang}/d{d}/counted_k{k}.log",
    priority: TREE_DATA_PRIORITY
    resources:  # measured ≤ 0.5 GB and ≤ 30 s
        mem_mb=1000,
        runtime=10,
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/counted_model.py"
