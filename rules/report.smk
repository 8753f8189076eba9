# Report captions: `snakemake --report` shows each figure with its description and the verdicts of its claims.


rule figure_caption:
    """A figure's report caption: its description plus the claim, the expectation, the measurement and the verdict
    of every ledger claim drawn on it."""
    input:
        description="workflow/report/{figure}.rst",
        claims=lambda wc: [f"results/claims/{cid}.json" for cid in figure_claims(wc.figure)],
    output:
        "results/captions/{figure}.rst",
    log:
        "logs/captions/{figure}.log",
    localrule: True
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/figure_caption.py"

