rule ising_variance_figure:
    """log₂(Var_gen/n) against context depth for every Ising setting, with prediction and truth lines."""
    input:
        stats=[p for panel in variance_panels().values() for ms in panel["stats"].values() for p in ms.values()],
        fits=[panel["fit"] for panel in variance_panels().values()],
        code=pkg("variance_figure", "plots", "io"),
    output:
        report("figures/ising_variance.pdf", caption="../workflow/report/ising_variance.rst", category="tree"),
    params:
        panels=variance_panels(),
    log:
        "logs/figures/ising_variance.log",
    localrule: True
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/plot_ising_variance.py"


rule ising_truth_figure:
    """Var/n and kurtosis of the true language against depth: exact curves and Monte Carlo (claims C1, C2)."""
    input:
        truth=expand("results/tree/truth/{lang}.parquet", lang=SETTINGS),
        mc=[path for panel in truth_panels().values() for path in panel["mc"].values()],
        code=pkg("truth_figure", "plots"),
    output:
        report("figures/ising_truth.pdf", caption="../workflow/report/ising_truth.rst", category="tree"),
    params:
        settings=truth_panels(),
    log:
        "logs/figures/ising_truth.log",
    localrule: True
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/plot_ising_truth.py"
