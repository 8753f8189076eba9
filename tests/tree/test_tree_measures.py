"""The claim measures on constructed stage outputs with known answers."""

import numpy as np
import polars as pl
import pytest

from lmtheory.tree import measures as tm
from lmtheory.tree.ising_statistics import ising_sums, truth_table
from lmtheory.tree.trees import spins

B2 = {"b": 2, "theta": 0.9}
GAMMA = np.log2(2 * 0.9**2)  # log_2(bθ²) for b = 2


def stats_file(tmp_path, name, n, ks, ratios, log_se=0.03):
    """A statistics table as written by sequence_statistics, with Var_gen/Var_true = `ratios`."""
    true_var_n = 100.0
    var_n = np.asarray(ratios) * true_var_n
    frame = pl.DataFrame(
        {
            "k": ks,
            "ell": np.log2(ks),
            "n": n,
            "B": 2000,
            "var_n": var_n,
            "var_n_lo": var_n * 0.95,
            "var_n_hi": var_n * 1.05,
            "log_var_se": log_se,
            "kurt": 3.0,
            "kurt_lo": 2.9,
            "kurt_hi": 3.1,
            "kurt_se": 0.05,
            "true_var_n": true_var_n,
            "true_kurt": 1.5,
            "k1_var_n": 5.0,
            "var_ratio": np.asarray(ratios, float),
        }
    )
    path = tmp_path / f"{name}.parquet"
    frame.write_parquet(path)
    return str(path)


def test_ratio_slope_recovers_an_exact_power_law(tmp_path):
    n, ks = 4096, 2 ** np.arange(13)
    path = stats_file(tmp_path, "a", n, ks, (n / ks) ** -GAMMA)
    case = tm.variance_ratio_slope({"lang": "x", "d": 12, "model": "exact", "min_n_over_k": 32}, [path], B2)
    assert case["expected"] == pytest.approx(-GAMMA)
    assert case["value"] == pytest.approx(-GAMMA, abs=1e-12)
    assert case["n"] == 8  # n/k = 32 .. 4096


def test_deficit_ignores_contexts_beyond_n_over_4(tmp_path):
    n, ks = 64, 2 ** np.arange(7)
    path = stats_file(tmp_path, "a", n, ks, [0.1, 0.2, 0.3, 0.4, 0.5, 0.99, 1.0])
    case = tm.variance_deficit({"lang": "x", "d": 6, "model": "exact", "min_n_over_k": 4}, [path], B2)
    assert case["value"] == pytest.approx((1 - 0.5) / (0.5 * 0.03))
    assert case["n"] == 5


def test_collapse_gives_one_case_per_common_n_over_k(tmp_path):
    ratios = [0.02, 0.05, 0.1, 0.2, 0.4, 0.8, 1.0]
    shallow = stats_file(tmp_path, "a", 64, 2 ** np.arange(7), ratios)
    deep = stats_file(
        tmp_path, "b", 256, 2 ** np.arange(2, 9), [r * (1.2 if i == 3 else 1) for i, r in enumerate(ratios)]
    )
    cases = tm.variance_collapse({"lang": "x", "d": [6, 8], "model": "exact", "min_n_over_k": 2}, [shallow, deep], B2)
    assert len(cases) == 6  # n/k = 2 .. 64
    values = {c["label"].split("n/k=")[1].split(" ")[0]: c["value"] for c in cases}
    assert values["8"] == pytest.approx(1 - 1 / 1.2)
    assert all(v == pytest.approx(0) for key, v in values.items() if key != "8")
    assert cases[0]["se"] == pytest.approx(np.hypot(0.03, 0.03))


def test_ratio_rise_in_standard_errors(tmp_path):
    n, ks = 64, 2 ** np.arange(7)
    falling = stats_file(tmp_path, "a", n, ks, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7])
    assert tm.variance_ratio_rise({"lang": "x", "d": 6, "model": "exact"}, [falling], B2)["value"] < 0
    r = np.array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7])
    r[1] = 0.35  # n/k = 32 rises above n/k = 16 (ratio 0.3); each ratio's SE is ratio × 0.03
    bumpy = stats_file(tmp_path, "b", n, ks, r)
    rise = (0.35 - 0.3) / np.hypot(0.35 * 0.03, 0.3 * 0.03)
    assert tm.variance_ratio_rise({"lang": "x", "d": 6, "model": "exact"}, [bumpy], B2)["value"] == pytest.approx(rise)


def test_exact_curve_measures(tmp_path):
    path = tmp_path / "truth.parquet"
    truth_table(2, 0.9, 40).write_parquet(path)
    assert tm.true_var_slope({"lang": "x", "d_min": 10}, [path], B2)["value"] < 0.002
    assert tm.true_kurtosis_plateau({"lang": "x", "d_min": 16}, [path], B2)["value"] < 1e-3
    assert tm.true_kurtosis_plateau({"lang": "x", "d_min": 4}, [path], B2)["value"] > 0.01
    assert tm.true_kurtosis_distance({"lang": "x", "d_min": 4}, [path], B2)["value"] == pytest.approx(3 - 1.4878, 1e-3)
    wrong = truth_table(2, 0.9, 40).with_columns(var_n=2.0 ** ((GAMMA + 0.1) * pl.col("d")))
    wrong.write_parquet(path)
    assert tm.true_var_slope({"lang": "x", "d_min": 10}, [path], B2)["value"] == pytest.approx(0.1)
    truth_table(2, 0.9, 12).write_parquet(path)
    assert tm.true_kurtosis_plateau({"lang": "x", "d_min": 16}, [path], B2)["value"] is None


