rule sequence_statistics:
    """Per context k: Var/n and kurtosis of the sums (bootstrap CIs), the exact references, Var_gen/Var_true."""
    input:
        sequences=sequences_of,
    output:
        stats="results/tree/statistics/{lang}/d{d}/{model}.parquet",
        sums="results/tree/statistics/{lang}/d{d}/{model}_sums.parquet",
    wildcard_constraints:
        lang="|".join(SETTINGS),
        model="true|exact|counted|reasoning|transformer|transformer_slow|reasoning_transformer_[a-z0-9]+",
    params:
        b=lambda wc: setting(wc)["b"],
        theta=lambda wc: setting(wc)["theta"],
        d=lambda wc: int(wc.d),
        bootstrap=ISING["bootstrap"],
        seed=SEED,
    log:
        "logs/tree/statistics/{lang}/d{d}/{model}.log",
    threads: 1
    resources:  # measured 2.6 GB on the true corpus of ising_b3 d=8 (20000 × 6561), ≤ 14.6 s
        mem_mb=lambda wc: corpus_mem_mb(wc, true_samples(wc.lang)),
        runtime=10,
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/sequence_statistics.py"


rule ising_truth:
    """Exact Var/n and kurtosis of the true sum for d = 1..truth_max_depth."""
    output:
        "results/tree/truth/{lang}.parquet",
    wildcard_constraints:
        lang="|".join(SETTINGS),
    params:
        b=lambda wc: setting(wc)["b"],
        theta=lambda wc: setting(wc)["theta"],
        max_depth=ISING["truth_max_depth"],
    log:
        "logs/tree/truth/{lang}.log",
    localrule: True
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/ising_truth.py"


rule exactness_check:
    """χ² goodness of fit of the full-context exact k-gram against the exact law of a small tree."""
    output:
        "results/tree/statistics/exactness.json",
    params:
        **ISING["exactness"],
        seed=SEED,
    log:
        "logs/tree/statistics/exactness.log",
    resources:  # measured ≤ 0.5 GB and ≤ 30 s
        mem_mb=1000,
        runtime=10,
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/exactness_check.py"


rule ks_distance:
    """Per context k: KS distance between |S| of a model's samples and of the true corpus (a TV lower bound)."""
    input:
        generated="results/tree/statistics/{lang}/d{d}/{model}_sums.parquet",
        true="results/tree/statistics/{lang}/d{d}/true_sums.parquet",
    output:
        "results/tree/statistics/{lang}/d{d}/{model}_ks.parquet",
    wildcard_constraints:
        lang="|".join(SETTINGS),
        model="exact|counted",
    params:
        n=lambda wc: setting(wc)["b"] ** int(wc.d),
        bootstrap=ISING["bootstrap"],
        seed=SEED,
    log:
        "logs/tree/statistics/{lang}/d{d}/{model}_ks.log",
    resources:  # measured ≤ 0.5 GB and ≤ 30 s
        mem_mb=1000,
        runtime=10,
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/ks_distance.py"


rule kgram_loss:
    """Teacher-forced cross-entropy of the exact k-gram, k = b^ℓ, on the same true sequences for every k."""
    input:
        model=rules.exact_model.output[0],
        corpus=rules.corpus.output[0],
    output:
        "results/tree/loss/{lang}/d{d}.parquet",
    wildcard_constraints:
        lang="|".join(SETTINGS),
    params:
        ks=lambda wc: context_sizes(wc.lang, wc.d),
        sequences=ISING["loss"]["sequences"],
    log:
        "logs/tree/loss/{lang}/d{d}.log",
    threads: 1
    resources:  # measured 0.3 GB and 30 s for 400 × 4096 tokens × 17 contexts; 3× that time per token and context
        mem_mb=lambda wc: corpus_mem_mb(wc, ISING["loss"]["sequences"]),
        runtime=lambda wc: 10
        + ISING["loss"]["sequences"] * LANGS[wc.lang]["b"] ** int(wc.d) * len(context_sizes(wc.lang, wc.d))
        // 18_000_000,
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/kgram_loss.py"


rule coloring_statistics:
    """Per context k: P(consistent), the frozen-root fraction and first violations per height (coloring)."""
    input:
        sequences=sequences_of,
    output:
        stats="results/tree/statistics/{lang}/d{d}/{model}.parquet",
        violations="results/tree/statistics/{lang}/d{d}/{model}_violations.parquet",
    wildcard_constraints:
        lang="|".join(COLORINGS),
        model="true|exact|counted|reasoning|transformer|transformer_slow|reasoning_transformer_[a-z0-9]+",
    params:
        q=lambda wc: setting(wc)["q"],
        b=lambda wc: setting(wc)["b"],
        d=lambda wc: int(wc.d),
    log:
        "logs/tree/statistics/{lang}/d{d}/{model}.log",
    resources:  # measured 0.8 GB and 3 s on the exact samples of coloring_q3b5 d=5 (1000 × 3125 tokens × 16 k)
        mem_mb=lambda wc: corpus_mem_mb(wc, true_samples(wc.lang)),
        runtime=10,
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/coloring_statistics.py"


rule coloring_truth:
    """Freezing probabilities p_h, p* and the closed-form 1-gram violation rate ε_0 of a coloring setting."""
    output:
        "results/tree/truth/{lang}.json",
    wildcard_constraints:
        lang="|".join(COLORINGS),
    params:
        q=lambda wc: setting(wc)["q"],
        b=lambda wc: setting(wc)["b"],
        max_depth=lambda wc: max(setting(wc)["depths"]),
    log:
        "logs/tree/truth/{lang}.log",
    localrule: True
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/coloring_truth.py"


rule coloring_checks:
    """The consistency DP against exhaustive enumeration on tiny trees, and p* for the configured (q, b) pairs."""
    output:
        "results/tree/statistics/coloring_checks.json",
    params:
        exhaustive=COLORING["exhaustive"],
        freezing_pairs=COLORING["freezing_pairs"],
    log:
        "logs/tree/statistics/coloring_checks.log",
    resources:  # measured ≤ 0.5 GB and ≤ 30 s
        mem_mb=1000,
        runtime=10,
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/coloring_checks.py"


rule reasoning_exactness:
    """χ² goodness of fit of the reasoning sampler's leaves against the exact law of a small tree."""
    output:
        "results/tree/statistics/reasoning_exactness.json",
    params:
        **ISING["exactness"],
        seed=SEED,
    log:
        "logs/tree/statistics/reasoning_exactness.log",
    resources:  # measured ≤ 0.5 GB and ≤ 30 s
        mem_mb=1000,
        runtime=10,
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/reasoning_exactness.py"
