"""The in-context regression claim measures on hand-made tables with known answers, and on tiny experiment runs."""

import math

import numpy as np
import polars as pl
import pytest

from lmtheory.claims import decide
from lmtheory.icl import experiments as ex
from lmtheory.icl import measures as im
from lmtheory.icl.measures import MEASURES


def table(tmp_path, rows, name="t"):
    path = tmp_path / f"{name}.parquet"
    pl.DataFrame(rows, infer_schema_length=None).write_parquet(path)
    return [str(path)]


def verdict(cases, **comparator):
    return decide(cases if isinstance(cases, list) else [cases], comparator)[0]


def greedy_frame(tmp_path, risks, gap=1e-16):
    Ks = [1, 2, 4, 8, 16, 32, 64][: len(risks)]
    rows = [
        {
            "K": K,
            "value": r,
            "ratio_first": r / risks[0],
            "ratio_first_se": 0.1 * r / risks[0],
            "lsa_gd_maxabs": gap,
            "prompts": 400,
        }
        for K, r in zip(Ks, risks, strict=True)
    ]
    return table(tmp_path, rows)


def test_greedy_measures(tmp_path):
    good = greedy_frame(tmp_path, [0.5, 0.3, 0.2, 0.1, 0.05, 0.01, 0.002])
    assert im.icl_greedy_increases({}, good, {})["value"] == 0
    ratio = im.icl_greedy_ratio({}, good, {})
    assert ratio["value"] == pytest.approx(0.004) and ratio["se"] == pytest.approx(0.0004)
    assert verdict(ratio, kind="at_most", bound=0.05) == "PASS"
    assert verdict(im.icl_lsa_gd_gap({}, good, {}), kind="at_most", bound=1e-8) == "PASS"
    bad = greedy_frame(tmp_path, [0.5, 0.3, 0.3, 0.1, 0.12, 0.01, 0.2], gap=1e-3)
    assert im.icl_greedy_increases({}, bad, {})["value"] == 3  # two ties/rises in the middle and one at the end
    assert verdict(im.icl_greedy_ratio({}, bad, {}), kind="at_most", bound=0.05) == "FAIL"
    assert verdict(im.icl_lsa_gd_gap({}, bad, {}), kind="at_most", bound=1e-8) == "FAIL"


def test_trained_cosine(tmp_path):
    row = {
        "d": 5,
        "K_train": 4,
        "steps": 10,
        "loss_final": 0.1,
        "cosine_min": 0.2,
        "value": 0.9,
        "se": 0.01,
        "prompts": 1000,
    }
    assert verdict(im.icl_trained_cosine({}, table(tmp_path, [row]), {}), kind="at_least", bound=0.99) == "FAIL"


def noise_frame(tmp_path, power=2.0, miss=0.0):
    rows = []
    for tau in (0.0, 0.05, 0.1, 0.2):
        for K in (1, 64):
            formula = 0.01 + 3.9 * tau**2
            value = formula * (1 + (miss if (tau, K) == (0.1, 64) else 0.0))
            rows.append(
                {
                    "tau": tau,
                    "K": K,
                    "value": value,
                    "formula": formula,
                    "diff_se": 1e-4,
                    "excess": 3.9 * tau**power,
                    "excess_se": 1e-3 * tau**power,
                    "prompts": 300,
                    "reps": 64,
                }
            )
    return table(tmp_path, rows)


def test_noise_floor_measures(tmp_path):
    ok = noise_frame(tmp_path)
    fits = im.icl_noise_floor_fit({}, ok, {})
    assert [c["value"] for c in fits] == [0.0] * 4
    slope = im.icl_noise_floor_slope({"K": 64}, ok, {})
    assert slope["value"] == pytest.approx(2.0)
    assert verdict(slope, kind="interval", lo=1.9, hi=2.1) == "PASS"
    bad = noise_frame(tmp_path, power=3.0, miss=0.10)
    fits = im.icl_noise_floor_fit({}, bad, {})
    # 10% off while 5% of the formula (0.0024) is larger than 3 SE (3e-4): score 2
    assert max(c["value"] for c in fits) == pytest.approx(0.10 / 0.05)
    assert verdict(fits, kind="at_most", bound=1) == "FAIL"
    assert verdict(im.icl_noise_floor_slope({"K": 64}, bad, {}), kind="interval", lo=1.9, hi=2.1) == "FAIL"
    # the same 10% miss passes when the paired SE is large (3 SE = 0.0045 > 0.1·formula = 0.0049? no: score 0.98)
    loose = pl.read_parquet(bad[0]).with_columns(diff_se=pl.lit(0.00166))
    loose.write_parquet(bad[0])
    assert max(c["value"] for c in im.icl_noise_floor_fit({}, bad, {})) < 1


