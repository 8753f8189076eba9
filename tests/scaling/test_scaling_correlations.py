"""The correlation-decay estimator of the scaling-law paper (spec §2.2, §4.1, §7 C0a–C0c, C10, C13).

Streams with exact answers: i.i.d. Zipf tokens (C(n) = 0, so ‖Ĉ‖_op is pure noise), a first-order Markov chain
(C(n) = diag(π)(Aⁿ − 1πᵀ), H_1 = Σ_i π_i H(A_i·)) and a mixture of sticky channels with log-spaced timescales
whose C(n) is a rank-one matrix with an exactly computable power-law norm.
"""

import bisect

import numpy as np
import polars as pl
import pytest
from scipy import stats

from lmtheory.scaling.broken_power_law import hinge_fit
from lmtheory.scaling.correlation_decay import beta_estimate, window_size
from lmtheory.scaling.correlation_spectrum import spectrum_check
from lmtheory.scaling.correlations import (
    correlation_table,
    lag_pairs,
    lagged_correlation,
    log_lag_grid,
    noise_floor,
    permuted_stream,
    sparse_joint,
)
from synthetic_text import sticky_mixture, zipf_stream


def stationary(transition: np.ndarray) -> np.ndarray:
    values, vectors = np.linalg.eig(transition.T)
    pi = np.real(vectors[:, np.argmin(np.abs(values - 1))])
    return pi / pi.sum()


def markov_stream(transition: np.ndarray, n: int, rng) -> np.ndarray:
    """A stationary run of the chain (first state from π)."""
    rows = [list(r) for r in np.cumsum(transition, axis=1)]
    u = rng.random(n)
    state = int(np.searchsorted(np.cumsum(stationary(transition)), u[0]))
    x = np.empty(n, dtype=np.int64)
    for i in range(n):
        x[i] = state
        state = min(bisect.bisect_right(rows[state], u[i]), len(rows) - 1)
    return x


def sticky_mixture_op_norm(lags, vocab: int, timescales, weights) -> np.ndarray:
    """Exact ‖C(n)‖_op = Σ_j w_j² e^(−n/τ_j) / vocab of `sticky_mixture`."""
    lags = np.asarray(lags, float)[:, None]
    return (np.asarray(weights) ** 2 * np.exp(-lags / np.asarray(timescales))).sum(axis=1) / vocab


def power_law_table(lags, op_norms, floor, frob=None) -> pl.DataFrame:
    """A hand-made correlation table whose permuted norms all equal `floor`."""
    lags = np.asarray(lags)
    return pl.DataFrame(
        {
            "lag": lags,
            "op_norm": np.asarray(op_norms, float),
            "frob_debiased": np.asarray(op_norms if frob is None else frob, float),
            "permuted_op_norms": [[floor] * 3 for _ in lags],
        }
    )


# ---------------------------------------------------------------- the estimator itself


def test_log_lag_grid_is_unique_rounded_logspace():
    grid = log_lag_grid(200, 15)
    assert grid[0] == 1 and grid[-1] == 200 and np.all(np.diff(grid) > 0) and grid.size <= 15
    assert set(log_lag_grid(1000, 10)) == {1, 2, 5, 10, 22, 46, 100, 215, 464, 1000}


def test_sparse_operator_and_closed_form_frobenius_match_the_dense_matrix(rng):
    """V = 300 takes the ARPACK path on the operator; its top-10 singular values and the closed-form ‖Ĉ‖_F² equal
    numpy's dense SVD and sum of squares of J − p qᵀ."""
    x = zipf_stream(50_000, 300, rng)
    x[1:] = np.where(rng.random(x.size - 1) < 0.3, (x[:-1] + 1) % 300, x[1:])
    corr = lagged_correlation(x, 1, 300)
    dense = corr.dense()
    exact = np.linalg.svd(dense, compute_uv=False)
    np.testing.assert_allclose(corr.singular_values(10), exact[:10], rtol=1e-9)
    assert corr.frobenius_squared() == pytest.approx((dense**2).sum(), rel=1e-9)
    small = lagged_correlation(x % 16, 2, 16)
    assert small.singular_values(50).size == 16  # k > V: every singular value


