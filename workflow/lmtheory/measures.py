"""Every claim measure by name: the registry that `check_claim` looks a claim's `measure` up in."""

from . import coloring_measures, cot_measures, icl_measures, scaling_measures, tree_measures

MEASURES = {
    **tree_measures.MEASURES,
    **coloring_measures.MEASURES,
    **icl_measures.MEASURES,
    **cot_measures.MEASURES,
    **scaling_measures.MEASURES,
}
