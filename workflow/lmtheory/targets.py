"""Which claims a paper-level workflow target checks: a paper's target all of that paper's claims, `transformers` the
tree paper's trained-transformer claims (context-k and trace models), the claims rules/tree.smk's `transformers`
target lists with TRANSFORMER_CLAIM."""

import re

TRANSFORMER_CLAIM = re.compile(r"tree\.(reasoning_)?transformer_")


def checked_by(targets: list[str], claim: str, paper: str) -> bool:
    """Whether one of `targets` (papers, or transformers) checks `claim` of `paper`."""
    return paper in targets or ("transformers" in targets and TRANSFORMER_CLAIM.match(claim) is not None)