def test_sorted_key_pair_counts_equal_the_dense_counts(rng):
    """sparse_joint (sorted μ·V + ν keys) gives exactly the dense bincount's J, empty rows and the last cell included;
    V = 70000 takes the uint64 keys."""
    vocab = 3000
    a, b = rng.integers(0, vocab, 20_000), rng.integers(0, vocab, 20_000)
    a[:3], b[:3] = vocab - 1, vocab - 1
    a[a == 7] = 8  # an empty row
    joint = sparse_joint(a, b, vocab)
    dense = np.zeros((vocab, vocab))
    np.add.at(dense, (a, b), 1 / a.size)
    np.testing.assert_allclose(joint.toarray(), dense, rtol=1e-12, atol=0)
    assert joint.has_canonical_format and joint.nnz == np.count_nonzero(dense)
    wide = sparse_joint(np.array([69_999, 0, 69_999]), np.array([69_998, 5, 69_998]), 70_000)
    assert wide[69_999, 69_998] == pytest.approx(2 / 3) and wide[0, 5] == pytest.approx(1 / 3) and wide.nnz == 2


def test_document_interior_pairs_and_permutations_respect_separators(rng):
    """With a separator s, pairs are exactly the (x_i, x_{i+n}) of one document; a permutation moves no separator."""
    s, lag = 9, 3
    docs = [rng.integers(0, 9, size=m) for m in (2, 5, 11, 4, 8)]
    x = np.concatenate([np.append(d, s) for d in docs])
    a, b = lag_pairs(x, lag, separator=s)
    expected = np.concatenate([np.stack([d[:-lag], d[lag:]], 1) for d in docs if d.size > lag])
    np.testing.assert_array_equal(np.stack([a, b], 1), expected)
    shuffled = permuted_stream(x, rng, separator=s)
    np.testing.assert_array_equal(shuffled == s, x == s)
    np.testing.assert_array_equal(np.sort(shuffled), np.sort(x))


# ---------------------------------------------------------------- C0a: i.i.d. tokens


@pytest.fixture(scope="module")
def iid_zipf():
    return zipf_stream(1_000_000, 512, np.random.default_rng(2024))


@pytest.fixture(scope="module")
def iid_table(iid_zipf):
    return correlation_table(iid_zipf, 512, np.arange(1, 101), top_k=1, n_permutations=3, rng=7)


def test_c0a_iid_op_norm_sits_on_the_permutation_floor(iid_table):
    """C0a (V = 512, N = 1e6, every lag n = 1..100): the observed ‖Ĉ(n)‖_op and the 300 permuted ones are
    exchangeable (two-sample KS, p ≥ 0.01), ≥ 95% of the ratios ‖Ĉ(n)‖_op / floor lie in the spec band [0.7, 1.4],
    and no lag is above 3× floor.

    The spec asks for every lag in the band; a single ‖Ĉ(n)‖_op of Zipf noise is right-skewed (per-lag ratio: SD 0.12,
    99.9% quantile 1.46, measured over 600 lag draws), so the largest of 100 lags leaves the band in about half of
    the streams (maxima 1.34–1.52 over 6 seeds): the band holds for the bulk, the KS test for the whole
    distribution."""
    floor = noise_floor(iid_table)["floor"]
    observed = iid_table["op_norm"].to_numpy()
    permuted = np.concatenate(iid_table["permuted_op_norms"].to_list())
    assert stats.ks_2samp(observed, permuted).pvalue >= 0.01
    ratio = observed / floor
    assert np.mean((ratio >= 0.7) & (ratio <= 1.4)) >= 0.95, np.sort(ratio)
    assert beta_estimate(iid_table)["n_above_floor"] == 0


def test_c0a_floor_scales_as_inverse_sqrt_n(iid_zipf):
    """C0a: the permutation floor over N ∈ {1e5, 3e5, 1e6} has log-log slope in [−0.6, −0.4]."""
    sizes = np.array([100_000, 300_000, 1_000_000])
    lags = log_lag_grid(100, 8)
    floors = [noise_floor(correlation_table(iid_zipf[:n], 512, lags, top_k=1, rng=11))["floor"] for n in sizes]
    slope = np.polyfit(np.log(sizes), np.log(floors), 1)[0]
    assert -0.6 <= slope <= -0.4, slope


def test_debiased_frobenius_removes_the_independence_noise(iid_zipf, iid_table):
    """For i.i.d. tokens E‖Ĉ(n)‖_F² = (1 − Σp²)²/N_n: the subtracted noise is that (to the O(n/N) difference of the
    endpoint marginals), and the mean of ‖Ĉ‖_F² / noise over the 100 lags is 1 within 3 standard errors (SE from the
    spread across lags). The plain 1/N_n of the spec is off by more than that here."""
    p = np.bincount(iid_zipf, minlength=512) / iid_zipf.size
    noise = iid_table["frob_noise"].to_numpy()
    np.testing.assert_allclose(noise, (1 - p @ p) ** 2 / iid_table["n_pairs"].to_numpy(), rtol=1e-3)
    ratio = iid_table["frob"].to_numpy() ** 2 / noise
    tolerance = 3 * ratio.std(ddof=1) / np.sqrt(ratio.size)
    assert abs(ratio.mean() - 1) <= tolerance, (ratio.mean(), tolerance)
    assert abs((1 - p @ p) ** 2 - 1) > tolerance  # the test tells the two noise models apart
    debiased = iid_table["frob_debiased"].to_numpy()
    np.testing.assert_allclose(debiased**2, np.maximum(iid_table["frob"].to_numpy() ** 2 - noise, 0), atol=1e-12)


