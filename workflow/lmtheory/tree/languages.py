"""The tree languages by kind: a plain-data process description (as passed through rule params) → Broadcast."""

from lmtheory.tree.coloring import coloring_broadcast
from lmtheory.tree.trees import Broadcast, ising_broadcast

KINDS = ("ising", "coloring")


def make_broadcast(process: dict, d: int) -> Broadcast:
    """{'kind': 'ising', 'b', 'theta'} or {'kind': 'coloring', 'q', 'b'} at depth d."""
    if process["kind"] == "ising":
        return ising_broadcast(process["b"], process["theta"], d)
    if process["kind"] == "coloring":
        return coloring_broadcast(process["q"], process["b"], d)
    raise ValueError(f"unknown language kind {process['kind']!r}; known: {KINDS}")
