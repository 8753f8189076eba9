"""Controls of the in-context regression claims on the E-A1 experiment (T = 200 prompts). Positive: the CoT-LSA with
the §A.3.2 GD construction (η = 0.3). Negative: an LSA whose weights implement GD at another step size: η = 0.2 (not
the GD it is compared with), η = 1.5 (a divergent chain: more thoughts raise the risk) or η = 0.01 (too slow: 64
thoughts barely lower it)."""

import pytest

from claim_controls import assert_control, assert_declared
from lmtheory.icl.experiments import e_a1_greedy_thoughts
from lmtheory.icl.lsa import gd_construction
from table_controls import table_control

D, T = 10, 200


def lsa(eta=None):
    """E-A1 with the GD construction (eta None) or with the weights of GD at step size eta."""
    return lambda: e_a1_greedy_thoughts(0, T=T, weights=None if eta is None else gd_construction(D, eta))


GD = "the CoT-LSA with the GD construction"
CONTROLS = [
    table_control("icl.lsa_equals_gd", "positive", GD, lsa()),
    table_control("icl.lsa_equals_gd", "negative", "an LSA with the weights of GD at η = 0.2", lsa(0.2)),
    table_control("icl.more_thoughts_decrease", "positive", GD, lsa()),
    table_control("icl.more_thoughts_decrease", "negative", "an LSA with the weights of GD at η = 1.5", lsa(1.5)),
    table_control("icl.more_thoughts_ratio", "positive", GD, lsa()),
    table_control("icl.more_thoughts_ratio", "negative", "an LSA with the weights of GD at η = 0.01", lsa(0.01)),
]


@pytest.mark.parametrize("control", CONTROLS, ids=str)
def test_control(control, tmp_path):
    assert_control(control, tmp_path)


def test_the_claims_declare_these_controls():
    assert_declared("icl", CONTROLS)
