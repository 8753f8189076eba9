"""Coloring: the feasible-set DP against brute force over internal colourings, freezing and ε_0 closed forms."""

import numpy as np
import pytest

from lmtheory.tree.coloring import (
    brute_force_consistency,
    coloring_broadcast,
    consistency,
    freezing_probabilities,
    frozen_limit,
    violation_rate_k1,
)
from lmtheory.tree.exact_kgram import ExactKGram
from lmtheory.tree.exactness import all_sequences
from lmtheory.tree.trees import sample_broadcast


@pytest.mark.parametrize("q,b,d", [(3, 3, 2), (2, 2, 2), (3, 2, 2), (4, 2, 2)])
def test_dp_equals_brute_force_on_every_sequence(q, b, d):
    consistent, frozen = brute_force_consistency(q, b, d)
    out = consistency(all_sequences(q, b**d), q, b)
    assert np.array_equal(out["consistent"], consistent)
    assert np.array_equal(out["root_frozen"], frozen)
    assert consistent.any() and (consistent.all() == (b < q))  # with b ≥ q children, some leaves are infeasible


def test_first_violations_are_counted_at_their_height():
    """q=3, b=3, d=2: the leaves 0,1,2 under one parent violate at height 1; the root then inherits ∅."""
    x = np.array([[0, 1, 2, 0, 0, 0, 1, 1, 1]])
    out = consistency(x, 3, 3)
    assert out["first_violations"][0].tolist() == [0, 1, 0] and not out["consistent"][0]


def test_true_samples_are_always_consistent():
    for q, b, d in [(3, 5, 3), (3, 3, 4), (4, 9, 2)]:
        x = sample_broadcast(coloring_broadcast(q, b, d), 300, np.random.default_rng(q + b))
        assert consistency(x, q, b)["consistent"].all()


def test_freezing_recursion_matches_the_spec_table_and_monte_carlo():
    """p* = 0.8988 (3,5), 0.9606 (3,6), 0.8550 (4,9), 0 (3,4); the MC frozen-root fraction matches p_d."""
    assert frozen_limit(3, 5) == pytest.approx(0.8988, abs=1e-4)
    assert frozen_limit(3, 6) == pytest.approx(0.9606, abs=1e-4)
    assert frozen_limit(4, 9) == pytest.approx(0.8550, abs=1e-4)
    assert frozen_limit(3, 4) == pytest.approx(0.0, abs=1e-9)
    p = freezing_probabilities(3, 5, 3)
    assert p[1:].round(4).tolist() == [0.9375, 0.9154, 0.9062]
    x = sample_broadcast(coloring_broadcast(3, 5, 3), 20000, np.random.default_rng(0))
    frozen = consistency(x, 3, 5)["root_frozen"].mean()
    assert abs(frozen - p[3]) < 4 * np.sqrt(p[3] * (1 - p[3]) / 20000)


def test_freezing_recursion_equals_exact_enumeration():
    """p_2 for (q, b) = (3, 2): the probability that the true root is forced, summed over all leaf sequences."""
    from lmtheory.tree.exactness import leaf_law

    tree = coloring_broadcast(3, 2, 2)
    _, frozen = brute_force_consistency(3, 2, 2)
    assert leaf_law(tree) @ frozen == pytest.approx(freezing_probabilities(3, 2, 2)[2], abs=1e-12)


def test_violation_rate_closed_form_against_the_1gram():
    """ε_0: the exact 1-gram's per-node violation rate at height 1, by MC (q=3, b=5: 0.4297)."""
    assert violation_rate_k1(3, 5) == pytest.approx(0.4297, abs=1e-4)
    assert violation_rate_k1(4, 9) == pytest.approx(0.6253, abs=1e-4)
    tree = coloring_broadcast(3, 5, 2)
    x = ExactKGram(tree, 1).sample(4000, np.random.default_rng(1))
    rate = consistency(x, 3, 5)["first_violations"][:, 1].mean() / 5
    assert abs(rate - violation_rate_k1(3, 5)) < 4 * np.sqrt(0.43 * 0.57 / 20000)