def continuous_frame(tmp_path, bon_risks=None, dev_scale=1.0):
    """An E-A3-like table: bon risks per (τ, N), mean rows with dev_greedy = dev_scale·noise_term."""
    taus, Ns = (0.0, 0.1, 0.3), (1, 4, 16, 64)
    bon_risks = bon_risks or {0.0: [0.5] * 4, 0.1: [0.52, 0.45, 0.40, 0.36], 0.3: [0.6, 0.44, 0.33, 0.25]}
    rows = []
    for tau in taus:
        for j, N in enumerate(Ns):
            base = {
                "K": 1,
                "sigma": 0.0,
                "noise": "per_step",
                "tau": tau,
                "N": N,
                "metric": "risk",
                "greedy": 0.5,
                "n_ctx": 20,
                "prompts": 400,
            }
            r = bon_risks[tau][j]
            rows.append(
                base
                | {
                    "method": "bon",
                    "value": r,
                    "se": 0.01,
                    "gain": r / 0.5,
                    "gain_se": 0.01,
                    "minus_greedy_se": 0.005,
                    "noise_term": tau**2,
                    "dev_greedy": None,
                    "dev_greedy_se": None,
                    "heuristic": 0.5 * (1 - 0.1 * N**0.5),
                    "heuristic_diff_se": 0.002,
                    "samples": 1,
                }
            )
            rows.append(
                base
                | {
                    "method": "mean",
                    "value": 0.5 + tau**2 / N,
                    "se": 0.01,
                    "gain": 1.0,
                    "gain_se": 0.01,
                    "minus_greedy_se": 1e-4,
                    "noise_term": tau**2,
                    "dev_greedy": dev_scale * tau**2,
                    "dev_greedy_se": 1e-3 * tau**2,
                    "heuristic": None,
                    "heuristic_diff_se": None,
                    "samples": 64 // N,
                }
            )
    return table(tmp_path, rows)


def test_continuous_measures(tmp_path):
    ok = continuous_frame(tmp_path)
    single = im.icl_single_sample_noise({}, ok, {})
    assert len(single) == 2 and all(c["value"] == pytest.approx(1.0) for c in single)  # τ = 0.1, 0.3
    assert verdict(single, kind="rel_error", tol=0.05) == "PASS"
    gain = im.icl_single_sample_no_gain({}, ok, {})
    assert gain[0]["value"] == pytest.approx(0.01 / 1e-4)
    assert len(im.icl_mean_aggregation_noise({}, ok, {})) == 8
    back = im.icl_mean_aggregation_return({}, ok, {})
    assert back[1]["value"] == pytest.approx(0.09 / 64 / 0.5)
    assert verdict(im.icl_bon_monotone({}, ok, {}), kind="at_most", bound=0.02) == "PASS"
    best = im.icl_bon_gain({}, ok, {})
    assert best["value"] == pytest.approx(0.5) and "τ*=0.3" in best["label"]
    assert im.icl_tau_star({"N": 1}, ok, {})["value"] == 0.0
    assert im.icl_tau_star({"N": 64}, ok, {})["value"] == 0.3
    assert im.icl_tau_star_drops({}, ok, {})["value"] == 0
    law = im.icl_extreme_value_law({"Ns": [4]}, ok, {})[0]
    assert law["value"] == pytest.approx(0.44 / (0.5 * 0.8))  # min_τ R(4) = 0.44 at τ = 0.3; heuristic 0.5(1 − 0.2)
    assert "τ=0.3" in law["label"]

    bad = continuous_frame(
        tmp_path, {0.0: [0.5] * 4, 0.1: [0.52, 0.3, 0.45, 0.36], 0.3: [0.6, 0.44, 0.33, 0.40]}, dev_scale=1.2
    )
    assert verdict(im.icl_single_sample_noise({}, bad, {}), kind="rel_error", tol=0.05) == "FAIL"
    assert verdict(im.icl_mean_aggregation_noise({}, bad, {}), kind="rel_error", tol=0.1) == "FAIL"
    assert im.icl_bon_monotone({}, bad, {})["value"] == pytest.approx(0.15 / 0.3)
    # τ*(N) = 0, 0.1, 0.3 (0.33 < 0.45), 0.1 (0.36 < 0.40): one drop
    assert im.icl_tau_star_drops({}, bad, {})["value"] == 1
    assert verdict(im.icl_tau_star_drops({}, bad, {}), kind="at_most", bound=0) == "FAIL"


