"""KS distance, teacher-forced loss and the excess-loss fit against independent references."""

import numpy as np
import pytest
from scipy.stats import ks_2samp

from lmtheory.fits import log_excess_slope, paired_excess
from lmtheory.stats import bootstrap_resamples, percentile_ci
from lmtheory.tree.distinguish import ks_distance, ks_with_ci
from lmtheory.tree.exactness import all_sequences, leaf_law
from lmtheory.tree.kgram_loss import teacher_forced_loss
from lmtheory.tree.trees import ising_broadcast


def test_ks_distance_equals_scipy():
    rng = np.random.default_rng(0)
    for _ in range(5):
        a, b = np.abs(rng.integers(-30, 30, 200)), np.abs(rng.integers(-20, 40, 350))
        assert ks_distance(a, b) == pytest.approx(ks_2samp(a, b).statistic)


def test_ks_bootstrap_se_matches_the_asymptotic_scale():
    """Two samples from one law: KS ≈ 0 within its noise, and its SE is of order √(1/n_a + 1/n_b)."""
    rng = np.random.default_rng(1)
    a, b = rng.normal(size=2000), rng.normal(size=4000)
    out = ks_with_ci(a, b, 200, np.random.default_rng(2))
    scale = np.sqrt(1 / 2000 + 1 / 4000)
    assert out["ks"] < 4 * scale and 0.2 * scale < out["ks_se"] < 2 * scale


def test_ks_replicates_equal_ks_of_each_resampled_pair():
    """The bootstrap replicates (CDFs on the pooled ranks, one bincount) are exactly ks_distance of each resampled pair
    drawn from the same generator: integer sums with ties, and continuous data."""
    rng = np.random.default_rng(3)
    cases = [
        (np.abs(rng.integers(-500, 500, 800)), np.abs(rng.integers(-400, 500, 1500))),
        (rng.normal(size=300), rng.normal(0.2, 1, size=500)),
    ]
    for a, b in cases:
        draws = np.random.default_rng(4)
        pairs = zip(bootstrap_resamples(a, 50, draws), bootstrap_resamples(b, 50, draws), strict=True)
        reps = np.array([ks_distance(ra, rb) for ra, rb in pairs])
        out = ks_with_ci(a, b, 50, np.random.default_rng(4))
        assert out["ks_se"] == float(np.std(reps))
        assert (out["ks_lo"], out["ks_hi"]) == percentile_ci(reps)


def test_full_context_loss_is_the_true_log_likelihood():
    """CE at k = n is −log P_true(x)/n for every sequence of a small tree (exact law by enumeration)."""
    tree = ising_broadcast(2, 0.8, 3)
    x = all_sequences(2, tree.n)
    loss = teacher_forced_loss(tree, x, [1, tree.n]).filter(k=tree.n).sort("seq")["ce"].to_numpy()
    np.testing.assert_allclose(loss, -np.log(leaf_law(tree)) / tree.n, rtol=1e-12)


def test_expected_excess_loss_is_a_kl_divergence():
    """Under the true law, n·E[CE_k − CE_n] = KL(P_true ‖ P_k) = Σ_x P(x) log(P(x)/P_k(x)), exactly by enumeration,
    and it decreases with k."""
    tree = ising_broadcast(2, 0.8, 3)
    x, law = all_sequences(2, tree.n), leaf_law(tree)
    frame = teacher_forced_loss(tree, x, [1, 2, 4, tree.n]).sort(["k", "seq"])
    ce = {k: frame.filter(k=k)["ce"].to_numpy() for k in (1, 2, 4, tree.n)}
    kl = []
    for k in (1, 2, 4):
        model_law = np.exp(-tree.n * ce[k])
        kl.append(law @ np.log(law / model_law))
        assert tree.n * law @ (ce[k] - ce[tree.n]) == pytest.approx(kl[-1], rel=1e-10)
    assert kl[0] > kl[1] > kl[2] > 0


def test_paired_excess_slope_recovers_a_geometric_decay():
    """Per-sequence losses with excess 0.1·2^−ℓ plus shared noise: slope of log₂(excess) on ℓ is −1."""
    rng = np.random.default_rng(3)
    levels = np.arange(1, 7)
    base_loss = rng.normal(0.6, 0.05, 500)
    ce = base_loss[:, None] + 0.1 * 2.0**-levels + rng.normal(0, 1e-4, (500, levels.size))
    excess, reps = paired_excess(ce, base_loss, 300, np.random.default_rng(4))
    fit = log_excess_slope(levels, excess, reps, 2)
    assert fit["slope_lo"] < -1 < fit["slope_hi"]
    with pytest.raises(ValueError, match="positive"):
        log_excess_slope(levels, excess - 1, reps, 2)
