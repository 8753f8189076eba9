"""γ, α̂_D, δ_n, the prediction α_pred = γ/(2β) and the collapse metric of the scaling-law paper against closed forms
(spec §2.3–2.5, §4.2–4.5, C0d, C0e, C14–C17)."""

import math
from collections import Counter

import numpy as np
import polars as pl
import pytest

from lmtheory.scaling.collapse import collapse_degradation, collapse_quality, collapse_quality_grid, collapse_scan
from lmtheory.scaling.count_entropies import count_entropy_table, heldout_cross_entropies, plugin_conditional_entropies
from lmtheory.scaling.count_prediction import count_prediction
from lmtheory.scaling.data_exponent import alpha_shift, data_exponent, lower_envelope
from lmtheory.scaling.entropy_decay import converged_window, gamma_raw, gamma_shift, select_gamma
from lmtheory.scaling.fast_learning import data_threshold, fast_learning_exponent, fast_learning_rows, op_norm_at
from lmtheory.scaling.power_law import first_m_slopes, loglog_fit
from lmtheory.scaling.prediction import predicted_alpha, theory_gap

# ---------------------------------------------------------------------------------------------------- prediction


@pytest.mark.parametrize(
    "gamma, gamma_se, beta, beta_se, alpha, alpha_se",
    [(0.325, 0.003, 0.88, 0.06, 0.185, 0.013), (0.265, 0.016, 0.94, 0.16, 0.141, 0.025)],
    ids=["tinystories", "wikitext"],
)
def test_eq56_reproduces_the_papers_predictions(gamma, gamma_se, beta, beta_se, alpha, alpha_se):
    """C0d: α_pred = γ/(2β) and Eq. 56 give the paper's 0.185 ± 0.013 and 0.141 ± 0.025 within 0.001."""
    a, da = predicted_alpha(gamma, gamma_se, beta, beta_se)
    assert abs(a - alpha) <= 0.001 and abs(da - alpha_se) <= 0.001


def test_theory_gap_tolerance_is_the_larger_of_the_floor_and_two_sigma():
    """C16: |α̂ − α_pred| against max(0.05, 2·sqrt(SE_α² + Δα²))."""
    wide = theory_gap(0.152, 0.03, 0.143, 0.04)
    assert wide["gap"] == pytest.approx(0.009) and wide["tolerance"] == pytest.approx(0.1) and wide["within"]
    narrow = theory_gap(0.20, 0.003, 0.14, 0.004)
    assert narrow["tolerance"] == 0.05 and not narrow["within"]


# ---------------------------------------------------------------------------------------------------- γ


def test_converged_window_is_contiguous_from_one():
    """§2.3: n = 1..n_c with |ΔL_n| ≤ ε; n = 0 is ignored, equality passes, the first failure or gap ends it."""
    eps = 2.0**-6  # dyadic values keep |ΔL| exact
    n = np.arange(0, 9)
    top = np.full(n.size, 2.0)
    diff = np.array([1.0, 0, eps, -eps, 2 * eps, 0, 0, 0, 0])
    np.testing.assert_array_equal(converged_window(n, top, top + diff, eps), [1, 2, 3])
    np.testing.assert_array_equal(converged_window(n[::-1], top, (top + diff)[::-1], eps), [1, 2, 3])
    np.testing.assert_array_equal(converged_window([1, 2, 4, 5], np.ones(4), np.ones(4), eps), [1, 2])
    assert converged_window(n, top, top + np.r_[0, 2 * eps, np.zeros(7)], eps).size == 0


def test_gamma_raw_recovers_an_exact_power_law():
    """γ_raw on L_n = 2 n^(−0.3): γ to 1e-9, R² = 1 and no spread between neighbouring windows."""
    n = np.arange(0, 32)
    losses = np.r_[5.0, 2 * n[1:] ** -0.3]
    fit = gamma_raw(n, losses, 16)
    assert fit["gamma"] == pytest.approx(0.3, abs=1e-9) and fit["r2"] == pytest.approx(1.0, abs=1e-12)
    assert fit["gamma_se"] <= 1e-12 and fit["window"] == (1, 16) and sorted(fit["neighbours"]) == [15, 16, 17]


