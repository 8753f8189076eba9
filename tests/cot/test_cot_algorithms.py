"""Algorithms 1–4 of spec icl_and_cot.md B.2.2–B.2.5 on small metastable graphs with fixed seeds."""

import math

import numpy as np
import pytest

from lmtheory.cot import distill, exact, ppo, pretraining, search
from lmtheory.cot.graphs import metastable_graph

# ------------------------------------------------------------------------------------------- Alg. 1 pretraining


def test_two_stage_pretraining_recovers_the_support_and_the_hitting_time():
    g = metastable_graph(0, K=3, M=8, eps=0.02)
    n_x = 20_000  # n_x·ε = 400 transitions per sparse edge
    counts = pretraining.transition_counts(g.P, n_x, np.random.default_rng(1))
    assert np.all(counts.sum(axis=1) == n_x)
    model = pretraining.two_stage(counts, n_x, theta=g.eps / 4)
    support = g.support()
    np.testing.assert_array_equal(model.mask, support)
    assert np.all(model.P2[~support] == 0)
    np.testing.assert_allclose(model.P2.sum(axis=1), 1.0, atol=1e-12)
    np.testing.assert_allclose(model.P2[support], (counts / n_x)[support], atol=1e-6)  # stage 2 converges to the MLE
    truth = exact.mean_hitting_time(g.P, g.x_in, [g.x_out])
    two = exact.mean_hitting_time(model.P2, g.x_in, [g.x_out])
    # sampling error of the sparse edges: ≈ 1/√400 = 5% per edge; allow 15%
    assert two == pytest.approx(truth, rel=0.15)
    # stage 1 alone leaks mass off the support (every entry stays positive) and shortens E τ
    assert np.all(model.P1 > 0)
    leak, cross = pretraining.leaked_mass(model.P1, support, g.labels)
    assert leak > cross > 0
    assert exact.mean_hitting_time(model.P1, g.x_in, [g.x_out]) < truth


def test_stage_one_only_and_the_step_size_guard():
    g = metastable_graph(0, K=2, M=6, eps=0.05)
    counts = pretraining.transition_counts(g.P, 1000, np.random.default_rng(0))
    only = pretraining.stage_one_only(counts, 1000, 0.01, steps=200)
    assert only.P2 is None and only.mask.shape == g.P.shape
    with pytest.raises(ValueError, match="lr"):
        pretraining.two_stage(counts, 1000, 0.01, lr=50)


def test_masked_stage_two_equals_the_full_masked_table():
    g = metastable_graph(3, K=2, M=6, eps=0.05)
    counts = pretraining.transition_counts(g.P, 5000, np.random.default_rng(2))
    model = pretraining.two_stage(counts, 5000, g.eps / 4, steps1=300, steps2=300)
    full = pretraining.softmax(pretraining.gradient_descent(model.W1, counts / 5000, 2.0, 300, model.mask))
    np.testing.assert_allclose(model.P2, full, atol=1e-12)


# ----------------------------------------------------------------------------------------------- Alg. 2 search


@pytest.mark.parametrize("seed", range(5))
def test_search_recovers_the_planted_edges_on_an_easy_instance(seed):
    """T₀ = ⌈4 M ln M⌉ = 67 ≪ M/ε = 1600: the time-scale separation that Alg. 2 relies on."""
    g = metastable_graph(seed, K=4, M=8, eps=0.005)
    res = search.sparse_edge_search(g.P, g.x_in, np.random.default_rng(100 + seed), g.K - 1, g.M, g.eps)
    assert not res.timed_out
    assert search.edge_set(res.edges) == search.edge_set(g.forward_edges)
    for k, cluster in enumerate(res.clusters):
        np.testing.assert_array_equal(cluster, g.cluster(k))
    assert res.cost >= (g.K - 1) * 8 * search.default_burn_in(g.M)


def test_search_times_out_without_an_exit():
    P = np.eye(3)  # nothing leaves any state
    res = search.sparse_edge_search(P, 0, np.random.default_rng(0), 2, 3, 0.1, walks=4, timeout=50)
    assert res.timed_out and len(res.edges) == 0 and res.cost == 4 * (search.default_burn_in(3) + 50)


def test_prm_boost():
    g = metastable_graph(1, K=3, M=8, eps=0.01)
    P = search.boost(g.P, g.forward_edges, 0.5)
    np.testing.assert_allclose(P.sum(axis=1), 1.0, atol=1e-12)
    for s, t in g.forward_edges:
        assert P[s, t] == 0.5
        others = np.arange(g.S) != t
        np.testing.assert_allclose(P[s, others], g.P[s, others] * 0.5 / (1 - g.eps), rtol=1e-12)
    untouched = np.setdiff1d(np.arange(g.S), g.forward_edges[:, 0])
    np.testing.assert_array_equal(P[untouched], g.P[untouched])


