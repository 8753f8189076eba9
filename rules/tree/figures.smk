rule ising_variance_figure:
    """log₂(Var_gen/n) against context depth for every Ising setting, with prediction and truth lines."""
    input:
        stats=[p for panel in variance_panels().values() for ms in panel["stats"].values() for p in ms.values()],
        fits=[panel["fit"] for panel in variance_panels().values()],
    output:
        **figure_files("ising_variance", "tree"),
    params:
        panels=variance_panels(),
    log:
        "logs/figures/ising_variance.log",
    localrule: True
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/plot_ising_variance.py"


rule ising_truth_figure:
    """Var/n and kurtosis of the true language against depth: exact curves and Monte Carlo (claims C1, C2)."""
    input:
        truth=expand("results/tree/truth/{lang}.parquet", lang=SETTINGS),
        mc=[path for panel in truth_panels().values() for path in panel["mc"].values()],
    output:
        **figure_files("ising_truth", "tree"),
    params:
        settings=truth_panels(),
    log:
        "logs/figures/ising_truth.log",
    localrule: True
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/plot_ising_truth.py"


rule ising_kurtosis_figure:
    """Kurtosis of generated sums against context depth, with the truth and the Gaussian value (claims C6, C7)."""
    input:
        stats=[c["stats"] for c in context_curves().values()],
    output:
        **figure_files("ising_kurtosis", "tree"),
    params:
        panels=variance_panels(),
    log:
        "logs/figures/ising_kurtosis.log",
    localrule: True
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/plot_ising_kurtosis.py"


rule ising_collapse_figure:
    """Var_gen/Var_true and the KS distance against n/k for every setting and depth (claims C5, C8)."""
    input:
        stats=[c["stats"] for c in context_curves().values()],
        ks=[c["ks"] for c in context_curves().values()],
    output:
        **figure_files("ising_collapse", "tree"),
    params:
        curves=context_curves(),
    log:
        "logs/figures/ising_collapse.log",
    localrule: True
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/plot_ising_collapse.py"


rule kgram_loss_figure:
    """Excess teacher-forced loss of the exact k-gram against context depth (claim C9)."""
    input:
        loss=[c["loss"] for c in context_curves().values()],
    output:
        **figure_files("kgram_loss", "tree"),
    params:
        curves=context_curves(),
    log:
        "logs/figures/kgram_loss.log",
    localrule: True
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/plot_kgram_loss.py"


rule coloring_consistency_figure:
    """P(consistent) against n/k and ε_ℓ against ℓ for every coloring setting and depth (claims C10–C13)."""
    input:
        stats=[c["stats"] for c in coloring_curves().values()],
        counted=[c["counted"] for c in coloring_curves().values()],
        violations=[c["violations"] for c in coloring_curves().values()],
        truth=expand("results/tree/truth/{lang}.json", lang=COLORINGS),
    output:
        **figure_files("coloring_consistency", "tree"),
    params:
        curves=coloring_curves(),
    log:
        "logs/figures/coloring_consistency.log",
    localrule: True
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/plot_coloring_consistency.py"


rule context_vs_reasoning_figure:
    """Memory needed against n: k*(n) of the k-gram vs the reasoning window (claims C14, C15)."""
    input:
        stats=[p for s in memory_series().values() for p in s["stats"]],
        runs=[p for s in memory_series().values() for p in s["runs"]],
    output:
        **figure_files("context_vs_reasoning", "tree"),
    params:
        series=memory_series(),
    log:
        "logs/figures/context_vs_reasoning.log",
    localrule: True
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/plot_context_vs_reasoning.py"


for suffix, tiers in FIGURE_TIERS.items():

    rule:
        """Transformer points on the exact k-gram curve with the truth line (claim C16); the slower tier's figure
        (suffix _slow) adds its contexts (k = 64, 125) to the default ones."""
        name:
            f"transformer_figure{suffix}"
        input:
            stats=[
                path
                for p in transformer_panels(tiers).values()
                for path in (
                    p["exact"],
                    *p["transformer"],
                    *p.get("reasoning", {}).values(),
                    *([p["trace_model"]] if "trace_model" in p else []),
                )
            ],
        output:
            **figure_files(f"transformer_vs_ansatz{suffix}", "tree", caption="transformer_vs_ansatz"),
        params:
            panels=transformer_panels(tiers),
        log:
            f"logs/figures/transformer_vs_ansatz{suffix}.log",
        localrule: True
        conda:
            "../../envs/core.yaml"
        script:
            "../../workflow/scripts/tree/plot_transformer_vs_ansatz.py"