def test_gamma_raw_error_is_half_the_spread_of_neighbouring_windows():
    """§4.2: a kink after n = 3 moves the 4-point fit; γ_se = |γ(3) − γ(4)|/2 as for WikiText (no n = 5 here)."""
    n = np.arange(1, 5)
    losses = np.r_[2 * n[:3] ** -0.25, 1.2]
    fit = gamma_raw(n, losses, 3)
    gamma4 = -np.polyfit(np.log(n), np.log(losses), 1)[0]
    assert fit["gamma"] == pytest.approx(0.25, abs=1e-12)
    assert fit["neighbours"][4] == pytest.approx(gamma4, abs=1e-12)
    assert fit["gamma_se"] == pytest.approx(abs(gamma4 - 0.25) / 2, abs=1e-12)


def test_gamma_shift_recovers_gamma_and_the_offset():
    """γ_shift on L_n = 0.8 + 1.5 n^(−0.35): (γ, H_∞) exact at the grid point H_∞ = 0.8; the profile width equals
    a brute-force loop of log-log fits over the grid, and identifiable ⇔ width ≤ 0.15."""
    for n_max in (8, 64):
        n = np.arange(1, n_max + 1)
        losses = 0.8 + 1.5 * n**-0.35
        fit = gamma_shift(n, losses)
        assert fit["gamma"] == pytest.approx(0.35, abs=1e-9) and fit["h_inf"] == pytest.approx(0.8, abs=1e-12)
        fits = [loglog_fit(n, losses - h) for h in np.arange(0, losses.min(), 0.005)]
        r2_max = max(f["r2"] for f in fits)
        near = [-f["slope"] for f in fits if f["r2"] >= r2_max - 0.001]
        assert fit["profile_width"] == pytest.approx(max(near) - min(near), abs=1e-9)
        assert fit["identifiable"] == (fit["profile_width"] <= 0.15)


def count_frame(heldout, plugin) -> pl.DataFrame:
    return pl.DataFrame({"n": np.arange(len(heldout)), "plugin": plugin, "heldout": heldout})


def test_select_gamma_labels_the_estimator():
    """C14: model-converged with ≥ 4 converged points; else count-heldout over the agreeing window (≥ 3 points);
    else the collapse γ_c; else none."""
    n = np.arange(0, 32)
    top = np.r_[4.0, 2 * n[1:] ** -0.3]
    late = np.where(n > 6, 0.05, 0.0)
    model = select_gamma(n, top, top + late, 0.02)
    assert model["estimator"] == "model-converged" and model["window"] == (1, 6)
    assert model["gamma"] == pytest.approx(0.3, abs=1e-9)

    unconverged = top + np.where(n > 2, 0.05, 0.0)
    heldout = np.r_[3.0, 2.4 * np.arange(1, 5) ** -0.46]
    count = count_frame(heldout, heldout - np.array([0.0, 0.01, 0.02, 0.05, 0.2]))
    counted = select_gamma(n, top, unconverged, 0.02, count=count)
    assert counted["estimator"] == "count-heldout" and counted["window"] == (1, 3)
    assert counted["gamma"] == pytest.approx(0.46, abs=1e-9) and counted["gamma_se"] <= 1e-12

    beyond = count_frame(np.r_[heldout, 0.5], np.r_[heldout, 0.5])  # n = 5 agrees but lies outside n ≤ 4
    four = select_gamma(n, top, unconverged, 0.02, count=beyond)
    assert four["window"] == (1, 4) and four["gamma"] == pytest.approx(0.46, abs=1e-9) and four["gamma_se"] <= 1e-12

    disagree = count_frame(heldout, heldout - np.array([0.0, 0.01, 0.2, 0.0, 0.0]))
    collapse = {"gamma_c": 0.4, "gamma_c_se": 0.02, "on_edge": False}
    fallback = select_gamma(n, top, unconverged, 0.02, count=disagree, collapse=collapse)
    assert fallback["estimator"] == "collapse" and (fallback["gamma"], fallback["gamma_se"]) == (0.4, 0.02)
    edge = select_gamma(n, top, unconverged, 0.02, count=disagree, collapse={**collapse, "on_edge": True})
    assert edge["estimator"] == "none"  # an optimum on the grid's edge is no estimate
    assert select_gamma(n, top, unconverged, 0.02)["estimator"] == "none"


