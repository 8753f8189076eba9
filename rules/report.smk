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



REPORT_CLAIM_KEYS = ("id", "spec", "paper", "tag", "kind", "statement", "expected", "figure")
REPORT_FIGURES = {paper: [Path(path).stem for path in FIGURES[paper]] for paper in PAPERS}


rule report:
    """The browser report of what is built so far: results/report/index.html (the ledger as a table) and one page per
    paper (figures inline with their claims), unchecked claims and unbuilt figures named (lmtheory.html_report).
    Run it after any build: its inputs are the claim verdicts and figure PNGs that exist when it is called."""
    input:
        claims=[path for path in (f"results/claims/{cid}.json" for cid in CLAIMS) if os.path.exists(path)],
        figures=[
            path
            for names in REPORT_FIGURES.values()
            for path in (f"figures/{name}.png" for name in names)
            if os.path.exists(path)
        ],
    output:
        expand("results/report/{page}.html", page=["index", *PAPERS]),
    params:
        claims={cid: {key: claim.get(key) for key in REPORT_CLAIM_KEYS} for cid, claim in CLAIMS.items()},
        figures=REPORT_FIGURES,
        title=f"lmtheory ({RUN_KIND} config)",
    log:
        "logs/report.log",
    localrule: True
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/html_report.py"
