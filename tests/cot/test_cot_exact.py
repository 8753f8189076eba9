"""Metastable graph, exact hitting times / exits / spectra and the chain simulator (spec icl_and_cot.md B.2.1).

References: hand-computable chains, the absorbing-chain fundamental matrix by explicit inversion, the identity
ε Σ_y P₀(s, y) h(y) = M for a doubly stochastic cluster with one leaky state, and Monte Carlo with tolerances of
4 standard errors (fixed seeds).
"""

import numpy as np
import pytest
import scipy.sparse as sp

from lmtheory.cot import exact, simulate
from lmtheory.cot.graphs import metastable_graph


def small(seed=0, **kwargs):
    return metastable_graph(seed, **{"K": 3, "M": 6, "eps": 0.05, **kwargs})


# ---------------------------------------------------------------------------------------------- the generator


def test_graph_structure():
    g = metastable_graph(1, K=4, M=10, eps=0.01, n_fwd=2, n_back=1)
    assert g.S == 40 and g.P.shape == (40, 40)
    np.testing.assert_allclose(g.P.sum(axis=1), 1.0, atol=1e-12)
    for k in range(g.K):  # P₀ is block diagonal and doubly stochastic inside each cluster
        block = g.base[np.ix_(g.cluster(k), g.cluster(k))]
        np.testing.assert_allclose(block.sum(axis=0), 1.0, atol=1e-12)
        np.testing.assert_allclose(block.sum(axis=1), 1.0, atol=1e-12)
    assert np.all(g.base[g.labels[:, None] != g.labels[None, :]] == 0)
    assert sorted(g.kinds) == sorted(["fwd"] * 6 + ["back"] * 3 + ["wrap"])
    assert len(np.unique(g.edges[:, 0])) == len(g.edges)  # distinct sources
    for (s, t), kind in zip(g.edges, g.kinds, strict=True):
        step = {"fwd": 1, "back": -1, "wrap": 1 - g.K}[kind]
        assert g.labels[t] - g.labels[s] == step
        assert g.P[s, t] == pytest.approx((1 - g.eps) * g.base[s, t] + g.eps)
    assert g.labels[g.x_in] == 0 and g.labels[g.x_out] == g.K - 1
    q = g.meta_kernel()
    np.testing.assert_allclose(q.sum(axis=1), 1.0)
    assert q[1, 2] == pytest.approx(2 * 0.01 / 10) and q[1, 0] == pytest.approx(0.01 / 10) and q[3, 0] > 0


def test_with_eps_changes_only_the_sparse_rows():
    g = small()
    h = g.with_eps(0.001)
    changed = np.flatnonzero(np.abs(g.P - h.P).sum(axis=1) > 0)
    assert set(changed) == set(g.edges[:, 0])
    assert np.array_equal(g.labels, h.labels) and np.array_equal(g.edges, h.edges)


def test_sparse_storage_matches_dense():
    dense, csr = small(3), small(3, sparse=True)
    assert sp.issparse(csr.P)
    np.testing.assert_allclose(csr.P.toarray(), dense.P, atol=1e-15)
    np.testing.assert_allclose(
        exact.hitting_times(csr.P, [csr.x_out]), exact.hitting_times(dense.P, [dense.x_out]), rtol=1e-10
    )
    _, law_dense = exact.cluster_exit(dense.P, dense.labels, 1)
    _, law_sparse = exact.cluster_exit(csr.P, csr.labels, 1)
    np.testing.assert_allclose(law_sparse, law_dense, atol=1e-12)


# ------------------------------------------------------------------------------------------ exact hitting times


def test_two_state_chain_hitting_time_is_geometric():
    a, b = 0.03, 0.4
    P = np.array([[1 - a, a], [b, 1 - b]])
    assert exact.mean_hitting_time(P, 0, [1]) == pytest.approx(1 / a, rel=1e-12)
    assert exact.mean_hitting_time(P, 1, [1]) == 0.0


def test_birth_death_chain_against_the_gamblers_formula():
    """Lazy walk on {0..n} reflecting at 0: from 0, E τ_n = Σ_{j<n} (j + 1)/p for up-rate p = down-rate."""
    n, p = 6, 0.3
    P = np.zeros((n + 1, n + 1))
    for i in range(n + 1):
        if i < n:
            P[i, i + 1] = p
        if i > 0:
            P[i, i - 1] = p
        P[i, i] = 1 - P[i].sum()
    expected = sum((j + 1) / p for j in range(n))
    assert exact.mean_hitting_time(P, 0, [n]) == pytest.approx(expected, rel=1e-12)


def test_hitting_times_against_the_fundamental_matrix():
    g = metastable_graph(7, K=3, M=8, eps=0.02)
    targets = [g.x_out]
    keep = np.setdiff1d(np.arange(g.S), targets)
    N = np.linalg.inv(np.eye(len(keep)) - g.P[np.ix_(keep, keep)])  # absorbing-chain fundamental matrix
    h = exact.hitting_times(g.P, targets)
    np.testing.assert_allclose(h[keep], N.sum(axis=1), rtol=1e-9)
    assert h[g.x_out] == 0
    start = np.full(g.S, 1 / g.M) * (g.labels == 0)  # a distribution as the start
    assert exact.mean_hitting_time(g.P, start, targets) == pytest.approx(h[g.labels == 0].mean(), rel=1e-12)