def test_noise_floor_has_no_trend_in_the_lag(iid_table):
    """The floor of a permuted stream cannot depend on n: its fitted change from lag 1 to lag 100 is within ±25%
    (C13's flatness band); the per-lag maximum deviation of the median of 3 permutations is reported alongside."""
    floor = noise_floor(iid_table)
    assert abs(floor["trend"]) <= 0.25, floor
    assert floor["n_values"] == 300 and floor["flatness"] > 0


def test_correlation_table_is_deterministic_for_a_seed(iid_zipf):
    first, again = (correlation_table(iid_zipf[:20_000], 512, [1, 5], top_k=3, rng=3) for _ in range(2))
    assert first.equals(again)


# ---------------------------------------------------------------- C0b: a Markov chain


@pytest.fixture(scope="module")
def markov():
    """V = 16, rows Dirichlet(0.2) (seed 0): λ₂ = 0.50."""
    rng = np.random.default_rng(0)
    transition = rng.dirichlet(np.full(16, 0.2), size=16)
    return transition, markov_stream(transition, 1_000_000, rng)


def test_c0b_markov_chain_op_norm_matches_the_exact_correlation(markov):
    """C0b: ‖Ĉ(n)‖_op within 10% of ‖diag(π)(Aⁿ − 1πᵀ)‖_op at every lag with exact signal > 5× floor (N = 1e6)."""
    transition, x = markov
    pi = stationary(transition)
    assert np.sort(np.abs(np.linalg.eigvals(transition)))[-2] == pytest.approx(0.50, abs=0.01)
    lags = np.arange(1, 21)
    table = correlation_table(x, 16, lags, top_k=1, rng=5)
    exact = np.array([np.linalg.norm(np.diag(pi) @ (np.linalg.matrix_power(transition, n) - pi), 2) for n in lags])
    resolved = exact > 5 * noise_floor(table)["floor"]
    assert resolved.sum() >= 4
    ratio = table["op_norm"].to_numpy()[resolved] / exact[resolved]
    assert np.all(np.abs(ratio - 1) <= 0.1), ratio


def test_c0b_plug_in_first_order_entropy_matches_the_chain(markov):
    """C0b: the plug-in H_1 = −Σ J_ab ln(J_ab / p_a) from the lag-1 joint is within 0.01 nats of Σ_i π_i H(A_i·)."""
    transition, x = markov
    joint = lagged_correlation(x, 1, 16).joint.toarray()
    seen = joint > 0
    plug_in = -np.sum(joint[seen] * np.log((joint / joint.sum(axis=1, keepdims=True))[seen]))
    rows = np.where(transition > 0, transition * np.log(np.where(transition > 0, transition, 1)), 0)
    exact = -stationary(transition) @ rows.sum(axis=1)
    assert plug_in == pytest.approx(exact, abs=0.01)


# ---------------------------------------------------------------- C0c: a process with a known β


def test_c0c_beta_of_a_power_law_process_is_recovered():
    """C0c: the sticky-channel mixture with β = 0.5 (V = 8, N = 1e6, τ_j = 4^j, j = −1..8): the exact ‖C(n)‖_op has
    local log-log slope within ±0.02 of −β on the window, and the frozen-window β̂ is within ±0.1 of β."""
    beta, vocab = 0.5, 8
    timescales = 4.0 ** np.arange(-1, 9)
    weights = timescales ** (-beta / 2) / (timescales ** (-beta / 2)).sum()
    x = sticky_mixture(1_000_000, vocab, timescales, weights, np.random.default_rng(1))
    lags = log_lag_grid(1000, 25)
    table = correlation_table(x, vocab, lags, top_k=1, rng=2)
    estimate = beta_estimate(table, rng=3)
    assert estimate["reportable"] and estimate["n_points"] >= 5, estimate["reason"]
    window = np.asarray(estimate["window_lags"])
    exact = sticky_mixture_op_norm(window, vocab, timescales, weights)
    local = -np.diff(np.log(exact)) / np.diff(np.log(window))
    assert np.all(np.abs(local - beta) <= 0.02), local
    assert table["op_norm"][0] == pytest.approx(exact[0], rel=0.1)
    assert estimate["beta"] == pytest.approx(beta, abs=0.1), estimate


