"""Closed forms of spec A.4 against matrix powers, exact enumeration and Monte Carlo; aggregation rules."""

import itertools

import numpy as np
import pytest
from scipy import stats

from lmtheory.icl import aggregation as agg
from lmtheory.icl import decoding, theory
from lmtheory.icl.lsa import gd_chain
from lmtheory.icl.tasks import sample_prompts

ETA = 0.3


@pytest.fixture
def prompts(rng):
    return sample_prompts(20, 6, 12, "continuous", 0.0, rng)


def matrices(X):
    sigma_hat = np.einsum("tni,tnj->tij", X, X) / X.shape[1]
    return np.eye(X.shape[-1]) - ETA * sigma_hat


def test_greedy_risk_is_the_matrix_power(prompts):
    """A-T1: ||A^K w*||² and tr(A^{2K})/d by eigendecomposition equal np.linalg.matrix_power, and the GD chain."""
    A = matrices(prompts.X)
    lam, V = theory.spectrum(prompts.X)
    chain = gd_chain(prompts.X, prompts.y, ETA, 64)
    for K in (0, 1, 5, 64):
        AK = np.linalg.matrix_power(A, K)
        direct = np.sum(np.einsum("tij,tj->ti", AK, prompts.w_star) ** 2, -1)
        np.testing.assert_allclose(theory.greedy_risk(lam, V, prompts.w_star, ETA, K), direct, rtol=1e-10, atol=1e-14)
        np.testing.assert_allclose(np.sum((chain[:, K] - prompts.w_star) ** 2, -1), direct, rtol=1e-8, atol=1e-14)
        trace = np.trace(AK @ AK, axis1=1, axis2=2) / 6
        np.testing.assert_allclose(theory.expected_greedy_risk(lam, ETA, K), trace, rtol=1e-10)


def test_step_noise_sum_and_floor(prompts):
    """A-T2: (τ²/d) Σ_{j<K} tr(A^{2j}) by matrix powers; the floor (τ²/d) tr[(I − A²)⁻¹]; the noise covariance."""
    A = matrices(prompts.X)
    lam, V = theory.spectrum(prompts.X)
    tau, K = 0.3, 17
    cov = sum(np.linalg.matrix_power(A, 2 * j) for j in range(K)) / 6  # (1/d) Σ_{j<K} A^{2j}
    np.testing.assert_allclose(
        theory.step_noise_term(lam, ETA, K, tau), tau**2 * np.trace(cov, axis1=1, axis2=2), rtol=1e-10
    )
    s = decoding.noise_variances(lam, ETA, K, "per_step")
    np.testing.assert_allclose(np.einsum("tij,tj,tkj->tik", V, s, V), cov, atol=1e-12)
    floor = tau**2 * np.trace(np.linalg.inv(np.eye(6) - A @ A), axis1=1, axis2=2) / 6
    np.testing.assert_allclose(theory.step_noise_floor(lam, ETA, tau), floor, rtol=1e-10)
    assert np.all(theory.step_noise_term(lam, ETA, 400, tau) <= floor + 1e-12)
    assert theory.final_noise_term(tau) == pytest.approx(tau**2)


def test_candidate_quadratics_equal_direct_evaluation(prompts, rng):
    """Risk and in-context loss of each candidate from the quadratic-in-τ form equal direct evaluation."""
    p = sample_prompts(15, 5, 9, "continuous", 0.4, rng)
    w_K = gd_chain(p.X, p.y, ETA, 3)[:, 3]
    xi = rng.standard_normal((15, 32, 5))
    for model in decoding.NOISE_MODELS:
        cand = decoding.continuous_candidates(p.X, p.y, p.w_star, w_K, ETA, 3, model, xi)
        for tau in (0.0, 0.2, 0.7):
            W = cand.weights(tau)
            np.testing.assert_allclose(cand.risk(tau), np.sum((W - p.w_star[:, None]) ** 2, -1), rtol=1e-10)
            np.testing.assert_allclose(cand.loss(tau), agg.in_context_loss(p.X, p.y, W), rtol=1e-10)