def test_row_of_full_context_and_of_k1(tmp_path):
    path = stats_file(tmp_path, "a", 64, 2 ** np.arange(7), np.linspace(0.1, 1, 7))
    full = tm.variance({"lang": "x", "d": 6, "model": "exact", "k": "n"}, [path], B2)
    assert full["value"] == pytest.approx(100.0) and full["expected"] == 100.0
    one = tm.variance({"lang": "x", "d": 6, "model": "exact", "k": 1, "expect": "kgram1"}, [path], B2)
    assert one["value"] == pytest.approx(10.0) and one["expected"] == 5.0 and one["se"] == pytest.approx(0.3)
    with pytest.raises(ValueError, match="no statistics for k=3"):
        tm.variance({"lang": "x", "d": 6, "k": 3}, [path], B2)


def ks_file(tmp_path, name, n, ks, values, se=0.01):
    path = tmp_path / f"{name}.parquet"
    ks = np.asarray(ks)
    pl.DataFrame(
        {
            "k": ks,
            "n": n,
            "n_over_k": n / ks,
            "B": 2000,
            "B_true": 20000,
            "ks": values,
            "ks_lo": values,
            "ks_hi": values,
            "ks_se": se,
        }
    ).write_parquet(path)
    return str(path)


def test_kurtosis_and_ratio_per_context_select_by_n_over_k_and_level(tmp_path):
    path = stats_file(tmp_path, "a", 64, 2 ** np.arange(7), np.linspace(0.1, 1, 7))
    cases = tm.kurtosis_per_context({"lang": "x", "d": 6, "min_n_over_k": 16, "compare": "gaussian"}, [path], B2)
    assert [c["value"] for c in cases] == [0.0, 0.0, 0.0] and cases[0]["se"] == 0.05
    gap = tm.kurtosis_per_context({"lang": "x", "d": 6, "min_n_over_k": 64, "compare": "truth"}, [path], B2)
    assert [c["value"] for c in gap] == [1.5]
    deep = tm.variance_ratio_per_context({"lang": "x", "d": 6, "min_level": 5}, [path], B2)
    assert [round(c["value"], 6) for c in deep] == [0.85, 1.0]


def test_ks_measures(tmp_path):
    # values in k order: n/k = 64, 32, ..., 1
    rising = ks_file(tmp_path, "a", 64, 2 ** np.arange(7), [0.9, 0.8, 0.7, 0.5, 0.3, 0.1, 0.01])
    assert tm.ks_drop({"lang": "x", "d": 6}, [rising], B2)["value"] < 0
    dip = ks_file(tmp_path, "b", 64, 2 ** np.arange(7), [0.9, 0.6, 0.7, 0.5, 0.3, 0.1, 0.01])
    assert tm.ks_drop({"lang": "x", "d": 6}, [dip], B2)["value"] == pytest.approx(0.1)  # 0.7 at n/k=16 → 0.6 at 32
    deeper = ks_file(tmp_path, "c", 256, 2 ** np.arange(2, 9), [0.93, 0.8, 0.7, 0.5, 0.3, 0.1, 0.02])
    cases = tm.ks_collapse({"lang": "x", "d": [6, 8]}, [rising, deeper], B2)
    assert len(cases) == 7 and max(c["value"] for c in cases) == pytest.approx(0.03)
    assert cases[0]["se"] == pytest.approx(np.hypot(0.01, 0.01))
    full = tm.ks_per_context({"lang": "x", "d": 6, "k": "n"}, [rising], B2)
    assert [c["value"] for c in full] == [0.01]


def test_transformer_measures_compare_with_the_kgram(tmp_path):
    ks = 2 ** np.arange(7)
    exact = stats_file(tmp_path, "exact", 64, ks, np.linspace(0.1, 1, 7))
    tf_ratios = np.linspace(0.1, 1, 7)[[2, 4]] * np.array([2.0, 1.0])  # k=4: twice the variance; k=16: equal
    tf = stats_file(tmp_path, "tf", 64, ks[[2, 4]], tf_ratios)
    var = tm.transformer_vs_kgram({"lang": "x", "d": 6, "quantity": "variance"}, [tf, exact], B2)
    assert [round(c["value"], 9) for c in var] == [1.0, 0.0]
    assert var[0]["se"] == pytest.approx(np.hypot(0.03, 0.03) / np.log(2))
    kurt = tm.transformer_vs_kgram({"lang": "x", "d": 6, "quantity": "kurtosis"}, [tf, exact], B2)
    assert [c["value"] for c in kurt] == [0.0, 0.0]
    slope = tm.transformer_slope({"lang": "x", "d": 6}, [tf, exact], B2)
    levels = np.log2([4, 16])
    exact_slope = np.diff(np.log2(np.linspace(0.1, 1, 7)[[2, 4]]))[0] / np.diff(levels)[0]
    assert slope["expected"] == pytest.approx(exact_slope)
    assert slope["value"] == pytest.approx(exact_slope - 1 / np.diff(levels)[0])


def test_ising_sums_are_the_sums_of_the_spins():
    tokens = np.random.default_rng(0).integers(0, 2, (50, 300), dtype=np.uint8)
    assert (ising_sums(tokens) == spins(tokens).sum(axis=1)).all()
