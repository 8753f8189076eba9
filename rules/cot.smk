# Metastable chain-of-thought dynamics (icl_and_cot.md part B): figures from the experiment tables
# (rule experiment_table, rules/experiment_tables.smk).
from lmtheory.experiment_registry import tables

FIGURES["cot"] = [f"figures/cot_{name}.pdf" for name in ("hitting_time", "search_rl", "metastability", "pretraining")]
EXPERIMENT_PAPERS["cot"] = {
    "experiments": tables("cot"),
    "kwargs": lambda table: dict(config["cot"]["experiments"].get(table, {})),
    "model": lambda table: [],
}


rule cot_hitting_time_figure:
    """Exact hitting times against (K−1)M/ε over ε, M and K, with the Monte Carlo check (B-C1)."""
    input:
        hitting="results/cot/tables/e_b1.parquet",
    output:
        **figure_files("cot_hitting_time", "cot"),
    log:
        "logs/figures/cot_hitting_time.log",
    localrule: True
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/cot/plot_hitting_time.py"


rule cot_search_rl_figure:
    """Pretrained vs searched (PRM) vs PPO vs distilled reasoners (B-C3–B-C6, B-C8)."""
    input:
        headline="results/cot/tables/e_b8.parquet",
        prm="results/cot/tables/e_b4.parquet",
        search="results/cot/tables/e_b3.parquet",
        ppo="results/cot/tables/e_b5.parquet",
        distill="results/cot/tables/e_b6.parquet",
    output:
        **figure_files("cot_search_rl", "cot"),
    log:
        "logs/figures/cot_search_rl.log",
    localrule: True
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/cot/plot_search_rl.py"


rule cot_metastability_figure:
    """Staircase trajectories, the dwell-time distribution against Exp(M/ε) and the spectrum (B-C2)."""
    input:
        dynamics="results/cot/tables/e_b2.parquet",
    output:
        **figure_files("cot_metastability", "cot"),
    log:
        "logs/figures/cot_metastability.log",
    localrule: True
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/cot/plot_metastability.py"


rule cot_pretraining_figure:
    """E τ of the truth, the stage-1 model and the two-stage model (B-C7)."""
    input:
        pretraining="results/cot/tables/e_b7.parquet",
    output:
        **figure_files("cot_pretraining", "cot"),
    log:
        "logs/figures/cot_pretraining.log",
    localrule: True
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/cot/plot_pretraining.py"