def binary_frame(tmp_path, mv_success=0.40, formula_shift=0.0):
    rows = [
        {
            "K": 1,
            "tau": 0.0,
            "N": 1,
            "method": "greedy",
            "metric": "success",
            "value": 0.43,
            "se": 0.011,
            "formula": 0.43,
            "greedy": 0.43,
            "minus_greedy_se": 0.0,
            "prompts": 2000,
        }
    ]
    for tau in (0.05, 0.25, 0.5):
        for N in (1, 3, 243):
            bon = {0.05: 0.4 + 0.1 * (N > 1), 0.25: 0.35 + 0.6 * (N > 1), 0.5: 0.3 + 0.5 * (N > 1)}[tau]
            for method, value in (("bon", bon), ("mv", mv_success)):
                rows.append(
                    {
                        "K": 1,
                        "tau": tau,
                        "N": N,
                        "method": method,
                        "metric": "success",
                        "value": value,
                        "se": 0.011,
                        "formula": value + formula_shift,
                        "greedy": 0.43,
                        "minus_greedy_se": 0.01,
                        "prompts": 2000,
                    }
                )
    return table(tmp_path, rows)


def test_binary_measures(tmp_path):
    ok = binary_frame(tmp_path)
    assert im.icl_binary_formula_gap({"method": "bon"}, ok, {})["value"] == pytest.approx(0.0)
    assert im.icl_tau_star({"N": 1}, ok, {})["value"] == 0.05
    assert im.icl_tau_star({"N": 243}, ok, {})["value"] == 0.25
    assert im.icl_tau_star_drops({}, ok, {})["value"] == 0
    assert im.icl_binary_bon_gain({"N": 243}, ok, {})["value"] == pytest.approx(0.95 - 0.43)
    assert im.icl_bon_minus_mv({"N": 243}, ok, {})["value"] == pytest.approx(0.95 - 0.40)
    assert im.icl_mv_excess({}, ok, {})["value"] == pytest.approx(-0.03)
    assert im.icl_mv_saturation({"N": 243}, ok, {})["value"] == pytest.approx(0.03)
    bad = binary_frame(tmp_path, mv_success=0.50, formula_shift=0.06)
    assert verdict(im.icl_binary_formula_gap({"method": "mv"}, bad, {}), kind="at_most", bound=0.04) == "FAIL"
    assert verdict(im.icl_mv_excess({}, bad, {}), kind="at_most", bound=0.02) == "FAIL"


def test_rate_measures(tmp_path):
    rows = [
        {
            "dim": dim,
            "n_ctx": max(2 * dim, 8),
            "tau": 0.1,
            "N": 64,
            "value": 0.1,
            "prompts": 300,
            "slope": s,
            "slope_se": 0.02,
            "slope_lo": s - 0.04,
            "slope_hi": s + 0.04,
            "expected_slope": -2 / dim,
            "fit_min": 64,
            "fit_max": 4096,
        }
        for dim, s in ((2, -0.97), (4, -0.45), (8, -0.5))
    ]
    path = table(tmp_path, rows)
    ratios = im.icl_rate_ratio({}, path, {})
    assert [c["value"] for c in ratios] == pytest.approx([0.97, 0.9, 2.0])
    assert ratios[0]["lo"] == pytest.approx(0.93) and ratios[0]["hi"] == pytest.approx(1.01)
    assert [decide([c], {"kind": "interval", "lo": 0.6, "hi": 1.15})[0] for c in ratios] == ["PASS", "PASS", "FAIL"]
    assert im.icl_rate_ordering({}, path, {})["value"] == 1


