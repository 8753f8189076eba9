"""The reasoning sampler against the exact law and closed forms; k*(n) on constructed tables."""

import numpy as np
import polars as pl
import pytest

from lmtheory.tree.coloring import coloring_broadcast, consistency, freezing_probabilities
from lmtheory.tree.context_requirement import growth_exponent, interpolated_context
from lmtheory.tree.exactness import goodness_of_fit, leaf_law
from lmtheory.tree.moments import ising_var_over_n
from lmtheory.tree.reasoning import (
    VIOLATIONS,
    leaves_of,
    position_structure,
    rule_law,
    rule_violations,
    sample_traces,
    vocabulary_size,
    window_size,
)
from lmtheory.tree.trees import ising_broadcast, spins


@pytest.mark.parametrize("tree", [ising_broadcast(2, 0.8, 3), ising_broadcast(3, 0.7, 2), coloring_broadcast(3, 2, 3)])
def test_reasoning_samples_the_exact_law(tree):
    """χ² of 60k runs' leaves against the exact leaf law of a small tree."""
    _, leaves = sample_traces(tree, 60_000, np.random.default_rng(0))
    assert goodness_of_fit(leaves, leaf_law(tree), tree.q)["p_value"] > 1e-3


def test_trace_structure():
    """Blocks of d+1 tokens: depths 0..d in order, digits spell the leaf index in base b, leaves at depth d."""
    tree = ising_broadcast(3, 0.7, 3)
    traces, leaves = sample_traces(tree, 5, np.random.default_rng(1))
    width, b, q = window_size(tree), tree.b, tree.q
    assert width == 4 and traces.shape == (5, tree.n * width) and traces.max() < vocabulary_size(tree)
    depth, digit = traces // q // b, traces // q % b
    assert np.array_equal(depth[0], np.tile(np.arange(width), tree.n))
    index = (digit[0].reshape(tree.n, width)[:, 1:] * b ** np.arange(tree.d - 1, -1, -1)).sum(axis=1)
    assert np.array_equal(index, np.arange(tree.n))
    assert np.array_equal(leaves_of(traces, tree), leaves)


def test_reasoning_moments_and_consistency_at_scale():
    """Ising d=10: Var/n within 4 SE of the closed form; coloring (3, 5, 3): all consistent, frozen roots ≈ p_3."""
    tree = ising_broadcast(2, 0.9, 10)
    s = spins(sample_traces(tree, 3000, np.random.default_rng(2))[1]).sum(axis=1).astype(float)
    kurt = ((s - s.mean()) ** 4).mean() / s.var() ** 2
    assert abs(np.log(s.var() / tree.n / ising_var_over_n(2, 0.9, 10))) < 4 * np.sqrt((kurt - 1) / len(s))
    out = consistency(sample_traces(coloring_broadcast(3, 5, 3), 3000, np.random.default_rng(3))[1], 3, 5)
    p3 = freezing_probabilities(3, 5, 3)[3]
    assert out["consistent"].all()
    assert abs(out["root_frozen"].mean() - p3) < 4 * np.sqrt(p3 * (1 - p3) / 3000)


def test_required_context_is_interpolated_with_its_interval_and_growth():
    """k* interpolates log k between the bracketing grid points (0.5 → 0.92 crosses 0.9 at 20/21 of the way from
    k = 2 to 4); ±2 SE on the statistic widens it to an interval inside the bracket; a crossing at the first grid
    point is only an upper bound."""
    stats = pl.DataFrame({"k": [1, 2, 4, 8], "var_ratio": [0.1, 0.5, 0.92, 0.99], "log_var_se": [0.0, 0.0, 0.0, 0.0]})
    exact = interpolated_context(stats, "var_ratio", 0.9)
    assert exact["k_star"] == pytest.approx(2 * 2 ** (0.4 / 0.42)) and exact["lo"] == exact["hi"] == exact["k_star"]
    assert exact["bracket"] == (2, 4)
    noisy = interpolated_context(stats.with_columns(log_var_se=pl.lit(0.02)), "var_ratio", 0.9)
    assert 2 <= noisy["lo"] < noisy["k_star"] < noisy["hi"] <= 4
    assert interpolated_context(stats, "var_ratio", 0.999) is None
    assert interpolated_context(stats, "var_ratio", 0.05) == {"k_star": 1.0, "lo": 0.0, "hi": 1.0, "bracket": (1, 1)}
    n = np.array([256, 1024, 4096])
    assert growth_exponent(n, n / 3) == pytest.approx(1, abs=1e-12)
    assert growth_exponent(n, np.log2(n) + 1) < 0.2  # a logarithmic window grows far slower than n


