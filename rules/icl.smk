# In-context linear regression (icl_and_cot.md part A): the trained model and the figures; its experiment tables
# come from rule experiment_table (rules/experiment_tables.smk).
from lmtheory.experiment_registry import tables
from lmtheory.icl.trained_tables import TRAINED as ICL_TRAINED, table_kwargs as icl_table_kwargs

ICL = config["icl"]
FIGURES["icl"] = [f"figures/icl_{name}.pdf" for name in ("thoughts", "best_of_n", "temperature", "budget")]
for table in ICL["experiments"]:
    icl_table_kwargs(ICL, table)  # a trained-LSA table's entry may not set the model's keys
EXPERIMENT_PAPERS["icl"] = {
    "experiments": tables("icl"),
    "kwargs": lambda table: icl_table_kwargs(ICL, table),
    "model": lambda table: rules.icl_train_lsa.output.weights if table in ICL_TRAINED else [],
}


rule icl_train_lsa:
    """Full-matrix CoT linear self-attention trained on the teacher-forced GD-CoT loss (spec §A.3.2)."""
    output:
        weights="results/icl/models/trained_lsa.npz",
        curve="results/icl/models/trained_lsa.json",
    params:
        **ICL["trained_lsa"],
        seed=SEED,
    log:
        "logs/icl/models/trained_lsa.log",
    threads: 1  # torch at these sizes is fastest (and least disturbed) on one thread
    resources:  # measured 0.4 GB and 12 s
        mem_mb=1000,
        runtime=10,
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/icl/train_lsa.py"


rule icl_thoughts_figure:
    """Risk against the number of thoughts: greedy (A-C1) and per-step noise with its τ² floor (A-C2)."""
    input:
        greedy="results/icl/tables/e_a1.parquet",
        noisy="results/icl/tables/e_a2.parquet",
    output:
        **figure_files("icl_thoughts", "icl"),
    log:
        "logs/figures/icl_thoughts.log",
    localrule: True
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/icl/plot_thoughts.py"


rule icl_best_of_n_figure:
    """Risk / exact recovery against N for best-of-N, mean aggregation and majority vote, with the closed forms."""
    input:
        continuous="results/icl/tables/e_a3.parquet",
        binary="results/icl/tables/e_a5.parquet",
    output:
        **figure_files("icl_best_of_n", "icl"),
    log:
        "logs/figures/icl_best_of_n.log",
    localrule: True
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/icl/plot_best_of_n.py"


rule icl_temperature_figure:
    """The optimal temperature τ*(N), continuous (A-C5) and binary (A-C10)."""
    input:
        continuous="results/icl/tables/e_a3.parquet",
        binary="results/icl/tables/e_a5.parquet",
    output:
        **figure_files("icl_temperature", "icl"),
    log:
        "logs/figures/icl_temperature.log",
    localrule: True
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/icl/plot_temperature.py"


rule icl_budget_figure:
    """Risk against N at a fixed budget N·K (A-C13)."""
    input:
        allocation="results/icl/tables/e_a8.parquet",
    output:
        **figure_files("icl_budget", "icl"),
    log:
        "logs/figures/icl_budget.log",
    localrule: True
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/icl/plot_budget.py"