def test_n50_measures(tmp_path):
    rows = [
        {"tau": 0.5, "dim": d, "value": math.exp(0.3 * d), "log_value": 0.3 * d, "prompts": 1000} for d in (4, 6, 8, 10)
    ]
    rows += [
        {"tau": 1.0, "dim": d, "value": v, "log_value": math.log(v), "prompts": 1000}
        for d, v in ((4, 50.0), (6, 3.0), (8, 40.0), (10, 2.0))
    ]
    path = table(tmp_path, rows)
    assert im.icl_n50_slope({"tau": 0.5}, path, {})["value"] == pytest.approx(0.3)
    assert im.icl_n50_r2({"tau": 0.5}, path, {})["value"] == pytest.approx(1.0)
    assert verdict(im.icl_n50_r2({"tau": 1.0}, path, {}), kind="at_least", bound=0.95) == "FAIL"
    assert verdict(im.icl_n50_slope({"tau": 1.0}, path, {}), kind="at_least", bound=0) != "PASS"


def test_ml_and_allocation_measures(tmp_path):
    rows = []
    for s, p in ((0.0, 1.0), (0.6, 0.87)):
        common = {"sigma": s, "metric": "success", "p_ml": p, "p_ml_se": 0.02, "d": 8, "n_ctx": 16, "prompts": 300}
        rows.append(common | {"tau": 0.0, "N": 1, "method": "greedy", "value": 0.5, "se": 0.03, "minus_ml_se": 0.03})
        for tau, v in ((0.05, 0.75), (0.5, p)):
            rows.append(common | {"tau": tau, "N": 1024, "method": "bon", "value": v, "se": 0.02, "minus_ml_se": 0.005})
    path = table(tmp_path, rows)
    assert im.icl_ml_ceiling({}, path, {})["value"] == 0.87
    cases = im.icl_bon_vs_ml({}, path, {})
    assert [c["value"] for c in cases] == pytest.approx([0.75 - 0.87, 0.0])
    assert verdict(cases, kind="abs_error", tol=0.03) == "FAIL"
    assert im.icl_bon_success({}, path, {})["value"] == 1.0  # best τ at σ = 0
    assert im.icl_bon_success({"tau": 0.05}, path, {})["value"] == 0.75

    risks = {0.0: [0.002, 0.01, 0.04, 0.1], 0.3: [0.37, 0.27, 0.2, 0.4]}
    alloc = [
        {
            "tau": tau,
            "N": N,
            "K": 64 // N,
            "budget": 64,
            "value": r,
            "se": 0.01,
            "ratio_n1": r / risks[tau][0],
            "ratio_n1_se": 0.03,
            "prompts": 300,
        }
        for tau in risks
        for N, r in zip((1, 4, 16, 64), risks[tau], strict=True)
    ]
    path = table(tmp_path, alloc, "alloc")
    assert im.icl_allocation_argmin({"tau": 0.0}, path, {})["value"] == 1
    assert im.icl_allocation_argmin({"tau": 0.3}, path, {})["value"] == 16
    assert im.icl_allocation_gain({"tau": 0.3}, path, {})["value"] == pytest.approx(0.2 / 0.37)