# ---------------------------------------------------------------- window rule, hinge, not reportable


def test_frozen_window_stops_at_the_first_lag_below_three_floors():
    """Window = lags before the first one under 3·floor, even if a later lag rises above again; on an exact
    n^(−1) inside the window β = 1 with R² = 1 and zero bootstrap SD, the window shift is the refit with the next lag
    added, and β_F comes from the positive debiased Frobenius values only."""
    lags = np.array([1, 2, 4, 8, 16, 32, 64])
    op = 0.1 / lags
    op[4], op[5] = 1e-4, 0.02  # lag 16 under 3·floor, lag 32 back above
    frob = 0.05 * lags**-1.2
    frob[2] = 0.0
    table = power_law_table(lags, op, 1e-3, frob)
    assert window_size(op, 1e-3) == 4
    est = beta_estimate(table, n_boot=200, rng=0)
    assert est["window_lags"] == [1, 2, 4, 8] and est["n_max"] == 8 and est["n_above_floor"] == 5
    assert est["beta"] == pytest.approx(1.0) and est["r2"] == pytest.approx(1.0)
    assert est["beta_boot_sd"] == pytest.approx(0.0, abs=1e-12) and est["beta_drop_last"] == pytest.approx(1.0)
    add_next = -np.polyfit(np.log(lags[:5]), np.log(op[:5]), 1)[0]
    assert est["beta_add_next"] == pytest.approx(add_next)
    assert est["beta_se"] == pytest.approx(abs(add_next - 1.0))
    assert est["beta_f"] == pytest.approx(1.2) and est["beta_f_n_points"] == 3


def test_short_window_is_not_reportable():
    """Two lags above 3·floor: β is NaN with a reason, not an exception."""
    lags = np.array([1, 2, 4, 8])
    est = beta_estimate(power_law_table(lags, [0.1, 0.05, 1e-4, 1e-4], 1e-3))
    assert not est["reportable"] and est["n_points"] == 2 and np.isnan(est["beta"]) and "2 lag(s)" in est["reason"]


def test_hinge_recovers_a_broken_power_law_and_rejects_a_straight_one():
    """y = n^(−0.5) up to n = 30 and ∝ n^(−1.5) after (continuous), 5% log-normal noise on 30 log-spaced lags in
    [1, 1000]: both slopes within ±0.1, the knot within a factor e^0.25, ΔBIC ≤ −6. A straight n^(−1) with the same
    noise is not broken (ΔBIC > −6)."""
    rng = np.random.default_rng(4)
    n = log_lag_grid(1000, 30).astype(float)
    noise = np.exp(0.05 * rng.standard_normal(n.size))
    broken = np.where(n <= 30, n**-0.5, 30**1.0 * n**-1.5) * noise
    fit = hinge_fit(n, broken)
    assert fit["adopted"] and fit["delta_bic"] <= -6
    assert fit["slope_short"] == pytest.approx(-0.5, abs=0.1) and fit["slope_long"] == pytest.approx(-1.5, abs=0.1)
    assert abs(np.log(fit["x_break"] / 30)) <= 0.25, fit
    assert not hinge_fit(n, n**-1.0 * noise)["adopted"]
    assert not hinge_fit(n[:4], broken[:4])["adopted"]


# ---------------------------------------------------------------- C10: spectrum check


def test_spectrum_check_counts_large_values_above_a_power_law_bulk():
    """σ_r = r^(−0.3) for r ≤ 60 with the top 4 (or 12) raised 10×: n_large = 4 passes, 12 fails; the bulk is an
    exact power law; top-k < 50 raises."""
    bulk = np.arange(1, 61) ** -0.3
    few, many = bulk.copy(), bulk.copy()
    few[:4] *= 10
    many[:12] *= 10
    table = pl.DataFrame({"lag": [1, 2], "singular_values": [few.tolist(), many.tolist()]})
    check = spectrum_check(table)
    assert check["n_large"].to_list() == [4, 12] and check["passes"].to_list() == [True, False]
    assert check["bulk_slope"][0] == pytest.approx(-0.3) and check["bulk_r2"][0] == pytest.approx(1.0)
    with pytest.raises(ValueError, match="top 50"):
        spectrum_check(table.with_columns(pl.col("singular_values").list.head(20)))
