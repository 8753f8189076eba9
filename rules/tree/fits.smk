rule fit_variance_slope:
    """Slope of log₂(Var_gen/n) on ℓ over ℓ ≥ fit_min_level and n/k ≥ fit_min_n_over_k, bootstrap CI."""
    input:
        sums="results/tree/statistics/{lang}/d{d}/{model}_sums.parquet",
    output:
        "results/tree/fits/{lang}/d{d}/{model}.json",
    wildcard_constraints:
        model="exact|counted",
    params:
        b=lambda wc: setting(wc)["b"],
        theta=lambda wc: setting(wc)["theta"],
        d=lambda wc: int(wc.d),
        min_level=lambda wc: fit_min_level(wc.lang),
        min_n_over_k=lambda wc: SETTINGS[wc.lang].get("fit_min_n_over_k", ISING["fit_min_n_over_k"]),
        bootstrap=ISING["bootstrap"],
        seed=SEED,
    log:
        "logs/tree/fits/{lang}/d{d}/{model}.log",
    localrule: True
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/fit_variance_slope.py"


rule fit_loss_slope:
    """Excess loss CE_k − CE_n per level and the slope of its log_b on ℓ over min_level ≤ ℓ ≤ d − max_level_gap."""
    input:
        loss=rules.kgram_loss.output[0],
    output:
        "results/tree/fits/{lang}/d{d}/loss.json",
    params:
        b=lambda wc: setting(wc)["b"],
        d=lambda wc: int(wc.d),
        min_level=ISING["loss"]["min_level"],
        max_level_gap=ISING["loss"]["max_level_gap"],
        bootstrap=ISING["bootstrap"],
        seed=SEED,
    log:
        "logs/tree/fits/{lang}/d{d}/loss.log",
    localrule: True
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/fit_loss_slope.py"