TINY = {
    "e_a1": {"T": 30},
    "e_a2": {"T": 20, "reps": 8},
    "e_a3": {"T": 30, "Ns": (1, 4, 16, 64)},
    "e_a3_extreme": {"T": 30, "n": 40, "taus": (0.0, 0.2, 0.4)},
    "e_a4": {"T": 20, "Ns": (16, 64, 256), "fit_range": (16, 256), "boot": 20},
    "e_a5": {"T": 100, "Ns": (1, 3, 9)},
    "e_a6": {"T": 100, "dims": (4, 6, 8)},
    "e_a7": {"T": 40, "Ns": (1, 4, 16)},
    "e_a8": {"T": 30, "budget": 8, "Ns": (1, 2, 4, 8)},
}
CASES = {  # measure: (experiment, case)
    "icl_lsa_gd_gap": ("e_a1", {}),
    "icl_greedy_increases": ("e_a1", {}),
    "icl_greedy_ratio": ("e_a1", {}),
    "icl_noise_floor_fit": ("e_a2", {}),
    "icl_noise_floor_slope": ("e_a2", {}),
    "icl_single_sample_noise": ("e_a3", {"taus": [0.1, 0.3]}),
    "icl_single_sample_no_gain": ("e_a3", {"taus": [0.1, 0.3]}),
    "icl_mean_aggregation_noise": ("e_a3", {"taus": [0.1, 0.3]}),
    "icl_mean_aggregation_return": ("e_a3", {"taus": [0.1, 0.3], "N": 64}),
    "icl_bon_monotone": ("e_a3", {}),
    "icl_bon_gain": ("e_a3", {}),
    "icl_tau_star": ("e_a3", {"N": 1}),
    "icl_tau_star_drops": ("e_a5", {"K": 3}),
    "icl_extreme_value_law": ("e_a3_extreme", {}),
    "icl_rate_ratio": ("e_a4", {}),
    "icl_rate_ordering": ("e_a4", {}),
    "icl_binary_formula_gap": ("e_a5", {"method": "mv"}),
    "icl_binary_bon_gain": ("e_a5", {}),
    "icl_mv_excess": ("e_a5", {}),
    "icl_mv_saturation": ("e_a5", {}),
    "icl_bon_minus_mv": ("e_a5", {}),
    "icl_n50_slope": ("e_a6", {"tau": 0.5}),
    "icl_n50_r2": ("e_a6", {"tau": 1.0}),
    "icl_ml_ceiling": ("e_a7", {"sigma": 0.6}),
    "icl_bon_vs_ml": ("e_a7", {}),
    "icl_bon_success": ("e_a7", {}),
    "icl_allocation_argmin": ("e_a8", {"tau": 0.3}),
    "icl_allocation_gain": ("e_a8", {"tau": 0.3}),
}


@pytest.fixture(scope="module")
def tiny_tables(tmp_path_factory):
    out = tmp_path_factory.mktemp("icl")
    paths = {}
    for name, kwargs in TINY.items():
        frame = ex.EXPERIMENTS[name](7, **kwargs)
        assert {"value"} <= set(frame.columns) and frame.height > 0
        paths[name] = str(out / f"{name}.parquet")
        frame.write_parquet(paths[name])
    return paths


def test_every_measure_reads_its_experiment_table(tiny_tables):
    """Each registered icl measure (except the torch one) gives finite case values on a tiny run of its experiment."""
    names = {n for n in MEASURES if n.startswith("icl_")} - {"icl_trained_cosine"}
    assert names == set(CASES)
    for name, (experiment, case) in CASES.items():
        result = MEASURES[name](case, [tiny_tables[experiment]], {})
        for c in result if isinstance(result, list) else [result]:
            assert c["label"] and np.isfinite(c["value"]), (name, c)


def test_tiny_experiments_are_deterministic_and_exact(tiny_tables):
    again = ex.e_a5_binary(7, **TINY["e_a5"])
    assert again.equals(pl.read_parquet(tiny_tables["e_a5"]))
    e_a1 = pl.read_parquet(tiny_tables["e_a1"])
    np.testing.assert_allclose(e_a1["value"], e_a1["formula"], rtol=1e-10)  # LSA chain = A-T1 on the same prompts
    e_a3 = pl.read_parquet(tiny_tables["e_a3"]).filter(pl.col("tau") == 0)
    np.testing.assert_allclose(e_a3["value"], e_a3["greedy"], rtol=1e-12)  # τ = 0 decodes are greedy
