"""CoT linear self-attention against gradient descent, its per-step noise floor, and the trained LSA (spec A.3.2)."""

import numpy as np
import pytest

from lmtheory.icl import decoding, theory
from lmtheory.icl.lsa import blocks, cot_token, embed_context, gd_chain, gd_construction, lsa_chain, lsa_step
from lmtheory.icl.tasks import sample_prompts


def test_prompts_follow_the_task_distribution(rng):
    p = sample_prompts(500, 6, 12, "binary", 0.3, rng)
    assert p.X.shape == (500, 12, 6) and p.y.shape == (500, 12) and p.w_star.shape == (500, 6)
    assert set(np.unique(p.b_star)) == {-1.0, 1.0}
    np.testing.assert_array_equal(p.w_star, p.b_star / np.sqrt(6))
    residual = p.y - np.einsum("tnd,td->tn", p.X, p.w_star)
    assert residual.std() == pytest.approx(0.3, rel=0.05)  # 6000 draws: SE of the sd ≈ 0.9%
    c = sample_prompts(4000, 5, 10, "continuous", 0.0, rng)
    assert c.b_star is None
    assert np.mean(np.sum(c.w_star**2, -1)) == pytest.approx(1.0, abs=0.03)  # E||w*||² = 1, SE ≈ 0.01
    with pytest.raises(ValueError, match="kind"):
        sample_prompts(1, 2, 2, "ternary", 0.0, rng)


def test_construction_scores_are_gd_residuals(rng):
    """z_iᵀ W_KQ c = x_iᵀ w − y_i, and the w-block of f is one GD step (other blocks of c pass through)."""
    p = sample_prompts(7, 4, 9, "continuous", 0.2, rng)
    W_KQ, W_PV = gd_construction(4, 0.3)
    Z, w = embed_context(p.X, p.y), rng.standard_normal((7, 4))
    c = cot_token(w)
    scores = np.einsum("tnD,DE,tE->tn", Z, W_KQ, c)
    np.testing.assert_allclose(scores, np.einsum("tnd,td->tn", p.X, w) - p.y, atol=1e-13)
    out = lsa_step(Z, c, W_KQ, W_PV)
    gd = w - 0.3 / 9 * np.einsum("tnd,tn->td", p.X, scores)
    np.testing.assert_allclose(out[:, blocks(4)["w"]], gd, atol=1e-13)
    np.testing.assert_array_equal(out[:, -1], 1.0)


@pytest.mark.parametrize(("d", "n", "sigma"), [(10, 20, 0.0), (10, 20, 0.5), (8, 6, 0.0)])
def test_attention_equals_gradient_descent(rng, d, n, sigma):
    """A-C1 (i): max |w_k^LSA − w_k^GD| ≤ 1e-8 over 300 prompts and every k ≤ 64 (also with n < d and σ > 0)."""
    p = sample_prompts(300, d, n, "continuous", sigma, rng)
    lsa = lsa_chain(p.X, p.y, *gd_construction(d, 0.3), 64)
    gd = gd_chain(p.X, p.y, 0.3, 64)
    assert np.abs(lsa - gd).max() <= 1e-8
    if n >= d:  # independent reference: w_K = (I − A^K) ŵ_LS
        lam, V = theory.spectrum(p.X)
        w_ls = np.linalg.solve(np.einsum("tni,tnj->tij", p.X, p.X), np.einsum("tnd,tn->td", p.X, p.y)[..., None])[
            ..., 0
        ]
        coef = np.einsum("tij,ti->tj", V, w_ls) * (1 - (1 - 0.3 * lam) ** 64)
        np.testing.assert_allclose(gd[:, 64], np.einsum("tij,tj->ti", V, coef), atol=1e-8)


def test_noise_enters_each_step(rng):
    p = sample_prompts(5, 3, 6, "continuous", 0.0, rng)
    noise = rng.standard_normal((5, 4, 3))
    ws = lsa_chain(p.X, p.y, *gd_construction(3, 0.2), 4, noise=noise)
    w = np.zeros((5, 3))
    for k in range(4):
        w = w - 0.2 / 6 * np.einsum("tnd,tn->td", p.X, np.einsum("tnd,td->tn", p.X, w) - p.y) + noise[:, k]
        np.testing.assert_allclose(ws[:, k + 1], w, atol=1e-12)


