"""Bootstrap statistics, OLS slopes, seeds and Parquet provenance."""

import subprocess
import sys

import numpy as np
import pytest

from lmtheory.fits import log2_variance_slope, ols_slope
from lmtheory.io import read_provenance, read_tokens, tokens_frame, write_parquet
from lmtheory.seeds import rng_for, seed_sequence
from lmtheory.stats import kurtosis, sum_statistics


def test_gaussian_statistics_and_ci_width():
    """N(0, 4) sample: Var CI covers 4, kurtosis ≈ 3, SE(log Var) ≈ sqrt((κ−1)/B) = sqrt(2/B)."""
    s = np.random.default_rng(0).normal(0, 2, 20000)
    out = sum_statistics(s, 300, np.random.default_rng(1))
    assert out["var_lo"] < 4 < out["var_hi"]
    assert out["kurt"] == pytest.approx(3, abs=0.1)
    assert out["log_var_se"] == pytest.approx(np.sqrt(2 / 20000), rel=0.15)


def test_kurtosis_of_symmetric_two_point_law_is_one():
    assert kurtosis(np.array([-1.0, 1.0] * 50)) == pytest.approx(1.0)


def test_ols_slope_exact_on_a_line_and_batched():
    x = np.arange(5.0)
    assert ols_slope(x, 3 * x + 1) == pytest.approx(3)
    np.testing.assert_allclose(ols_slope(x, np.stack([x, -2 * x])), [1, -2])


def test_bootstrap_slope_recovers_a_known_variance_law():
    """Var_ℓ = 2^{0.7 ℓ}: the fitted log₂ slope's CI covers 0.7."""
    rng = np.random.default_rng(3)
    levels = np.arange(2, 8)
    sums = [rng.normal(0, np.sqrt(2 ** (0.7 * lvl)), 4000) for lvl in levels]
    fit = log2_variance_slope(levels, sums, 1.0, 300, np.random.default_rng(4))
    assert fit["slope_lo"] < 0.7 < fit["slope_hi"]
    assert fit["slope_hi"] - fit["slope_lo"] < 0.05


def test_seeds_are_stable_and_separate_streams():
    a = rng_for(1, "sample", "ising_b2", 10).random(3)
    assert np.array_equal(a, rng_for(1, "sample", "ising_b2", 10).random(3))
    assert not np.array_equal(a, rng_for(1, "sample", "ising_b2", 12).random(3))
    assert not np.array_equal(a, rng_for(2, "sample", "ising_b2", 10).random(3))
    code = "from lmtheory.seeds import seed_sequence; print(seed_sequence(1, 'x', 3).generate_state(2).tolist())"
    other_process = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert other_process.stdout.strip() == str(seed_sequence(1, "x", 3).generate_state(2).tolist())


def test_parquet_round_trip_with_provenance(tmp_path):
    tokens = np.random.default_rng(0).integers(0, 3, (4, 9)).astype(np.uint8)
    path = tmp_path / "x.parquet"
    write_parquet(tokens_frame(tokens, 3, k=2), path, {"theta": 0.9}, seed=5)
    assert np.array_equal(read_tokens(path, k=2), tokens)
    meta = read_provenance(path)
    assert meta["params"] == {"theta": 0.9} and meta["seed"] == 5 and meta["version"]
    assert [p.name for p in tmp_path.iterdir()] == ["x.parquet"]  # no temporary left behind