def test_count_prediction_needs_no_ladder():
    """gamma.json: γ of the held-out counts over the agreeing window, α_pred = γ/(2β) and Δα by Eq. 56 worked by hand
    (γ exact, so Δα = γΔβ/(2β²)); no γ when fewer than 3 positions agree, no α_pred when β is not reportable."""
    heldout = np.r_[3.0, 2.4 * np.arange(1, 5) ** -0.46]
    count = count_frame(heldout, heldout - np.array([0.0, 0.01, 0.02, 0.05, 0.2]))
    beta = {"beta": 1.15, "beta_se": 0.1, "reportable": True, "reason": ""}
    record = count_prediction(beta, count)
    assert record["gamma"] == pytest.approx(0.46, abs=1e-9) and record["window"] == (1, 3)
    assert record["alpha_pred"] == pytest.approx(0.2, abs=1e-9)
    assert record["delta_alpha"] == pytest.approx(0.46 * 0.1 / (2 * 1.15**2), abs=1e-6)

    disagree = count_prediction(beta, count_frame(heldout, heldout - np.array([0.0, 0.01, 0.2, 0.0, 0.0])))
    assert disagree["gamma"] is None and disagree["alpha_pred"] is None
    assert disagree["reason"].startswith("γ not reportable: count: ") and "for 1 positions" in disagree["reason"]
    unresolved = count_prediction({"beta": None, "beta_se": None, "reportable": False, "reason": "2 lags"}, count)
    assert unresolved["gamma"] == pytest.approx(0.46, abs=1e-9) and unresolved["alpha_pred"] is None
    assert unresolved["reason"] == "β not reportable: 2 lags"


# ---------------------------------------------------------------------------------------------------- count entropies


def entropy(p) -> float:
    p = np.asarray(p, float)
    p = p[p > 0]
    return float(-(p * np.log(p)).sum())


def test_count_entropies_of_an_iid_stream_equal_the_unigram_entropy(rng):
    """i.i.d. tokens: H_n = H(p) for every n. Tolerance: the Miller–Madow bias V^n(V − 1)/(2N) plus 5 standard
    errors sd(−log p(X))/√N (N of the plug-in's or the test stream)."""
    V, n_max = 6, 3
    p = rng.dirichlet(np.full(V, 2.0))
    train, test = rng.choice(V, 400_000, p=p), rng.choice(V, 100_000, p=p)
    table = count_entropy_table(train, test, V, n_max)
    sd = math.sqrt((p * np.log(p) ** 2).sum() - entropy(p) ** 2)
    for n in range(n_max + 1):
        bias = V**n * (V - 1) / (2 * train.size)
        assert abs(table["plugin"][n] - entropy(p)) <= bias + 5 * sd / math.sqrt(train.size)
        assert abs(table["heldout"][n] - entropy(p)) <= bias + 5 * sd / math.sqrt(test.size)


def markov_stream(A: np.ndarray, size: int, rng) -> np.ndarray:
    """A first-order chain by inversion: x_t = F⁻¹_{x_{t−1}}(u_t), the candidates for every state drawn at once."""
    V = A.shape[0]
    u = rng.random(size)
    candidates = np.stack([np.minimum(np.searchsorted(np.cumsum(row), u), V - 1) for row in A], axis=1)
    flat, x, out = candidates.ravel().tolist(), 0, np.empty(size, np.int64)
    for t in range(size):
        x = flat[t * V + x]
        out[t] = x
    return out


def test_count_entropies_of_a_markov_chain(rng):
    """First-order chain: H_0 = H(π), H_n = Σ_i π_i H(A_i·) for n ≥ 1; within 0.01 nats at N = 1e6 (C0b)."""
    V = 4
    A = rng.dirichlet(np.ones(V), size=V)
    evals, evecs = np.linalg.eig(A.T)
    pi = np.real(evecs[:, np.argmin(np.abs(evals - 1))])
    pi /= pi.sum()
    exact = np.r_[entropy(pi), np.full(3, sum(pi[i] * entropy(A[i]) for i in range(V)))]
    stream = markov_stream(A, 1_200_000, rng)
    train, test = stream[:1_000_000], stream[1_000_000:]
    np.testing.assert_allclose(plugin_conditional_entropies(train, V, 3), exact, atol=0.01)
    np.testing.assert_allclose(heldout_cross_entropies(train, test, V, 3), exact, atol=0.01)


