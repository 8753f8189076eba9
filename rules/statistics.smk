rule sequence_statistics:
    """Per context k: Var/n and kurtosis of the sums (bootstrap CIs), the exact references, Var_gen/Var_true."""
    input:
        sequences=sequences_of,
        code=pkg("ising_statistics", "stats", "moments", "trees", "io", "seeds"),
    output:
        stats="results/tree/statistics/{lang}/d{d}/{model}.parquet",
        sums="results/tree/statistics/{lang}/d{d}/{model}_sums.parquet",
    wildcard_constraints:
        model="true|exact|counted",
    params:
        b=lambda wc: setting(wc)["b"],
        theta=lambda wc: setting(wc)["theta"],
        d=lambda wc: int(wc.d),
        bootstrap=ISING["bootstrap"],
        seed=SEED,
    log:
        "logs/tree/statistics/{lang}/d{d}/{model}.log",
    threads: 1
    resources:
        mem_mb=lambda wc: corpus_mem_mb(wc, ISING["true_samples"]),
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/sequence_statistics.py"


rule ising_truth:
    """Exact Var/n, kurtosis and 1-gram Var/n of the true sum for d = 1..truth_max_depth."""
    input:
        code=pkg("ising_statistics", "moments", "io"),
    output:
        "results/tree/truth/{lang}.parquet",
    params:
        b=lambda wc: setting(wc)["b"],
        theta=lambda wc: setting(wc)["theta"],
        max_depth=ISING["truth_max_depth"],
    log:
        "logs/tree/truth/{lang}.log",
    localrule: True
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/ising_truth.py"


rule exactness_check:
    """χ² goodness of fit of the full-context exact k-gram against the exact law of a small tree."""
    input:
        code=pkg("exactness", "exact_kgram", "trees", "io", "seeds"),
    output:
        "results/tree/statistics/exactness.json",
    params:
        **ISING["exactness"],
        seed=SEED,
    log:
        "logs/tree/statistics/exactness.log",
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/exactness_check.py"


rule ks_distance:
    """Per context k: KS distance between |S| of a model's samples and of the true corpus (a TV lower bound)."""
    input:
        generated="results/tree/statistics/{lang}/d{d}/{model}_sums.parquet",
        true="results/tree/statistics/{lang}/d{d}/true_sums.parquet",
        code=pkg("distinguish", "stats", "io", "seeds"),
    output:
        "results/tree/statistics/{lang}/d{d}/{model}_ks.parquet",
    wildcard_constraints:
        model="exact|counted",
    params:
        n=lambda wc: setting(wc)["b"] ** int(wc.d),
        bootstrap=ISING["bootstrap"],
        seed=SEED,
    log:
        "logs/tree/statistics/{lang}/d{d}/{model}_ks.log",
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/ks_distance.py"


rule kgram_loss:
    """Teacher-forced cross-entropy of the exact k-gram, k = b^ℓ, on the same true sequences for every k."""
    input:
        model=rules.exact_model.output[0],
        corpus=rules.ising_corpus.output[0],
        code=pkg("kgram_loss", "exact_kgram", "trees", "io"),
    output:
        "results/tree/loss/{lang}/d{d}.parquet",
    params:
        ks=lambda wc: context_sizes(wc.lang, wc.d),
        sequences=ISING["loss"]["sequences"],
    log:
        "logs/tree/loss/{lang}/d{d}.log",
    threads: 1
    resources:
        mem_mb=lambda wc: corpus_mem_mb(wc, ISING["loss"]["sequences"]),
        runtime=30,
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/kgram_loss.py"
