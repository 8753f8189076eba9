# The claims ledger: one check_claim job per claim of the configured registries (config key `claims`), gathered by
# `ledger`. Cases resolve against the settings and runs the papers registered (CLAIM_SETTINGS, CLAIM_RUNS).
import re

from lmtheory.claims import resolve_cases

CLAIMS = load_claims()
CASES = {cid: resolve_cases(claim, CLAIM_SETTINGS, CLAIM_RUNS) for cid, claim in CLAIMS.items()}
# A claim over runs of a scale that is not configured (e.g. the paper-scale scaling claims under the default config)
# has no case: it is not part of this ledger.
CLAIMS = {cid: claim for cid, claim in CLAIMS.items() if CASES[cid]}
DYNAMIC_IMPORTS["check_claim"] = lambda wc: [f"lmtheory.{CLAIMS[wc.claim]['paper']}.measures"]


wildcard_constraints:
    claim="|".join(re.escape(cid) for cid in CLAIMS),


rule check_claim:
    """Measure one claim on its cases and apply its comparator, inside the Snakemake process (lmtheory.claim_check)."""
    input:
        files=lambda wc: [path for case in CASES[wc.claim] for path in case["inputs"]],
    output:
        "results/claims/{claim}.json",
    params:
        claim=lambda wc: CLAIMS[wc.claim],
        cases=lambda wc: CASES[wc.claim],
        settings=lambda wc: claim_settings(wc.claim),
        run_kind=RUN_KIND,
    log:
        "logs/claims/{claim}.log",
        times="logs/benchmarks/claims/check_claim/{claim}.tsv",
    localrule: True
    run:
        from lmtheory.claim_check import check_claim  # at run time: the dry run does not import polars

        check_claim(params.claim, params.cases, params.settings, params.run_kind, output[0], log[0], log.times)


rule ledger:
    """The ledger: results/ledger.parquet and results/LEDGER.md, one row per claim."""
    input:
        claims=[f"results/claims/{cid}.json" for cid in CLAIMS],
    output:
        parquet="results/ledger.parquet",
        md=report("results/LEDGER.md", caption="../workflow/report/ledger.rst", category="ledger")
        if os.path.exists("results/LEDGER.md")  # flagged once built: a report after a partial build covers what exists
        else "results/LEDGER.md",
    params:
        run_kind=RUN_KIND,
    log:
        "logs/ledger.log",
    localrule: True
    conda:
        "../envs/core.yaml"
    script:
        "../workflow/scripts/build_ledger.py"
