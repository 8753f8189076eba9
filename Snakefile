"""Reproduce the claims of language-model theory papers: `snakemake --cores all` builds every figure and the ledger."""

from snakemake.utils import min_version

min_version("9.0")

# The papers: each has lmtheory/<paper>/, rules/<paper>.smk, config/claims/<paper>.yaml, a `<paper>` section in
# config/config.yaml checked by workflow/schemas/<paper>.schema.yaml, and tests/<paper>/. Adding one is this line.
PAPERS = ["tree", "icl", "cot", "scaling"]


configfile: "config/config.yaml"


include: "rules/common.smk"


for paper in PAPERS:

    include: f"rules/{paper}.smk"


include: "rules/experiment_tables.smk"
include: "rules/claims.smk"
include: "rules/report.smk"
include: "rules/stability.smk"


rule all:
    default_target: True
    input:
        [FIGURES[paper] for paper in PAPERS],
        captions([figure for paper in PAPERS for figure in FIGURES[paper]]),
        "results/LEDGER.md",
        "results/ledger.parquet",


for paper in PAPERS:

    rule:
        name:
            paper
        input:
            FIGURES[paper],
            claim_files(paper),


derive_code_inputs()
derive_benchmarks()