def test_mean_aggregation_noise_shrinks_as_one_over_n(rng):
    """A-T3: N·E||w̄_N − w_greedy||² = the per-step noise term, by Monte Carlo over 200 prompts × 1024 decodes.

    Every N uses the 1024/N disjoint blocks of the candidate set; the SE over prompts is ≤ 2% at N = 64 (checked), so a
    4 SE tolerance is ≤ 8%.
    """
    p = sample_prompts(200, 8, 16, "continuous", 0.0, rng)
    K, tau = 4, 0.25
    w_K = gd_chain(p.X, p.y, ETA, K)[:, K]
    cand = decoding.continuous_candidates(
        p.X, p.y, p.w_star, w_K, ETA, K, "per_step", rng.standard_normal((200, 1024, 8))
    )
    noise = theory.step_noise_term(cand.lam, ETA, K, tau)
    W = cand.weights(tau)
    for N in (1, 4, 16, 64):
        blocks = W.reshape(200, 1024 // N, N, 8).mean(axis=2)
        dev = N * np.mean(np.sum((blocks - w_K[:, None]) ** 2, -1), axis=1)
        se = np.std(dev - noise, ddof=1) / np.sqrt(200)
        assert se < 0.02 * noise.mean()
        assert abs(dev.mean() - noise.mean()) < 4 * se
        # the prefix mean (first N candidates) is the first block
        np.testing.assert_allclose(agg.prefix_mean(W, [N])[:, 0], blocks[:, 0], atol=1e-12)


def test_expected_max_of_normals():
    """m_N exactly for N ≤ 3 (0, 1/√π, 3/(2√π)), the tabulated m_5 = 1.16296, and Monte Carlo for N = 16, 64."""
    m = theory.expected_max_normal([1, 2, 3, 5])
    np.testing.assert_allclose(m, [0.0, 1 / np.sqrt(np.pi), 1.5 / np.sqrt(np.pi), 1.1629644736], atol=1e-9)
    draws = np.random.default_rng(1).standard_normal((100_000, 64))
    for N in (16, 64):
        best = draws[:, :N].max(axis=1)
        assert abs(theory.expected_max_normal(N) - best.mean()) < 4 * best.std() / np.sqrt(len(best))
    assert theory.bon_heuristic(0.5, 4, 10) == pytest.approx(0.5 * (1 - theory.expected_max_normal(4) ** 2 / 10))


def _outcome_table(ell, b_star, tau):
    """All 2^d binary decodes of one prompt with their probabilities."""
    d = len(ell)
    outcomes = theory.sign_vectors(d)
    plus = decoding.plus_probability(ell, tau)
    prob = np.prod(np.where(outcomes > 0, plus, 1 - plus), axis=1)
    return outcomes, prob


@pytest.mark.parametrize("N", [1, 2, 3])
def test_best_of_n_is_pass_at_n_by_exact_enumeration(rng, N):
    """A-T5 at σ = 0, d = 3: enumerate every N-tuple of decodes (8^N), select with the in-context verifier through
    aggregation.best_of_n, and sum the probabilities of exact recovery: equals 1 − (1 − q)^N to 1e-12."""
    d = 3
    p = sample_prompts(4, d, 6, "binary", 0.0, rng)
    w_K = gd_chain(p.X, p.y, ETA, 1)[:, 1]
    ell = decoding.binary_logits(w_K)
    for t in range(4):
        outcomes, prob = _outcome_table(ell[t], p.b_star[t], 0.8)
        tuples = np.array(list(itertools.product(range(8), repeat=N)))  # (8^N, N)
        B = outcomes[tuples]  # (8^N, N, d)
        X, y = np.repeat(p.X[t : t + 1], len(B), 0), np.repeat(p.y[t : t + 1], len(B), 0)
        loss = agg.in_context_loss(X, y, B / np.sqrt(d))
        success = agg.exact_recovery(B, np.repeat(p.b_star[t : t + 1], len(B), 0))
        chosen = agg.best_of_n(loss, success, [N])[:, 0]
        weight = np.prod(prob[tuples], axis=1)
        q = theory.exact_probability(ell[t : t + 1], p.b_star[t : t + 1], 0.8)
        assert np.sum(weight * chosen) == pytest.approx(theory.pass_at_n(q, N)[0], abs=1e-12)
        assert np.sum(weight * agg.any_success(success, [N])[:, 0]) == pytest.approx(
            theory.pass_at_n(q, N)[0], abs=1e-12
        )


@pytest.mark.parametrize("N", [1, 3, 5])
def test_majority_vote_formula_by_exact_enumeration(rng, N):
    """A-T6, d = 3: the majority-vote success summed over all 8^N tuples equals Π_j P(Bin(N, p_j*) > N/2)."""
    d = 3
    p = sample_prompts(3, d, 6, "binary", 0.0, rng)
    ell = decoding.binary_logits(gd_chain(p.X, p.y, ETA, 2)[:, 2])
    for t in range(3):
        outcomes, prob = _outcome_table(ell[t], p.b_star[t], 0.6)
        tuples = np.array(list(itertools.product(range(8), repeat=N)))
        B = outcomes[tuples].astype(np.int8)
        vote = agg.majority_vote(B, [N])  # (8^N, 1, d)
        success = agg.exact_recovery(vote, np.repeat(p.b_star[t : t + 1], len(B), 0))[:, 0]
        exact = np.sum(np.prod(prob[tuples], axis=1) * success)
        p_star = theory.coordinate_success(ell[t : t + 1], p.b_star[t : t + 1], 0.6)
        assert exact == pytest.approx(theory.majority_vote_success(p_star, N)[0], abs=1e-12)


def test_binary_sampling_frequencies(rng):
    """P(b_j = +1) = σ(2ℓ_j/τ): frequencies over 20000 decodes within 4 binomial SE; τ = 0 is sign(ℓ)."""
    ell = np.array([[0.3, -0.1, 1.2]])
    u = rng.random((1, 20_000, 3))
    b = decoding.sample_binary(ell, 0.5, u)
    p_plus = decoding.plus_probability(ell, 0.5)[0]
    freq = np.mean(b[0] == 1, axis=0)
    assert np.all(np.abs(freq - p_plus) < 4 * np.sqrt(p_plus * (1 - p_plus) / 20_000))
    np.testing.assert_array_equal(decoding.sample_binary(ell, 0.0, u[:, :2])[0], [[1, -1, 1]] * 2)


def test_ties_go_to_the_first_candidate_and_prefixes_nest(rng):
    scores = rng.integers(0, 4, size=(50, 30)).astype(float)
    values = rng.standard_normal((50, 30))
    index = agg.prefix_argmin(scores)
    for t in range(50):
        for N in range(1, 31):
            assert index[t, N - 1] == np.argmin(scores[t, :N])  # np.argmin returns the first minimum
    np.testing.assert_array_equal(
        agg.best_of_n(scores, values, [1, 7, 30]), values[np.arange(50)[:, None], index[:, [0, 6, 29]]]
    )
    np.testing.assert_array_equal(agg.oracle_min(values, [30])[:, 0], values.min(axis=1))


def test_ml_decoder_brute_force(rng):
    """The ML decoder equals b* at σ = 0 (n ≥ d), matches a plain loop over {±1}^d, and never loses to b* on L̂."""
    p = sample_prompts(40, 6, 12, "binary", 0.0, rng)
    np.testing.assert_array_equal(theory.ml_decode(p.X, p.y), p.b_star)
    noisy = sample_prompts(40, 6, 12, "binary", 1.0, rng)
    ml = theory.ml_decode(noisy.X, noisy.y)
    loss = agg.in_context_loss(noisy.X, noisy.y, np.stack([ml, noisy.b_star], axis=1) / np.sqrt(6))
    assert np.all(loss[:, 0] <= loss[:, 1] + 1e-12)
    assert np.any(np.any(ml != noisy.b_star, axis=1))  # σ = 1 makes some decodes wrong
    for t in range(3):
        best = min(
            itertools.product((-1.0, 1.0), repeat=6),
            key=lambda b: np.mean((noisy.y[t] - noisy.X[t] @ np.array(b) / np.sqrt(6)) ** 2),
        )
        np.testing.assert_array_equal(ml[t], best)


def test_n50_solves_the_pass_at_n_equation():
    q = np.full(10, 0.1)
    assert theory.n50(q) == pytest.approx(np.log(0.5) / np.log(0.9), rel=1e-9)
    mixed = np.array([0.02, 0.3, 0.7, 0.0])
    N = theory.n50(mixed)
    assert theory.pass_at_n(mixed, N).mean() == pytest.approx(0.5, abs=1e-9)
    assert theory.n50(np.zeros(3)) == np.inf and theory.n50(np.ones(3)) == 0.0


def test_least_squares_limit_matches_its_monte_carlo(rng):
    """A-T7 continuous: E_ζ||ŵ_LS − w*||² = σ² tr(Σ̂⁻¹)/n, 4000 noise draws on one design (SE ≈ 2.5%)."""
    p = sample_prompts(1, 4, 10, "continuous", 0.0, rng)
    X = p.X[0]
    zeta = rng.standard_normal((4000, 10))
    err = np.linalg.lstsq(X, 0.5 * zeta.T, rcond=None)[0].T  # ŵ_LS − w* for each draw
    lam = theory.spectrum(p.X)[0]
    expected = theory.least_squares_risk(lam, 0.5, 10)[0]
    sq = np.sum(err**2, -1)
    assert abs(sq.mean() - expected) < 4 * sq.std() / np.sqrt(4000)
    assert stats.norm.cdf(0) == 0.5  # scipy is a declared dependency of the closed forms