def reference_heldout(train, test, V: int, n_max: int) -> list[float]:
    """Interpolated absolute discounting by dictionaries, token by token."""
    counts = [Counter(tuple(train[i : i + k + 1]) for i in range(len(train) - k)) for k in range(n_max + 1)]

    def prob(context: tuple, a: int) -> float:
        k = len(context)
        lower = 1 / V if k == 0 else prob(context[1:], a)
        followers = {g: c for g, c in counts[k].items() if g[:-1] == context}
        if not followers:
            return lower
        values = list(counts[k].values())
        n1 = max(values.count(1), 1)
        discount = n1 / (n1 + 2 * values.count(2))
        total = sum(followers.values())
        return max(followers.get(context + (a,), 0) - discount, 0) / total + discount * len(followers) / total * lower

    positions = range(n_max, len(test))
    return [
        float(np.mean([-math.log(prob(tuple(test[i - k : i]), test[i])) for i in positions])) for k in range(n_max + 1)
    ]


def test_count_entropies_match_brute_force_counts(rng):
    """On short streams (unseen contexts and an unseen symbol), the vectorised plug-in and held-out values equal
    dictionary-based counting to 1e-12."""
    V, n_max = 4, 2
    train, test = rng.integers(0, 3, 80), rng.integers(0, 4, 40)
    windows = [Counter(tuple(train[i : i + n + 1]) for i in range(len(train) - n)) for n in range(n_max + 1)]
    plugin = []
    for grams in windows:
        contexts = Counter()
        for g, c in grams.items():
            contexts[g[:-1]] += c
        total = sum(grams.values())
        plugin.append(sum(c / total * math.log(contexts[g[:-1]] / c) for g, c in grams.items()))
    np.testing.assert_allclose(plugin_conditional_entropies(train, V, n_max), plugin, rtol=0, atol=1e-12)
    np.testing.assert_allclose(
        heldout_cross_entropies(train, test, V, n_max), reference_heldout(train, test, V, n_max), rtol=0, atol=1e-12
    )


# ---------------------------------------------------------------------------------------------------- α̂_D and δ_n

RUNGS = 2.0 ** np.arange(15, 21)


def test_data_exponent_on_an_exact_power_law(rng):
    """L_AR = 5 P^(−0.15): α̂ = 0.15 (1e-9) over all rungs and every m, zero SE, degenerate CI, R² = 1, decreasing."""
    fit = data_exponent(RUNGS[::-1], 5 * RUNGS[::-1] ** -0.15, n_boot=200, rng=rng)
    assert fit["alpha"] == pytest.approx(0.15, abs=1e-9) and fit["r2"] == pytest.approx(1.0, abs=1e-12)
    assert fit["alpha_se"] <= 1e-9 and fit["ci_lo"] == pytest.approx(0.15) and fit["ci_hi"] == pytest.approx(0.15)
    assert fit["strictly_decreasing"] and fit["n_points"] == 6
    assert fit["sweep"]["m"].to_list() == [3, 4, 5, 6]
    np.testing.assert_allclose(fit["sweep"]["alpha"], 0.15, atol=1e-9)


def test_data_exponent_error_combines_bootstrap_and_sweep(rng):
    """SE_α = sqrt(SE_boot² + ((max − min) of the first-m slopes / 2)²) on a bending curve; a bump is not
    strictly decreasing."""
    losses = 1.0 + 8 * RUNGS**-0.2
    fit = data_exponent(RUNGS, losses, n_boot=400, rng=rng)
    alphas = [-s for s in first_m_slopes(RUNGS, losses, range(3, 7)).values()]
    assert fit["se_sweep"] == pytest.approx((max(alphas) - min(alphas)) / 2, abs=1e-12)
    assert fit["alpha_se"] == pytest.approx(math.hypot(fit["se_boot"], fit["se_sweep"]), abs=1e-12)
    assert fit["ci_lo"] <= fit["alpha"] <= fit["ci_hi"]
    bumped = losses.copy()
    bumped[3] = bumped[2]
    assert not data_exponent(RUNGS, bumped, n_boot=50, rng=rng)["strictly_decreasing"]


def test_alpha_shift_recovers_the_exponent_above_the_offset():
    """L = 1.1 + 3 P^(−0.25): with Ĥ_∞ = 1.1 (given, or found on the grid) α̂_shift = 0.25; the rung at 2^30 with
    L − Ĥ_∞ < 0.02 is dropped."""
    P = 2.0 ** np.arange(10, 31, 4)
    losses = 1.1 + 3 * P**-0.25
    given = alpha_shift(P, losses, 1.1)
    assert given["alpha"] == pytest.approx(0.25, abs=1e-9) and given["n_points"] == P.size - 1
    found = alpha_shift(P, losses)
    assert found["h_inf"] == pytest.approx(1.1, abs=1e-12) and found["alpha"] == pytest.approx(0.25, abs=1e-9)