def test_rule_checker_explains_faithful_traces_and_counts_each_error_once():
    """Every token of a sampled trace follows the window rule; a changed copy, digit, depth or new node is one
    violation of its kind at its depth, also when later tokens copy the wrong value on."""
    for tree in (ising_broadcast(3, 0.7, 3), coloring_broadcast(3, 5, 2)):
        traces, _ = sample_traces(tree, 40, np.random.default_rng(4))
        assert not rule_violations(traces, tree).any()
        depth, digit, new = position_structure(tree, traces.shape[1])
        assert (traces // tree.q // tree.b == depth).all() and (traces // tree.q % tree.b == digit).all()
        width = window_size(tree)
        corrupted = traces.astype(np.int64)
        root = (tree.n - 1) * width  # the root's value in the last block must be a copy
        corrupted[0, root] += (corrupted[0, root] + 1) % tree.q - corrupted[0, root] % tree.q
        corrupted[1, 7 * width + tree.d] += tree.q  # leaf 7's digit moved by one
        corrupted[2, 3 * width + 1] += tree.b * tree.q  # a depth-1 token moved to depth 2
        counts = rule_violations(corrupted, tree)
        assert counts.sum(axis=(1, 2)).tolist()[:4] == [1, 1, 1, 0] and not counts[3:].any()
        assert counts[0, VIOLATIONS.index("copy"), 0] == 1
        assert counts[1, VIOLATIONS.index("digit"), tree.d] == 1
        assert counts[2, VIOLATIONS.index("depth"), 1] == 1
    tree = ising_broadcast(2, 0.7, 4)
    traces = sample_traces(tree, 5, np.random.default_rng(5))[0].astype(np.int64)
    roots = np.arange(5, tree.n) * window_size(tree)  # the root flipped from block 5 on, each block copying it on
    traces[0, roots] += 1 - 2 * (traces[0, roots] % 2)
    counts = rule_violations(traces, tree)
    assert counts.sum() == 1 and counts[0, VIOLATIONS.index("copy"), 0] == 1
    tree = coloring_broadcast(3, 5, 2)
    traces, _ = sample_traces(tree, 5, np.random.default_rng(5))
    leaf = width = window_size(tree)  # block 1, depth d: leaf 1 is a new node, coloured unlike its parent T(1, d−1)
    traces[0, leaf + tree.d] = (
        traces[0, leaf + tree.d] - traces[0, leaf + tree.d] % 3 + traces[0, leaf + tree.d - 1] % 3
    )
    counts = rule_violations(traces, tree)
    assert counts[0, VIOLATIONS.index("new_node"), tree.d] == 1 and counts.sum() == 1 and width == tree.d + 1


def test_rule_law_is_the_samplers_law():
    """The rule's law of each value, given the trace before it, matches the sampler's draws: copies are certain,
    and new nodes follow M from the parent (frequencies within 5 SE over 4000 traces)."""
    tree = ising_broadcast(2, 0.6, 3)
    traces, _ = sample_traces(tree, 4000, np.random.default_rng(6))
    law = rule_law(traces, tree)
    value = traces % tree.q
    drawn = np.take_along_axis(law, value[..., None], axis=2)[..., 0]
    assert (drawn > 0).all()
    _, _, new = position_structure(tree, traces.shape[1])
    assert np.allclose(law[:, ~new].max(axis=2), 1)
    flips = (value[:, 1:][:, new[1:]] != value[:, :-1][:, new[1:]]).mean()
    se = np.sqrt(0.2 * 0.8 / value[:, 1:][:, new[1:]].size)
    assert abs(flips - (1 - 0.6) / 2) < 5 * se
