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
