"""The BP exact k-gram against brute-force conditionals of the enumerated joint law."""

import numpy as np
import pytest
from reference_exact_kgram import NumpyExactKGram

from lmtheory.tree.coloring import coloring_broadcast
from lmtheory.tree.exact_kgram import ExactKGram
from lmtheory.tree.exactness import all_sequences, goodness_of_fit, leaf_law
from lmtheory.tree.moments import ising_kgram1_var_over_n
from lmtheory.tree.trees import ising_broadcast, spins
from small_trees import SMALL_TREES, asymmetric


def brute_force_conditional(law, q, n, t, s):
    """P(x_t | x_s..x_{t−1}) for every sequence, by marginalising the joint law over all other leaves."""
    joint = law.reshape((q,) * n)
    window = joint.sum(axis=tuple(range(t + 1, n))).sum(axis=tuple(range(s)))
    cond = window / np.where(window.sum(axis=-1, keepdims=True) > 0, window.sum(axis=-1, keepdims=True), 1)
    x = all_sequences(q, n)
    return cond[tuple(x[:, i] for i in range(s, t + 1))]


@pytest.mark.parametrize("name", sorted(SMALL_TREES))
def test_bp_conditionals_equal_brute_force(name):
    tree = SMALL_TREES[name]
    law, x = leaf_law(tree), all_sequences(tree.q, tree.n)
    support = law > 0
    for k in range(1, tree.n):
        with np.errstate(divide="ignore", invalid="ignore"):
            probs = np.exp(ExactKGram(tree, k).log_probs(x[support]))
        for t in range(tree.n):
            ref = brute_force_conditional(law, tree.q, tree.n, t, max(0, t - k))[support]
            np.testing.assert_allclose(probs[:, t], ref, atol=1e-12, err_msg=f"k={k}, t={t}")


@pytest.mark.parametrize("name", sorted(SMALL_TREES))
def test_full_context_reproduces_true_law(name):
    """k ≥ n − 1: the product of the k-gram's conditionals is the true law (TV = 0 up to rounding)."""
    tree = SMALL_TREES[name]
    law, x = leaf_law(tree), all_sequences(tree.q, tree.n)
    support = law > 0
    for k in (tree.n - 1, tree.n, 10 * tree.n):
        model_law = np.exp(ExactKGram(tree, k).log_probs(x[support]).sum(axis=1))
        assert model_law.sum() == pytest.approx(1.0, abs=1e-12)  # no mass outside the true support
        assert 0.5 * np.abs(model_law - law[support]).sum() < 1e-12


def test_short_context_is_not_the_true_law():
    """The k-gram with k < n − 1 differs from the truth: exact TV on the b=2, θ=0.8, d=3 tree."""
    tree = ising_broadcast(2, 0.8, 3)
    law, x = leaf_law(tree), all_sequences(2, tree.n)
    tv = [0.5 * np.abs(np.exp(ExactKGram(tree, k).log_probs(x).sum(axis=1)) - law).sum() for k in (1, 2, 4)]
    assert tv[0] > tv[1] > tv[2] > 0.01


def test_sampler_draws_from_the_model_law():
    """Sampling and teacher forcing agree: χ² of 100k samples of the k=2 model against its own exact law."""
    tree = ising_broadcast(2, 0.8, 3)
    model = ExactKGram(tree, 2)
    x = all_sequences(2, tree.n)
    law = np.exp(model.log_probs(x).sum(axis=1))
    fit = goodness_of_fit(model.sample(100_000, np.random.default_rng(11)), law, 2)
    assert fit["p_value"] > 1e-3


def test_k1_variance_equals_recursion_exactly():
    """k=1: Var(S)/n under the exact enumerated 1-gram law equals n + 2 Σ G_t (spec §2.4)."""
    tree = ising_broadcast(2, 0.9, 4)
    x = all_sequences(2, tree.n)
    law = np.exp(ExactKGram(tree, 1).log_probs(x).sum(axis=1))
    assert law @ spins(x).sum(axis=1) ** 2 / tree.n == pytest.approx(ising_kgram1_var_over_n(2, 0.9, 4), rel=1e-10)


def test_k1_variance_monte_carlo_at_depth_10():
    """Spec §2.4: MC Var/n of the 1-gram at d=10 within 4 SE of 4.990."""
    tree = ising_broadcast(2, 0.9, 10)
    s = spins(ExactKGram(tree, 1).sample(4000, np.random.default_rng(5))).sum(axis=1).astype(float)
    kurt = ((s - s.mean()) ** 4).mean() / s.var() ** 2
    assert abs(np.log(s.var() / tree.n / ising_kgram1_var_over_n(2, 0.9, 10))) < 4 * np.sqrt((kurt - 1) / len(s))


def test_same_seed_same_samples():
    tree = ising_broadcast(3, 0.75, 3)
    a = ExactKGram(tree, 3).sample(50, np.random.default_rng(1))
    b = ExactKGram(tree, 3).sample(50, np.random.default_rng(1))
    c = ExactKGram(tree, 3).sample(50, np.random.default_rng(2))
    assert np.array_equal(a, b) and not np.array_equal(a, c)


def test_rejects_empty_context():
    with pytest.raises(ValueError, match="k must be >= 1"):
        ExactKGram(ising_broadcast(2, 0.9, 3), 0)


@pytest.mark.parametrize(
    "tree",
    [ising_broadcast(2, 0.9, 8), ising_broadcast(3, 0.75, 5), coloring_broadcast(3, 5, 3), asymmetric(2, 6)],
    ids=["ising_b2_d8", "ising_b3_d5", "coloring_q3b5_d3", "asymmetric_b2_d6"],
)
def test_kernel_reproduces_the_numpy_sampler(tree):
    """The compiled kernel draws the numpy recursion's tokens from the same seed and matches its log-probs to 1e-13.

    150 sequences: two full chunks of the kernel and a partial one; contexts from 1 past n cover every climb height.
    """
    for k in sorted({1, 2, tree.b, tree.b**2 + 1, tree.n // 3, tree.n - 1, tree.n, 4 * tree.n}):
        ours = ExactKGram(tree, k).sample(150, np.random.default_rng(k))
        reference = NumpyExactKGram(tree, k).sample(150, np.random.default_rng(k))
        assert np.array_equal(ours, reference), f"k={k}"
        np.testing.assert_allclose(
            ExactKGram(tree, k).log_probs(ours), NumpyExactKGram(tree, k).log_probs(ours), rtol=0, atol=1e-13
        )


def test_log_probs_outside_the_support():
    """Three siblings of three colours leave their parent none: −inf at the third, NaN after it (as the reference)."""
    tree = coloring_broadcast(3, 3, 2)
    tokens = np.array([[0, 1, 2, 0, 0, 0, 0, 0, 0]], np.uint8)
    with np.errstate(divide="ignore", invalid="ignore"):
        ours, reference = ExactKGram(tree, tree.n).log_probs(tokens), NumpyExactKGram(tree, tree.n).log_probs(tokens)
        assert np.array_equal(np.isneginf(ours), np.isneginf(reference)) and np.isneginf(ours[0, 2])
        assert np.array_equal(np.isnan(ours), np.isnan(reference))


def test_log_probs_reject_tokens_the_kernel_cannot_index():
    model = ExactKGram(ising_broadcast(2, 0.9, 3), 2)
    with pytest.raises(ValueError, match="n = 8 tokens in 0..1"):
        model.log_probs(np.full((1, 8), 2))
    with pytest.raises(ValueError, match="n = 8 tokens"):
        model.log_probs(np.zeros((1, 7)))