def test_lower_envelope_takes_the_best_context_per_rung():
    env = lower_envelope([1, 1, 2, 2, 4, 4], [64, 128, 64, 128, 64, 128], [3.0, 3.1, 2.5, 2.4, 2.0, 1.9])
    assert env["P"].to_list() == [1, 2, 4] and env["loss"].to_list() == [3.0, 2.4, 1.9]
    assert env["T"].to_list() == [64, 128, 128]


def test_fast_learning_exponent_fits_only_above_ten_thresholds():
    """§2.5: L_n = 0.6 + 2 P^(−0.7) for P ≥ 10 P*_n (junk below): δ = 0.7, H_n = 0.6, A = 2; P*_n = N_0 (floor/C)²."""
    assert data_threshold(1e-3, 1e-4, 1_000_000) == pytest.approx(1e4)
    P = 2.0 ** np.arange(10, 23)
    p_star = 2.0**14
    losses = np.where(P >= 10 * p_star, 0.6 + 2 * P**-0.7, 3.0)
    fit = fast_learning_exponent(P, losses, p_star)
    assert fit["n_points"] == 5 and fit["delta"] == pytest.approx(0.7, abs=1e-9)
    assert fit["h_n"] == pytest.approx(0.6, abs=1e-12) and fit["amplitude"] == pytest.approx(2.0, rel=1e-9)
    assert np.isnan(fast_learning_exponent(P, losses, 2.0**18)["delta"])


def test_fast_learning_rows_use_the_interpolated_threshold_of_each_position():
    """‖C(n)‖ = 0.1 n^(−1.5) measured at lags 1, 4, 16 (log-log interpolation is exact on a power law), floor 1e-4 on
    N_0 = 1e6 tokens: P*_n = 1e6 (1e-3 n^1.5)² = n³. L_n = 1 + P^(−δ_n) with δ_n = 0.3 (n odd), 0.1 (n even), and
    junk below 10 P*_n; against α_pred = 0.2 the odd positions learn fast. Positions whose threshold leaves fewer
    than 3 rungs have no fit (fast None)."""
    lags = np.array([1.0, 4.0, 16.0])
    positions = np.arange(1, 13)
    assert op_norm_at(positions, lags, 0.1 * lags**-1.5) == pytest.approx(0.1 * positions**-1.5, rel=1e-12)
    P = 2.0 ** np.arange(4, 16)
    delta = np.where(positions % 2, 0.3, 0.1)
    losses = np.where(P[None, :] >= 10 * positions[:, None] ** 3, 1 + P[None, :] ** -delta[:, None], 5.0)
    rows = fast_learning_rows(12, lags, 0.1 * lags**-1.5, 1e-4, 1_000_000, P, losses, 0.2)
    assert [row["p_star"] for row in rows] == pytest.approx(positions**3.0, rel=1e-9)
    fitted = [row for row in rows if row["fast"] is not None]
    assert [row["n"] for row in fitted] == [n for n in positions if (P >= 10 * n**3).sum() >= 3]
    for row in fitted:
        assert row["delta"] == pytest.approx(delta[row["n"] - 1], abs=1e-9) and row["fast"] == bool(row["n"] % 2)
    assert all(row["fast"] is None for row in fast_learning_rows(3, lags, lags**-1.5, 1e-4, 10**6, P, losses, np.nan))


# ---------------------------------------------------------------------------------------------------- collapse

GAMMA, BETA, DELTA = 0.4, 0.8, 0.5
N = np.arange(1, 33)
LADDER = 1e3 * 2.0 ** np.arange(7)


def collapsing_losses(h_inf: float) -> np.ndarray:
    """L_n(P) = H_∞ + n^(−γ) ℓ(P/n^(2β)) with ℓ(x) = 0.3 + x^(−δ), (n, P)."""
    x = LADDER[None, :] / N[:, None] ** (2 * BETA)
    return h_inf + N[:, None] ** -GAMMA * (0.3 + x**-DELTA)


