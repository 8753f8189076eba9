# In-context linear regression (icl_and_cot.md part A): the trained model and the figures; its experiment tables
# come from rule experiment_table (rules/tables.smk).


rule icl_train_lsa:
    """Full-matrix CoT linear self-attention trained on the teacher-forced GD-CoT loss (spec §A.3.2)."""
    input:
        code=pkg("icl/trained_lsa", "icl/lsa", "icl/tasks", "seeds", "io"),
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
        "../workflow/scripts/icl_train_lsa.py"


rule icl_thoughts_figure:
    """Risk against the number of thoughts: greedy (A-C1) and per-step noise with its τ² floor (A-C2)."""
    input:
        greedy="results/icl/tables/e_a1.parquet",
        noisy="results/icl/tables/e_a2.parquet",
        code=pkg("icl_thoughts_figure", "plots"),
    output:
        report("figures/icl_thoughts.pdf", caption="../results/captions/icl_thoughts.rst", category="icl"),
    log:
        "logs/figures/icl_thoughts.log",
    localrule: True
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/plot_icl_thoughts.py"


rule icl_best_of_n_figure:
    """Risk / exact recovery against N for best-of-N, mean aggregation and majority vote, with the closed forms."""
    input:
        continuous="results/icl/tables/e_a3.parquet",
        binary="results/icl/tables/e_a5.parquet",
        code=pkg("icl_best_of_n_figure", "plots"),
    output:
        report("figures/icl_best_of_n.pdf", caption="../results/captions/icl_best_of_n.rst", category="icl"),
    log:
        "logs/figures/icl_best_of_n.log",
    localrule: True
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/plot_icl_best_of_n.py"


rule icl_temperature_figure:
    """The optimal temperature τ*(N), continuous (A-C5) and binary (A-C10)."""
    input:
        continuous="results/icl/tables/e_a3.parquet",
        binary="results/icl/tables/e_a5.parquet",
        code=pkg("icl_temperature_figure", "icl_measures", "plots"),
    output:
        report("figures/icl_temperature.pdf", caption="../results/captions/icl_temperature.rst", category="icl"),
    log:
        "logs/figures/icl_temperature.log",
    localrule: True
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/plot_icl_temperature.py"


rule icl_budget_figure:
    """Risk against N at a fixed budget N·K (A-C13)."""
    input:
        allocation="results/icl/tables/e_a8.parquet",
        code=pkg("icl_budget_figure", "plots"),
    output:
        report("figures/icl_budget.pdf", caption="../results/captions/icl_budget.rst", category="icl"),
    log:
        "logs/figures/icl_budget.log",
    localrule: True
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/plot_icl_budget.py"