# -------------------------------------------------------------------------------------------------- Alg. 3 PPO


@pytest.mark.parametrize("eps", [1e-2, 1e-3])
def test_ppo_clip_leaves_other_rows_unchanged_and_equals_the_prm_kernel(eps):
    g = metastable_graph(2, K=4, M=8, eps=eps)
    edges = g.forward_edges
    res = ppo.ppo_clip(g.P, edges, eps_max=0.5, clip=0.2, lr=0.01, inner_steps=50)
    others = np.setdiff1d(np.arange(g.S), edges[:, 0])
    np.testing.assert_array_equal(res.kernel[others], g.P[others])  # bit-for-bit
    assert ppo.total_variation(res.kernel, g.P)[others].max() == 0.0
    np.testing.assert_allclose(res.kernel, search.boost(g.P, edges, 0.5), atol=1e-12)
    np.testing.assert_allclose(res.kernel[edges[:, 0], edges[:, 1]], 0.5, atol=1e-12)
    assert np.all(res.kernel[g.P == 0] == 0)  # the support is kept
    # each outer iteration multiplies π(t|s) by ≥ 1 + c (until the cap): I ≤ I* = ⌈ln(ε_max/ε)/ln(1 + c)⌉
    trace = res.trace[:, 0]
    assert np.all(trace[1:-1] / trace[:-2] >= 1.2 - 1e-9)
    predicted = ppo.predicted_iterations(eps, 0.5, 0.2)
    assert predicted - max(3, 0.15 * predicted) <= res.iterations <= predicted
    # state-averaged TV = (ε_max − ε)|src|/S exactly
    assert ppo.total_variation(res.kernel, g.P).mean() == pytest.approx((0.5 - eps) * len(edges) / g.S, rel=1e-9)


def test_ppo_with_no_edges_is_the_identity():
    g = metastable_graph(0, K=2, M=6, eps=0.01)
    res = ppo.ppo_clip(g.P, np.zeros((0, 2), int))
    assert res.iterations == 0
    np.testing.assert_array_equal(res.kernel, g.P)


# ---------------------------------------------------------------------------------------------- Alg. 4 distill


def test_time_rescaling_and_jump_chain():
    K, M, eps = 5, 32, 1e-3
    g = metastable_graph(0, K=K, M=M, eps=eps)
    q0 = g.meta_kernel()
    beta = math.log(M / eps)
    q_plus = distill.time_rescale(q0, beta)
    np.testing.assert_allclose(q_plus.sum(axis=1), 1.0)
    np.testing.assert_allclose(distill.jump_chain(q_plus), distill.jump_chain(q0), atol=1e-12)
    # one exit edge of rate ε/M, up-weighted by e^β = M/ε: off-diagonal mass 1/(2 − ε/M) ≈ 1/2
    np.testing.assert_allclose(1 - np.diag(q_plus), 1 / (2 - eps / M), rtol=1e-12)
    # forward chain of K clusters, each left with probability ≈ 1/2 per step: E τ_{1→K} = (K − 1)(2 − ε/M)
    assert exact.chain_hitting_time(q_plus, 0, K - 1) == pytest.approx((K - 1) * (2 - eps / M), rel=1e-9)
    np.testing.assert_allclose(distill.fit_meta_chain(np.array([[3, 1], [0, 0]])), [[0.75, 0.25], [0.0, 1.0]])


def test_distilled_exit_probabilities_match_the_exact_ones():
    g = metastable_graph(5, K=3, M=6, eps=0.02, n_fwd=2, n_back=1)
    res = distill.distill(g.P, g.labels, g.x_in, g.M, g.eps, np.random.default_rng(4), chains=16, data=400)
    exits = np.array([exact.cluster_exit(g.P, g.labels, k)[1] for k in range(g.K)])
    jump = distill.jump_chain(res.q_plus)
    n_exits = res.counts.sum(axis=1) - np.diag(res.counts)
    se = np.sqrt(exits * (1 - exits) / n_exits[:, None])
    assert np.all(np.abs(jump - exits) <= 4 * se + 1e-12), (jump, exits)
    q0 = g.meta_kernel()
    off = (q0 > 0) & ~np.eye(g.K, dtype=bool)
    rate_se = q0[off] / np.sqrt(res.counts[off])
    assert np.all(np.abs(res.q_hat[off] - q0[off]) <= 4 * rate_se)
    assert res.steps == distill.data_steps(g.K, g.M, g.eps, 16, 400)
    assert res.counts.sum() == 16 * res.steps
    assert distill.data_steps(5, 32, 3e-4, 16) == 1_000_000