def reference_cq(n, P, losses, gamma, beta, h_inf=0.0) -> float:
    """CQ by looping over grid points and curves with np.interp."""
    xs = [np.log(P) - 2 * beta * np.log(k) for k in n]
    ys = [np.log(k**gamma * (row - h_inf)) for k, row in zip(n, losses, strict=True)]
    grid = np.linspace(min(x[0] for x in xs), max(x[-1] for x in xs), 20)
    variances = []
    for g in grid:
        values = [np.interp(g, x, y) for x, y in zip(xs, ys, strict=True) if x[0] - 1e-9 <= g <= x[-1] + 1e-9]
        if len(values) >= 3:
            variances.append(np.var(values))
    return float(np.mean(variances)) if len(variances) >= 10 else float("nan")


def test_collapse_quality_matches_a_loop_over_grid_points(rng):
    """The vectorised CQ (quadratic in γ) equals the loop over interpolated curves on noisy losses, raw and shifted,
    and is NaN where β spreads the curves apart."""
    losses = collapsing_losses(0.7) * np.exp(0.02 * rng.standard_normal((N.size, LADDER.size)))
    gammas, betas = [0.2, 0.45], [0.5, 1.1, 6.0]
    for h_inf in (None, 0.5):
        grid = collapse_quality_grid(N, LADDER, losses, gammas, betas, h_inf)
        expected = [[reference_cq(N, LADDER, losses, g, b, h_inf or 0.0) for b in betas] for g in gammas]
        np.testing.assert_allclose(grid, expected, rtol=1e-10, atol=1e-14)
    assert np.isnan(grid[:, 2]).all()


def test_collapse_scan_recovers_gamma_and_beta_in_the_shifted_form():
    """C0e: exact collapsing curves with H_∞ = 0.7, scanned on the fixed grid: the shifted argmin is within ±0.02 of
    (γ, β) and inside the grid; the raw form is worse (larger minimum, argmin off by more than 0.02); with H_∞ = 0 raw
    and shifted agree and both recover."""
    losses = collapsing_losses(0.7)
    shifted = collapse_scan(N, LADDER, losses, h_inf=0.7)
    assert shifted["table"].height == 149 * 171
    assert abs(shifted["gamma_c"] - GAMMA) <= 0.02 and abs(shifted["beta_c"] - BETA) <= 0.02
    assert not shifted["on_edge"]
    raw = collapse_scan(N, LADDER, losses)
    assert raw["cq_min"] > shifted["cq_min"]
    assert collapse_quality(N, LADDER, losses, GAMMA, BETA) > collapse_quality(N, LADDER, losses, GAMMA, BETA, 0.7)
    assert max(abs(raw["gamma_c"] - GAMMA), abs(raw["beta_c"] - BETA)) > 0.02

    plain = collapsing_losses(0.0)
    raw0, shifted0 = (collapse_scan(N, LADDER, plain, h_inf=h) for h in (None, 0.0))
    assert (raw0["gamma_c"], raw0["beta_c"]) == (shifted0["gamma_c"], shifted0["beta_c"])
    assert abs(raw0["gamma_c"] - GAMMA) <= 0.02 and abs(raw0["beta_c"] - BETA) <= 0.02


def test_collapse_optimum_beyond_the_grid_is_on_its_edge():
    """A grid that excludes the true (γ, β) has its argmin on its edge, flagged `on_edge`, in either direction."""
    plain = collapsing_losses(0.0)
    low_gamma = collapse_scan(N, LADDER, plain, gamma_range=(0.1, 0.3), beta_range=(0.5, 1.2))
    assert low_gamma["on_edge"] and low_gamma["gamma_c"] == pytest.approx(0.3)
    high_beta = collapse_scan(N, LADDER, plain, gamma_range=(0.1, 0.7), beta_range=(0.2, 0.6))
    assert high_beta["on_edge"] and high_beta["beta_c"] == pytest.approx(0.6)
    inside = collapse_scan(N, LADDER, plain, gamma_range=(0.1, 0.7), beta_range=(0.5, 1.2))
    assert not inside["on_edge"]


def test_collapse_degrades_when_moved_off_the_truth():
    """C7 on an exact collapse: CQ(γ, β ± 2Δβ) and CQ(γ ± 0.05, β) are ≥ 1.2 × CQ(γ, β)."""
    losses = collapsing_losses(0.7)
    ratios = collapse_degradation(N, LADDER, losses, GAMMA, BETA, 0.06, h_inf=0.7)
    assert ratios["cq"] == pytest.approx(collapse_quality(N, LADDER, losses, GAMMA, BETA, 0.7), rel=1e-12)
    assert min(ratios["beta_lo"], ratios["beta_hi"], ratios["gamma_lo"], ratios["gamma_hi"]) >= 1.2
