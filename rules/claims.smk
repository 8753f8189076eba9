# The claims ledger: one check_claim job per claim of config/claims.yaml, gathered by `ledger`.
import re

import yaml

from lmtheory.claims import resolve_cases, validate_comparator


def load_claims(path):
    """The claims registry by id; structure and comparators are checked before any job runs."""
    with open(path) as f:
        entries = yaml.safe_load(f)
    validate(entries, "../workflow/schemas/claims.schema.yaml")
    claims = {}
    for entry in entries:
        if entry["id"] in claims:
            raise ValueError(f"{path}: claim id {entry['id']!r} appears twice")
        validate_comparator(entry["comparator"], entry["id"])
        claims[entry["id"]] = entry
    return claims


CLAIMS = load_claims("config/claims.yaml")
CASES = {cid: resolve_cases(claim, SETTINGS) for cid, claim in CLAIMS.items()}


def claim_files(paper):
    return [f"results/claims/{cid}.json" for cid, claim in CLAIMS.items() if claim["paper"] == paper]


def claim_settings(cid):
    """b and θ of the settings a claim reads: changing another setting leaves the claim alone."""
    langs = {case["lang"] for case in CASES[cid] if "lang" in case}
    return {lang: {"b": SETTINGS[lang]["b"], "theta": SETTINGS[lang]["theta"]} for lang in sorted(langs)}


wildcard_constraints:
    claim="|".join(re.escape(cid) for cid in CLAIMS),


rule check_claim:
    """Measure one claim on its cases and apply its comparator."""
    input:
        files=lambda wc: [path for case in CASES[wc.claim] for path in case["inputs"]],
        code=pkg("claims", "tree_measures", "io"),
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
        [f"results/claims/{cid}.json" for cid in CLAIMS],
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
