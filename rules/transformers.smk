rule train_transformer:
    """A context-k GPT trained on fresh true windows (AdamW, one-cycle); state dict plus config and curve."""
    input:
        code=pkg("transformer", "transformer_data", "languages", "trees", "seeds", "io"),
    output:
        model="results/tree/models/{lang}/d{d}/transformer_k{k}.pt",
        config="results/tree/models/{lang}/d{d}/transformer_k{k}.json",
    params:
        process=lambda wc: process(wc.lang),
        model=TRANSFORMER["model"],
        position_aware=TRANSFORMER["position_aware"],
        steps=TRANSFORMER["steps"],
        batch=TRANSFORMER["batch"],
        lr=TRANSFORMER["lr"],
        weight_decay=TRANSFORMER["weight_decay"],
        seed=SEED,
    log:
        "logs/tree/models/{lang}/d{d}/transformer_k{k}.log",
    threads: 2
    resources:
        mem_mb=4000,
        runtime=120,
        gpu=TRANSFORMER["gpu"],
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/train_transformer.py"


rule sample_transformer:
    """B sequences from each trained context-k GPT (one forward pass per step over the batch)."""
    input:
        unpack(transformer_models),
        code=pkg("transformer", "languages", "trees", "seeds", "io"),
    output:
        "results/tree/samples/{lang}/d{d}/transformer.parquet",
    params:
        process=lambda wc: process(wc.lang),
        ks=lambda wc: TRANSFORMER["settings"][wc.lang]["ks"],
        samples=TRANSFORMER["samples"],
        seed=SEED,
    log:
        "logs/tree/samples/{lang}/d{d}/transformer.log",
    threads: 2
    resources:
        mem_mb=4000,
        runtime=60,
        gpu=TRANSFORMER["gpu"],
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/sample_transformer.py"


rule transformer_loss:
    """Held-out teacher-forced CE of each transformer against the exact k-gram on the same sequences."""
    input:
        unpack(transformer_models),
        code=pkg("transformer", "transformer_data", "exact_kgram", "languages", "trees", "seeds", "io"),
    output:
        "results/tree/statistics/{lang}/d{d}/transformer_loss.parquet",
    params:
        process=lambda wc: process(wc.lang),
        ks=lambda wc: TRANSFORMER["settings"][wc.lang]["ks"],
        sequences=TRANSFORMER["eval_sequences"],
        seed=SEED,
    log:
        "logs/tree/statistics/{lang}/d{d}/transformer_loss.log",
    threads: 2
    resources:
        mem_mb=4000,
        runtime=60,
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/transformer_loss.py"