@pytest.mark.parametrize("K", [8, 64])
def test_per_step_noise_floor_matches_the_formula(rng, K):
    """A-T2 by Monte Carlo through the attention layer: 40 prompts × 100 noisy chains at τ = 0.2.

    Each chain has relative sd ≈ 0.7 in its risk, so the SE over prompts of the 4000-chain mean is ≈ 1.1–1.5%: the 5%
    tolerance is above 3 SE, which the test checks before comparing.
    """
    d, n, eta, tau, T, reps = 10, 20, 0.3, 0.2, 40, 100
    p = sample_prompts(T, d, n, "continuous", 0.0, rng)
    X, y = np.repeat(p.X, reps, axis=0), np.repeat(p.y, reps, axis=0)
    noise = decoding.step_noise((T * reps, K), d, tau, rng)
    w_K = lsa_chain(X, y, *gd_construction(d, eta), K, noise=noise)[:, K]
    risk = np.sum((w_K - np.repeat(p.w_star, reps, axis=0)) ** 2, -1).reshape(T, reps).mean(axis=1)
    lam, V = theory.spectrum(p.X)
    formula = theory.greedy_risk(lam, V, p.w_star, eta, K) + theory.step_noise_term(lam, eta, K, tau)
    se = np.std(risk - formula, ddof=1) / np.sqrt(T)
    assert 3 * se < 0.05 * formula.mean()
    assert abs(risk.mean() - formula.mean()) <= 0.05 * formula.mean()


def test_simulated_chains_match_the_attention_chains(rng):
    """decoding.simulate_step_noise (the E-A2 simulator) is the noisy LSA chain minus the greedy one."""
    p = sample_prompts(6, 4, 8, "continuous", 0.0, rng)
    seed = np.random.default_rng(5)
    m = decoding.simulate_step_noise(p.X, 0.3, [1, 3], 2, seed)  # (2, T, reps, d)
    replay = np.random.default_rng(5)
    xi = np.stack([replay.standard_normal((6, 2, 4)) for _ in range(3)], axis=2) / 2.0  # (T, reps, K, d) / √d
    for r in range(2):
        noisy = lsa_chain(p.X, p.y, *gd_construction(4, 0.3), 3, noise=xi[:, r])
        greedy = gd_chain(p.X, p.y, 0.3, 3)
        np.testing.assert_allclose(noisy[:, 1] - greedy[:, 1], m[0, :, r], atol=1e-12)
        np.testing.assert_allclose(noisy[:, 3] - greedy[:, 3], m[1, :, r], atol=1e-12)


def test_trained_lsa_learns_gd_updates_deterministically():
    """A-C1 (iv) at small scale: d = 5, K_train = 4, 400 Adam steps (lr 3e-3) reach cosine ≥ 0.99 with the GD update
    on 1000 fresh prompts, and a second run with the same seed gives identical weights."""
    torch = pytest.importorskip("torch")
    from lmtheory.icl.trained_lsa import trained_lsa, update_cosines

    threads = torch.get_num_threads()

    kwargs = {"d": 5, "n": 20, "eta": 0.3, "K_train": 4, "steps": 400, "batch": 256, "lr": 3e-3, "seed": 3}
    first, second = trained_lsa(**kwargs), trained_lsa(**kwargs)
    np.testing.assert_array_equal(first["W_KQ"], second["W_KQ"])
    np.testing.assert_array_equal(first["W_PV"], second["W_PV"])
    assert torch.get_num_threads() == threads  # training pins one thread and restores the setting
    assert first["loss"][-1] < 1e-3 * first["loss"][0]
    p = sample_prompts(1000, 5, 20, "continuous", 0.0, np.random.default_rng(11))
    cos = update_cosines(first["W_KQ"], first["W_PV"], p.X, p.y, 0.3, 4)
    assert cos.mean() >= 0.99
    random = np.random.default_rng(0).standard_normal((2, 12, 12))  # negative control: the check can fail
    assert update_cosines(random[0], random[1], p.X, p.y, 0.3, 4).mean() < 0.5
