rule ising_variance_figure:
    """log₂(Var_gen/n) against context depth for every Ising setting, with prediction and truth lines."""
    input:
        stats=[p for panel in variance_panels().values() for ms in panel["stats"].values() for p in ms.values()],
        fits=[panel["fit"] for panel in variance_panels().values()],
    output:
        report("figures/ising_variance.pdf", caption="../../results/captions/ising_variance.rst", category="tree"),
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
        report("figures/ising_truth.pdf", caption="../../results/captions/ising_truth.rst", category="tree"),
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
        report("figures/ising_kurtosis.pdf", caption="../../results/captions/ising_kurtosis.rst", category="tree"),
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
        report("figures/ising_collapse.pdf", caption="../../results/captions/ising_collapse.rst", category="tree"),
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
        report("figures/kgram_loss.pdf", caption="../../results/captions/kgram_loss.rst", category="tree"),
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
        report(
            "figures/coloring_consistency.pdf",
            caption="../../results/captions/coloring_consistency.rst",
            category="tree",
        ),
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
        report(
            "figures/context_vs_reasoning.pdf",
            caption="../../results/captions/context_vs_reasoning.rst",
            category="tree",
        ),
    params:
        series=memory_series(),
    log:
        "logs/figures/context_vs_reasoning.log",
    localrule: True
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/plot_context_vs_reasoning.py"


rule transformer_figure:
    """Transformer points on the exact k-gram curve with the truth line (claim C16); the slower tier's figure adds
    its contexts (k = 64, 125) to the default ones."""
    input:
        stats=lambda wc: [
            path
            for p in transformer_panels(FIGURE_TIERS[wc.suffix]).values()
            for path in (
                p["exact"],
                *p["transformer"],
                *p.get("reasoning", {}).values(),
                *([p["trace_model"]] if "trace_model" in p else []),
            )
        ],
    output:
        report(
            "figures/transformer_vs_ansatz{suffix}.pdf",
            caption="../../results/captions/transformer_vs_ansatz.rst",
            category="tree",
        ),
    wildcard_constraints:
        suffix="|_slow",
    params:
        panels=lambda wc: transformer_panels(FIGURE_TIERS[wc.suffix]),
    log:
        "logs/figures/transformer_vs_ansatz{suffix}.log",
    localrule: True
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/tree/plot_transformer_vs_ansatz.py"