def test_unreachable_states_have_infinite_hitting_time():
    P = np.array([[0.5, 0.5, 0.0], [0.0, 1.0, 0.0], [0.2, 0.0, 0.8]])  # 1 is absorbing, never reaches 2
    h = exact.hitting_times(P, [2])
    assert np.isinf(h[0]) and np.isinf(h[1]) and h[2] == 0
    assert exact.mean_hitting_time(P, 2, [0]) == pytest.approx(5.0)


def test_cluster_exit_identity_for_one_leaky_state():
    """One sparse source s in C_k and P₀ doubly stochastic there ⇒ ε Σ_y P₀(s, y) h(y) = M (h = exit times)."""
    g = metastable_graph(2, K=3, M=12, eps=0.01)
    for k in range(g.K):
        (s,) = g.edges[g.labels[g.edges[:, 0]] == k, 0]
        inside = g.cluster(k)
        h = np.linalg.solve(np.eye(g.M) - g.P[np.ix_(inside, inside)], np.ones(g.M))
        assert g.eps * g.base[s, inside] @ h == pytest.approx(g.M, rel=1e-10)
        mean, law = exact.cluster_exit(g.P, g.labels, k)
        assert mean == pytest.approx(h.mean(), rel=1e-12)
        assert law.sum() == pytest.approx(1.0) and law[k] == 0


def test_spectrum_has_K_slow_eigenvalues_and_a_gap():
    g = metastable_graph(0, K=4, M=16, eps=1e-3)
    moduli = exact.spectrum(g.P)
    assert moduli[0] == pytest.approx(1.0, abs=1e-12)
    assert exact.slow_count(moduli, 1 - 10 * g.eps / g.M) == g.K
    assert exact.gap_ratio(moduli, g.K) > 100
    assert exact.chain_hitting_time(np.array([[0.5, 0.5], [0.0, 1.0]]), 0, 1) == pytest.approx(2.0)


# ------------------------------------------------------------------------------------------------- simulation


def test_sampler_reproduces_a_row():
    P = np.array([[0.0, 0.7, 0.2, 0.1], [0.25, 0.25, 0.25, 0.25], [1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.5, 0.5]])
    sampler = simulate.Sampler(P)
    rng = np.random.default_rng(0)
    n = 200_000
    for row in range(4):
        x = sampler.step(np.full(n, row), rng.random(n))
        freq = np.bincount(x, minlength=4) / n
        se = np.sqrt(P[row] * (1 - P[row]) / n)
        assert np.all(np.abs(freq - P[row]) <= 4 * se + 1e-12), (row, freq)
        assert np.all(freq[P[row] == 0] == 0)


def test_monte_carlo_hitting_times_match_exact():
    g = metastable_graph(4, K=2, M=8, eps=0.05)
    exact_tau = exact.mean_hitting_time(g.P, g.x_in, [g.x_out])
    times = simulate.hitting_times(g.P, g.x_in, [g.x_out], 3000, np.random.default_rng(1), 100_000)
    assert np.all(np.isfinite(times))
    se = times.std(ddof=1) / np.sqrt(len(times))
    assert abs(times.mean() - exact_tau) <= 4 * se, (times.mean(), exact_tau, se)


def test_monte_carlo_exit_law_matches_exact():
    g = small(5, n_fwd=2, n_back=1)
    mean, law = exact.cluster_exit(g.P, g.labels, 1)
    rng = np.random.default_rng(2)
    n = 4000
    times, dest = simulate.exit_times(g.P, g.labels, g.cluster(1)[rng.integers(g.M, size=n)], rng, 100_000)
    assert np.all(dest >= 0)
    assert abs(times.mean() - mean) <= 4 * times.std(ddof=1) / np.sqrt(n)
    freq = np.bincount(dest, minlength=g.K) / n
    assert np.all(np.abs(freq - law) <= 4 * np.sqrt(law * (1 - law) / n) + 1e-12), (freq, law)


def test_label_transitions_bookkeeping_against_a_recorded_path():
    """The change-point counting equals counting every consecutive label pair of the same simulated path."""
    g = small(6, n_fwd=2, n_back=1, eps=0.2)
    chains, steps = 3, 500
    counts = simulate.label_transitions(g.P, g.labels, g.x_in, chains, steps, np.random.default_rng(9))
    sampler, rng = simulate.Sampler(g.P), np.random.default_rng(9)
    uniforms = rng.random((simulate.BLOCK, chains))
    x = np.full(chains, g.x_in)
    reference = np.zeros_like(counts)
    for t in range(steps):
        new = sampler.step(x, uniforms[t])
        np.add.at(reference, (g.labels[x], g.labels[new]), 1)
        x = new
    np.testing.assert_array_equal(counts, reference)
    assert counts.sum() == chains * steps


def test_cluster_paths_start_at_x_in_and_record_changes():
    g = small(8, eps=0.2)
    paths = simulate.cluster_paths(g.P, g.labels, g.x_in, 2, 300, np.random.default_rng(3))
    for path in paths:
        assert path[0] == (0, 0)
        assert all(a[1] != b[1] and a[0] < b[0] for a, b in zip(path, path[1:], strict=False))
