"""Reproduce the claims of language-model theory papers: `snakemake --cores all` builds every figure and the ledger."""

import os
import sys

from snakemake.utils import min_version

min_version("9.0")

# This checkout's library first: the Snakemake process and every job's script import the lmtheory of the workflow
# they belong to (and its provenance records this checkout's commit), whichever checkout `pip install -e` names.
LIBRARY = os.path.join(workflow.basedir, "workflow")
sys.path.insert(0, LIBRARY)
INHERITED = os.environ.copy().pop("PYTHONPATH", "")  # (read off a copy: the linter takes a plain read for a requirement)
os.environ.update(PYTHONPATH=os.pathsep.join(filter(None, [LIBRARY, INHERITED])))

# The papers: each has lmtheory/<paper>/, rules/<paper>.smk, config/claims/<paper>.yaml, a `<paper>` section in
# config/config.yaml checked by workflow/schemas/<paper>.schema.yaml, and tests/<paper>/. Adding one is this line.
PAPERS = ["tree", "icl", "cot", "scaling"]


# Snakemake reports a broken config file without its name or line (snakemake/snakemake#2439): say both first. Files
# given with --configfile are parsed before this runs; `python -m lmtheory.config_errors FILE` names their line.
from snakemake.exceptions import WorkflowError

from lmtheory.config_errors import config_file_error

if os.path.exists("config/config.yaml") and (problem := config_file_error("config/config.yaml")):
    raise WorkflowError(f"config {problem}")


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
