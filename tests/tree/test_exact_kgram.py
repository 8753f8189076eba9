"""The BP exact k-gram against brute-force conditionals of the enumerated joint law."""

import numpy as np
import pytest

from lmtheory.tree.exact_kgram import ExactKGram
from lmtheory.tree.exactness import all_sequences, goodness_of_fit, leaf_law
from lmtheory.tree.moments import ising_kgram1_var_over_n
from lmtheory.tree.trees import ising_broadcast, spins
from small_trees import SMALL_TREES


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
