# Experiment tables of the papers whose claims are computed in memory per experiment (icl, cot): each job samples
# its tasks or graphs, runs the models and reduces to one statistics table (replicate seeds batched inside the job;
# the raw samples are far larger than the tables they reduce to and take seconds to redraw). A paper registers its
# tables in EXPERIMENT_PAPERS (rules/<paper>.smk): {"experiments": name → parameter names of its function
# (lmtheory.experiment_registry, read from the source), "kwargs": table → keyword arguments, "model": table → model
# files it reads}.


check_experiment_config()
DYNAMIC_IMPORTS["experiment_table"] = lambda wc: [f"lmtheory.{wc.paper}.experiments"]


rule experiment_table:
    """One experiment table: empirical values with SEs next to the closed forms or exact references."""
    input:
        model=lambda wc: EXPERIMENT_PAPERS[wc.paper]["model"](wc.table),
    output:
        "results/{paper}/tables/{table}.parquet",
    wildcard_constraints:
        paper="|".join(EXPERIMENT_PAPERS),
        table="|".join({table for registry in EXPERIMENT_PAPERS.values() for table in registry["experiments"]}),
    params:
        kwargs=lambda wc: EXPERIMENT_PAPERS[wc.paper]["kwargs"](wc.table),
        seed=SEED,
    log:
        "logs/{paper}/tables/{table}.log",
    threads: 1
    resources:  # measured ≤ 0.2 GB and ≤ 9.2 s (e_b8)
        mem_mb=1000,
        runtime=10,
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/experiment_table.py"
