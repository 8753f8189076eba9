"""Reproduce the claims of language-model theory papers: `snakemake --cores all` builds every figure and the ledger."""

from snakemake.utils import min_version, validate

min_version("9.0")


configfile: "config/config.yaml"


validate(config, "workflow/schemas/config.schema.yaml")


include: "rules/common.smk"
include: "rules/scaling_common.smk"


wildcard_constraints:
    lang="|".join(LANGS),
    d=r"\d+",
    k=r"\d+",
    claim="|".join(re.escape(cid) for cid in CLAIMS),
    table="|".join({*ICL_EXPERIMENTS, *COT_EXPERIMENTS}),


include: "rules/corpora.smk"
include: "rules/ngrams.smk"
include: "rules/models.smk"
include: "rules/sampling.smk"
include: "rules/transformers.smk"
include: "rules/statistics.smk"
include: "rules/fits.smk"
include: "rules/figures.smk"
include: "rules/icl.smk"
include: "rules/cot.smk"
include: "rules/tables.smk"
include: "rules/claims.smk"
include: "rules/scaling.smk"
include: "rules/report.smk"


rule all:
    default_target: True
    input:
        TREE_FIGURES,
        ICL_FIGURES,
        COT_FIGURES,
        SCALING_FIGURES,
        captions(TREE_FIGURES + ICL_FIGURES + COT_FIGURES + SCALING_FIGURES),
        "results/LEDGER.md",
        "results/ledger.parquet",


rule transformer_slow:
    """The slower transformer tier (spec §6.2: Ising k = 64, coloring k = 125): statistics, losses and figure."""
    input:
        slow_tier_files(),
        "figures/transformer_vs_ansatz_slow.pdf",


rule tree:
    """Every figure and claim verdict of the tree paper (the ledger gathers all papers: `snakemake all`)."""
    input:
        TREE_FIGURES,
        claim_files("tree"),


rule icl:
    """Every figure and claim verdict of the in-context regression paper."""
    input:
        ICL_FIGURES,
        claim_files("icl"),


rule cot:
    """Every figure and claim verdict of the chain-of-thought dynamics paper."""
    input:
        COT_FIGURES,
        claim_files("cot"),


rule scaling:
    """Every figure and claim verdict of the scaling-law paper."""
    input:
        SCALING_FIGURES,
        claim_files("scaling"),
