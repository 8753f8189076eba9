# The claims ledger: one check_claim job per claim of config/claims.yaml, gathered by `ledger`.


rule check_claim:
    """Measure one claim on its cases and apply its comparator."""
    input:
        files=lambda wc: [path for case in CASES[wc.claim] for path in case["inputs"]],
        code=pkg(
            "claims",
            "measures",
            "tree_measures",
            "coloring_measures",
            "icl_measures",
            "cot_measures",
            "scaling_measures",
            "fits",
            "stats",
            "moments",
            "io",
        ),
    output:
        "results/claims/{claim}.json",
    params:
        claim=lambda wc: CLAIMS[wc.claim],
        cases=lambda wc: CASES[wc.claim],
        settings=lambda wc: claim_settings(wc.claim),
        run_kind=RUN_KIND,
    log:
        "logs/claims/{claim}.log",
    localrule: True
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/check_claim.py"


rule ledger:
    """The ledger: results/ledger.parquet and results/LEDGER.md, one row per claim."""
    input:
        claims=[f"results/claims/{cid}.json" for cid in CLAIMS],
        code=pkg("ledger", "claims", "io"),
    output:
        parquet="results/ledger.parquet",
        md=report("results/LEDGER.md", caption="../workflow/report/ledger.rst", category="ledger"),
    params:
        run_kind=RUN_KIND,
    log:
        "logs/ledger.log",
    localrule: True
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/build_ledger.py"
