# Experiment tables of the papers whose claims are computed in memory per experiment (icl, cot): each job samples
# its tasks or graphs, runs the models and reduces to one statistics table (replicate seeds batched inside the job;
# the raw samples are far larger than the tables they reduce to and take seconds to redraw).


rule experiment_table:
    """One experiment table: empirical values with SEs next to the closed forms or exact references."""
    input:
        model=lambda wc: rules.icl_train_lsa.output.weights if (wc.paper, wc.table) in TRAINED_TABLES else [],
        code=lambda wc: experiment_code(wc.paper),
    output:
        "results/{paper}/tables/{table}.parquet",
    wildcard_constraints:
        paper="|".join(EXPERIMENT_PAPERS),
    params:
        kwargs=lambda wc: experiment_kwargs(wc.paper, wc.table),
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
