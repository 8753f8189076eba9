"""Which claims a workflow target checks: a paper's target all of that paper's claims, `transformers` the tree
paper's trained-transformer claims (context-k and trace models, the claims rules/tree.smk's `transformers` target lists
with TRANSFORMER_CLAIM), a claim id (`<paper>.<name>`) that claim alone, whose target is its results/claims file."""

import re

TRANSFORMER_CLAIM = re.compile(r"tree\.(reasoning_)?transformer_")


def is_claim(target: str) -> bool:
    """A claim id names its paper before a dot; papers and `transformers` have none."""
    return "." in target


def snakemake_target(target: str) -> str:
    """What Snakemake builds for a target: a claim id's results/claims/<id>.json, else the named target itself."""
    return f"results/claims/{target}.json" if is_claim(target) else target


def checked_by(targets: list[str], claim: str, paper: str) -> bool:
    """Whether one of `targets` (papers, transformers or claim ids) checks `claim` of `paper`."""
    return (
        claim in targets
        or paper in targets
        or ("transformers" in targets and TRANSFORMER_CLAIM.match(claim) is not None)
    )
