"""True sampler, closed-form Var, moment recursion and the 1-gram recursion against independent references."""

import itertools

import numpy as np
import pytest

from lmtheory.tree.exactness import all_sequences, leaf_law
from lmtheory.tree.moments import (
    b_adic_valuation,
    ising_kgram1_var_over_n,
    ising_kurtosis,
    ising_sum_moments,
    ising_var_over_n,
)
from lmtheory.tree.trees import ising_broadcast, sample_broadcast, spins


def brute_force_law(tree):
    """P(leaves) by summing the joint law over every assignment of the internal nodes (no message passing)."""
    q, b, d = tree.q, tree.b, tree.d
    internal = sum(b**h for h in range(d))  # nodes at heights d..1, stored root first (heap order)
    law = {}
    for values in itertools.product(range(q), repeat=internal + tree.n):
        p = tree.prior[values[0]]
        for child in range(1, internal + tree.n):
            p *= tree.channel[values[(child - 1) // b], values[child]]
        leaves = values[internal:]
        law[leaves] = law.get(leaves, 0.0) + p
    return np.array([law[tuple(x)] for x in all_sequences(q, tree.n)])


@pytest.mark.parametrize("b,theta,d", [(2, 0.8, 2), (2, 0.6, 3), (3, 0.7, 2)])
def test_leaf_law_matches_brute_force(b, theta, d):
    tree = ising_broadcast(b, theta, d)
    np.testing.assert_allclose(leaf_law(tree), brute_force_law(tree), atol=1e-14)


@pytest.mark.parametrize("b,theta,d", [(2, 0.8, 3), (2, 0.9, 4), (3, 0.75, 2), (2, 0.6, 4), (4, 0.5, 2)])
def test_closed_form_var_and_kurtosis_equal_exact_enumeration(b, theta, d):
    tree = ising_broadcast(b, theta, d)
    s = spins(all_sequences(2, tree.n)).sum(axis=1)
    law = leaf_law(tree)
    m2, m4 = law @ s**2, law @ s**4
    assert ising_var_over_n(b, theta, d) == pytest.approx(m2 / tree.n, rel=1e-12)
    assert ising_sum_moments(b, theta, d) == pytest.approx((m2, m4), rel=1e-12)


@pytest.mark.parametrize(
    "b,theta,d,kurt",
    [(2, 0.9, 8, 1.473), (2, 0.9, 40, 1.4878), (3, 0.75, 8, 1.930), (2, 0.8, 12, 2.219), (2, 0.6, 24, 3.000)],
)
def test_kurtosis_recursion_reproduces_spec_table(b, theta, d, kurt):
    """Spec §3.2 table [N], quoted to 3–4 decimals."""
    assert ising_kurtosis(b, theta, d) == pytest.approx(kurt, abs=6e-4)


def test_closed_form_var_and_kurtosis_against_monte_carlo():
    """b=2, θ=0.9, d=8: MC of 20000 true sums within 4 SE of the closed forms (spec §3.1: 61.668)."""
    tree = ising_broadcast(2, 0.9, 8)
    s = spins(sample_broadcast(tree, 20000, np.random.default_rng(7))).sum(axis=1).astype(float)
    var = s.var()
    kurt = ((s - s.mean()) ** 4).mean() / var**2
    se_log_var = np.sqrt((kurt - 1) / len(s))
    assert ising_var_over_n(2, 0.9, 8) == pytest.approx(61.668, abs=1e-3)
    assert abs(np.log(var / tree.n / ising_var_over_n(2, 0.9, 8))) < 4 * se_log_var
    m2, m4 = ising_sum_moments(2, 0.9, 8)
    # SE of the sample kurtosis from the delta method on (S², S⁴) is ≈ 0.01 here; allow 0.04
    assert abs(kurt - m4 / m2**2) < 0.04


def test_sampler_leaf_correlations_follow_lca_height():
    """E[σ_i σ_j] = θ^{2 h(i,j)} for the leaves of the true sampler."""
    theta, tree = 0.8, ising_broadcast(2, 0.8, 4)
    x = spins(sample_broadcast(tree, 40000, np.random.default_rng(3)))
    for j, h in [(1, 1), (2, 2), (5, 3), (9, 4)]:
        assert np.mean(x[:, 0] * x[:, j]) == pytest.approx(theta ** (2 * h), abs=0.02)


def test_b_adic_valuation():
    assert b_adic_valuation(np.array([1, 2, 4, 6, 8, 12]), 2).tolist() == [0, 1, 2, 1, 3, 2]
    assert b_adic_valuation(np.array([3, 9, 10, 27]), 3).tolist() == [1, 2, 0, 3]


def test_kgram1_recursion_reproduces_spec_values():
    """Spec §2.4: 4.990 (b=2, θ=0.9, d=10), 2.623 (b=3, θ=0.75, d=8), 1.509 (b=2, θ=0.6, d=11)."""
    assert ising_kgram1_var_over_n(2, 0.9, 10) == pytest.approx(4.990, abs=6e-4)
    assert ising_kgram1_var_over_n(3, 0.75, 8) == pytest.approx(2.623, abs=6e-4)
    assert ising_kgram1_var_over_n(2, 0.6, 11) == pytest.approx(1.509, abs=6e-4)
