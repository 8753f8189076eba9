"""The metastable-CoT claim measures (B-C1 … B-C9) on hand-made tables with known answers, including failing ones, and
on tiny runs of every experiment E-B1 … E-B8."""

import math

import numpy as np
import polars as pl
import pytest

from lmtheory.claims import decide
from lmtheory.cot import experiments as ex
from lmtheory.cot import measures as cm
from lmtheory.measures import measures_of


def table(tmp_path, rows, name="t"):
    path = tmp_path / f"{name}.parquet"
    (rows if isinstance(rows, pl.DataFrame) else pl.DataFrame(rows, infer_schema_length=None)).write_parquet(path)
    return [str(path)]


def verdict(cases, **comparator):
    return decide(cases if isinstance(cases, list) else [cases], comparator)[0]


def test_registry():
    assert measures_of("cot") is cm.MEASURES
    assert all(name.startswith("cot_") for name in cm.MEASURES)


# --------------------------------------------------------------------------------------------------------- B-C1


def hitting_frame(tmp_path, power=1.0, bump=0.0):
    """Exact rows E τ = (K − 1)M/ε^power·(1 + bump at K = 8), plus one MC row."""
    rows = []
    cells = [(K, 32) for K in (2, 3, 5, 8)] + [(5, M) for M in (16, 64)]
    for K, M in cells:
        for eps in (1e-2, 1e-3):
            formula = (K - 1) * M / eps
            value = (K - 1) * M / eps**power * (1 + (bump if K == 8 else 0.0))
            rows.append(
                {
                    "method": "exact",
                    "K": K,
                    "M": M,
                    "eps": eps,
                    "value": value,
                    "se": None,
                    "formula": formula,
                    "ratio": value / formula,
                    "exact": value,
                    "chains": 0,
                    "censored": 0,
                }
            )
    rows.append(
        {
            "method": "mc",
            "K": 5,
            "M": 32,
            "eps": 1e-2,
            "value": 13_500.0,
            "se": 100.0,
            "formula": 12_800.0,
            "ratio": 13_500 / 12_800,
            "exact": 13_000.0,
            "chains": 300,
            "censored": 0,
        }
    )
    return table(tmp_path, rows)


def test_hitting_measures(tmp_path):
    good = hitting_frame(tmp_path)
    ratios = cm.cot_hitting_ratio({}, good, {})
    assert len(ratios) == 12 and all(c["value"] == pytest.approx(1.0) for c in ratios)
    assert verdict(ratios, kind="interval", lo=0.95, hi=1.10) == "PASS"
    slopes = cm.cot_hitting_slope_eps({}, good, {})
    assert len(slopes) == 6 and all(c["value"] == pytest.approx(1.0) for c in slopes)
    slopes_M = cm.cot_hitting_slope_M({}, good, {})  # the M sweep's K = 5, read from the table: M ∈ {16, 32, 64}
    assert len(slopes_M) == 2 and all(c["value"] == pytest.approx(1.0) for c in slopes_M)
    r2 = cm.cot_hitting_linear_K({}, good, {})
    assert all(c["value"] == pytest.approx(1.0) for c in r2)
    mc = cm.cot_hitting_mc({}, good, {})
    assert mc[0]["expected"] == 13_000.0 and verdict(mc, kind="within_se", z=4) == "FAIL"  # 5 SE away
    assert verdict(mc, kind="within_se", z=6) == "PASS"

    bad = hitting_frame(tmp_path, power=0.9, bump=0.3)
    assert verdict(cm.cot_hitting_ratio({}, bad, {}), kind="interval", lo=0.95, hi=1.10) == "FAIL"
    slopes = cm.cot_hitting_slope_eps({"K": 2}, bad, {})
    assert slopes[0]["value"] == pytest.approx(0.9) and verdict(slopes, kind="interval", lo=0.97, hi=1.03) == "FAIL"
    assert verdict(cm.cot_hitting_linear_K({}, bad, {}), kind="at_least", bound=0.999) == "FAIL"


# --------------------------------------------------------------------------------------------------------- B-C2


def dynamics_frame(tmp_path, dwell, moduli, K=3, eps=1e-3, M=32):
    dwell = pl.DataFrame({"part": "dwell", "chain": np.arange(len(dwell)), "value": np.asarray(dwell, float)})
    eig = pl.DataFrame({"part": "eigenvalue", "rank": np.arange(1, len(moduli) + 1), "value": np.asarray(moduli)})
    frame = pl.concat([dwell, eig], how="diagonal").with_columns(
        K=pl.lit(K),
        M=pl.lit(M),
        eps=pl.lit(eps),
        timescale=pl.lit(M / eps),
        exact_dwell=pl.lit(M / eps),
        threshold=pl.lit(1 - 10 * eps / M),
    )
    return table(tmp_path, frame)


def test_dwell_and_spectrum_measures(tmp_path):
    rng = np.random.default_rng(0)
    scale = 32 / 1e-3
    moduli = [1.0, 0.99999, 0.99998, 0.6, 0.5, 0.1]
    good = dynamics_frame(tmp_path, rng.exponential(scale, 4000), moduli)
    mean = cm.cot_dwell_mean({}, good, {})
    assert mean["expected"] == 1.0 and mean["se"] == pytest.approx(1 / math.sqrt(4000), rel=0.1)
    assert verdict(mean, kind="rel_error", tol=0.10) == "PASS"
    cv = cm.cot_dwell_cv({}, good, {})
    assert cv["se"] == pytest.approx(1 / math.sqrt(4000), rel=0.2)  # SE of the CV of an exponential ≈ 1/√n
    assert verdict(cv, kind="interval", lo=0.85, hi=1.15) == "PASS"
    slow = cm.cot_slow_eigenvalues({}, good, {})
    assert slow["value"] == 3 and verdict(slow, kind="abs_error", tol=0) == "PASS"
    gap = cm.cot_spectral_gap({}, good, {})
    assert gap["value"] == pytest.approx(0.4 / 1e-5) and verdict(gap, kind="at_least", bound=100) == "PASS"

    # deterministic dwell times of 2·M/ε (CV 0, mean off by 100%) and a fourth slow eigenvalue
    bad = dynamics_frame(tmp_path, np.full(400, 2 * scale), [1.0, 0.99999, 0.99998, 0.99995, 0.999, 0.5])
    assert verdict(cm.cot_dwell_mean({}, bad, {}), kind="rel_error", tol=0.10) == "FAIL"
    assert verdict(cm.cot_dwell_cv({}, bad, {}), kind="interval", lo=0.85, hi=1.15) == "FAIL"
    assert verdict(cm.cot_slow_eigenvalues({}, bad, {}), kind="abs_error", tol=0) == "FAIL"
    assert verdict(cm.cot_spectral_gap({}, bad, {}), kind="at_least", bound=100) == "FAIL"


# --------------------------------------------------------------------------------------------------------- B-C3


def search_frame(tmp_path, exact_share, costs, eps_grid=(1e-2, 3e-3, 1e-3)):
    rows = []
    for eps in eps_grid:
        n = len(costs)
        for i, cost in enumerate(costs):
            ok = i < round(exact_share * n)
            rows.append({"eps": eps, "seed": i, "value": cost, "edges_exact": ok, "clusters_exact": ok})
    return table(tmp_path, rows)


def test_search_measures(tmp_path):
    costs = list(np.linspace(0.8, 1.4, 30))
    good = search_frame(tmp_path, 1.0, costs)
    rec = cm.cot_search_recovery({}, good, {})
    assert [c["value"] for c in rec] == [1.0, 1.0] and all(c["se"] == 0 for c in rec)  # ε ≤ 3e-3 only
    assert verdict(rec, kind="at_least", bound=0.9) == "PASS"
    assert verdict(cm.cot_search_clusters({}, good, {}), kind="at_least", bound=0.9) == "PASS"
    med = cm.cot_search_cost_median({}, good, {})
    assert med[0]["value"] == pytest.approx(1.1) and 0 < med[0]["se"] < 0.1
    assert verdict(med, kind="at_most", bound=1.5) == "PASS"
    assert cm.cot_search_cost_max({}, good, {})[0]["value"] == pytest.approx(1.4)
    assert len(cm.cot_search_recovery({"max_eps": 1e-2}, good, {})) == 3

    bad = search_frame(tmp_path, 0.6, [c * 2.5 for c in costs])
    rec = cm.cot_search_recovery({}, bad, {})
    assert rec[0]["value"] == pytest.approx(0.6) and rec[0]["se"] == pytest.approx(math.sqrt(0.24 / 30))
    assert verdict(rec, kind="at_least", bound=0.9) == "FAIL"
    assert verdict(cm.cot_search_cost_median({}, bad, {}), kind="at_most", bound=1.5) == "FAIL"
    assert verdict(cm.cot_search_cost_max({}, bad, {}), kind="at_most", bound=3) == "FAIL"


# --------------------------------------------------------------------------------------------------------- B-C4


def prm_frame(tmp_path, drift=0.0, power=1.0):
    rows = []
    for M in (16, 32, 64):
        for eps in (1e-2, 1e-3):
            value = 2.0 * 5 * M**power * (1 + drift * eps)
            pre = 4 * M / eps
            rows.append(
                {
                    "eps_max": 0.5,
                    "K": 5,
                    "M": M,
                    "eps": eps,
                    "value": value,
                    "pretrained": pre,
                    "speedup": pre / value,
                    "speedup_ref": 0.5 / eps,
                    "scale": 5 * M,
                }
            )
    return table(tmp_path, rows)


def test_prm_measures(tmp_path):
    good = prm_frame(tmp_path)
    spread = cm.cot_prm_spread({}, good, {})
    assert len(spread) == 3 and all(c["value"] == 0 for c in spread)
    assert verdict(spread, kind="at_most", bound=1e-6) == "PASS"
    ratio = cm.cot_prm_ratio({}, good, {})
    assert all(c["value"] == pytest.approx(2.0) for c in ratio)
    assert verdict(ratio, kind="interval", lo=1, hi=4) == "PASS"
    assert all(c["value"] == pytest.approx(1.0) for c in cm.cot_prm_slope_M({}, good, {}))
    speed = cm.cot_prm_speedup({}, good, {})
    assert all(c["value"] == pytest.approx(0.8) for c in speed)  # (4M/ε)/(10 M) / (0.5/ε)
    assert verdict(speed, kind="at_least", bound=0.3) == "PASS"

    bad = prm_frame(tmp_path, drift=1.0, power=1.3)
    assert verdict(cm.cot_prm_spread({}, bad, {}), kind="at_most", bound=1e-6) == "FAIL"
    assert verdict(cm.cot_prm_slope_M({}, bad, {}), kind="interval", lo=0.85, hi=1.1) == "FAIL"
    assert verdict(cm.cot_prm_ratio({"M": 64}, bad, {}), kind="interval", lo=1, hi=4) == "FAIL"


# --------------------------------------------------------------------------------------------------------- B-C5


def ppo_frame(tmp_path, iterations, tv_off=0.0, tau_ratio=1.0):
    frames = []
    for eps, its in zip((1e-2, 1e-3, 1e-4), iterations, strict=True):
        pred = math.ceil(math.log(0.5 / eps) / math.log(1.2))
        i = np.arange(its + 1)
        frames.append(
            pl.DataFrame(
                {
                    "eps": eps,
                    "iteration": i,
                    "clip": 0.2,
                    "sources": 4,
                    "value": np.minimum(eps * 1.2**i, 0.5),
                    "formula": np.minimum(eps * 1.2**i, 0.5),
                    "iterations": its,
                    "predicted": pred,
                    "final_dev": 1e-16,
                    "tau_ppo": 300.0 * tau_ratio,
                    "tau_prm": 300.0,
                    "kernel_gap": 0.0,
                    "tv_off_max": tv_off,
                    "tv_mean": (0.5 - eps) * 4 / 160,
                    "tv_formula": (0.5 - eps) * 4 / 160,
                    "tv_bound": 0.5 * 4 / 160,
                }
            )
        )
    return table(tmp_path, pl.concat(frames))


def test_ppo_measures(tmp_path):
    good = ppo_frame(tmp_path, [21, 32, 44])
    final = cm.cot_ppo_final({}, good, {})
    assert len(final) == 3 and verdict(final, kind="at_most", bound=1e-6) == "PASS"
    its = cm.cot_ppo_iterations({}, good, {})
    assert [c["value"] for c in its] == pytest.approx([-3 / 7.05, -3 / 5.25, -1 / 3.3])  # ε ascending: I* = 47, 35, 22
    assert verdict(its, kind="interval", lo=-1, hi=1) == "PASS"
    slope = cm.cot_ppo_iteration_slope({}, good, {})
    assert slope["value"] == pytest.approx((44 - 21) / (2 * math.log(10)) * math.log(1.2))
    assert verdict(slope, kind="rel_error", tol=0.2) == "PASS"
    assert verdict(cm.cot_ppo_matches_prm({}, good, {}), kind="rel_error", tol=0.01) == "PASS"
    assert verdict(cm.cot_ppo_tv_off({}, good, {}), kind="at_most", bound=1e-9) == "PASS"
    tv = cm.cot_ppo_tv_mean({}, good, {})
    assert [c["value"] for c in tv] == pytest.approx([0.9998, 0.998, 0.98])
    assert verdict(tv, kind="at_most", bound=1.05) == "PASS"

    bad = ppo_frame(tmp_path, [10, 32, 70], tv_off=1e-3, tau_ratio=1.05)
    assert verdict(cm.cot_ppo_iterations({}, bad, {}), kind="interval", lo=-1, hi=1) == "FAIL"
    assert verdict(cm.cot_ppo_iteration_slope({}, bad, {}), kind="rel_error", tol=0.2) == "FAIL"
    assert verdict(cm.cot_ppo_matches_prm({}, bad, {}), kind="rel_error", tol=0.01) == "FAIL"
    assert verdict(cm.cot_ppo_tv_off({}, bad, {}), kind="at_most", bound=1e-9) == "FAIL"


# --------------------------------------------------------------------------------------------------------- B-C6


def distill_frame(tmp_path, rate_error=0.2, tau=8.0, jump_error=0.05):
    rows = []
    K, M = 3, 32
    for variant in ("forward", "branching"):
        for eps in (1e-2, 1e-3):
            for k in range(K):
                for j in range(K):
                    q0 = eps / M if j == (k + 1) % K else 0.0
                    rows.append(
                        {
                            "variant": variant,
                            "eps": eps,
                            "k": k,
                            "l": j,
                            "K": K,
                            "M": M,
                            "count": 3000,
                            "value": q0 * (1 + rate_error),
                            "formula": q0,
                            "jump": (0.5 + jump_error) if q0 else 0.0,
                            "exit_exact": 0.5 if q0 else 0.0,
                            "chains": 16,
                            "steps": 1000,
                            "tau_distilled": tau * (1 + 0.1 * (eps == 1e-2)),
                            "tau_exact_meta": 4.0,
                            "tau_pretrained": 2 * M / eps,
                        }
                    )
    return table(tmp_path, rows)


def test_distill_measures(tmp_path):
    good = distill_frame(tmp_path, tau=3.5)
    rates = cm.cot_distill_rate_error({}, good, {})
    assert len(rates) == 4 and all(c["value"] == pytest.approx(0.2) for c in rates)
    assert verdict(rates, kind="at_most", bound=0.5) == "PASS"
    hit = cm.cot_distill_hitting({}, good, {})  # forward only, (K − 1) = 2
    assert [c["value"] for c in hit] == pytest.approx([1.75, 1.925])
    assert verdict(hit, kind="interval", lo=1.5, hi=2.5) == "PASS"
    flat = cm.cot_distill_flatness({}, good, {})
    assert flat["value"] == pytest.approx(1.1) and verdict(flat, kind="at_most", bound=1.3) == "PASS"
    exits = cm.cot_distill_exit_probs({}, good, {})
    assert all(c["value"] == pytest.approx(0.05) for c in exits)
    assert verdict(exits, kind="at_most", bound=0.12) == "PASS"
    speed = cm.cot_distill_speedup({}, good, {})
    assert speed["value"] == pytest.approx(64_000 / 3.5) and verdict(speed, kind="at_least", bound=1000) == "PASS"

    bad = distill_frame(tmp_path, rate_error=-0.6, tau=12.0, jump_error=0.3)
    assert verdict(cm.cot_distill_rate_error({}, bad, {}), kind="at_most", bound=0.5) == "FAIL"
    assert verdict(cm.cot_distill_hitting({}, bad, {}), kind="interval", lo=1.5, hi=2.5) == "FAIL"
    assert verdict(cm.cot_distill_exit_probs({}, bad, {}), kind="at_most", bound=0.12) == "FAIL"
    assert verdict(cm.cot_distill_speedup({"eps": 1e-2}, bad, {}), kind="at_least", bound=1000) == "FAIL"


# --------------------------------------------------------------------------------------------------------- B-C7


def pretrain_frame(tmp_path, leak_ratio=15.0, stage1=10_000.0, two=1.02, extra=0):
    rows = []
    truth = 128_000.0
    for eps, n_x in ((1e-2, 2000), (1e-3, 20_000), (1e-3, 100_000)):
        common = {
            "eps": eps,
            "n_x": n_x,
            "rep": 0,
            "K": 5,
            "M": 32,
            "n_x_eps": n_x * eps,
            "formula": truth,
            "leak": leak_ratio * eps / 32,
            "leak_cross": 0.8 * leak_ratio * eps / 32,
            "leak_ratio": leak_ratio,
            "mask_missing": 0,
            "mask_extra": extra,
        }
        for model, value in (("truth", truth), ("stage1", stage1), ("two_stage", two * truth)):
            rows.append(common | {"model": model, "value": value, "ratio": value / truth})
    return table(tmp_path, rows)


def test_pretraining_measures(tmp_path):
    good = pretrain_frame(tmp_path)
    leak = cm.cot_pretrain_leak({}, good, {})  # ε = 1e-3 by default: two settings
    assert len(leak) == 2 and verdict(leak, kind="at_least", bound=10) == "PASS"
    gap = cm.cot_pretrain_stage1_gap({}, good, {})
    assert gap[0]["value"] == pytest.approx(12.8) and verdict(gap, kind="at_least", bound=2) == "PASS"
    support = cm.cot_pretrain_support({}, good, {})
    assert len(support) == 3 and verdict(support, kind="at_most", bound=0) == "PASS"
    two = cm.cot_pretrain_two_stage({}, good, {})  # only n_x·ε ≥ 100
    assert len(two) == 1 and two[0]["value"] == pytest.approx(1.02)
    assert verdict(two, kind="rel_error", tol=0.15) == "PASS"
    assert cm.cot_pretrain_two_stage({"min_data": 1000}, good, {})["value"] is None

    bad = pretrain_frame(tmp_path, leak_ratio=3.0, stage1=100_000.0, two=1.3, extra=2)
    assert verdict(cm.cot_pretrain_leak({}, bad, {}), kind="at_least", bound=10) == "FAIL"
    assert verdict(cm.cot_pretrain_stage1_gap({}, bad, {}), kind="at_least", bound=2) == "FAIL"
    assert verdict(cm.cot_pretrain_support({}, bad, {}), kind="at_most", bound=0) == "FAIL"
    assert verdict(cm.cot_pretrain_two_stage({}, bad, {}), kind="rel_error", tol=0.15) == "FAIL"


# --------------------------------------------------------------------------------------------- B-C8 and B-C9


def headline_frame(tmp_path, distilled=8.0, power=1.0):
    rows = []
    for eps in (1e-2, 3e-3, 1e-3, 3e-4):
        for reasoner, value in (
            ("pretrained", 128 / eps**power),
            ("search", 320.0),
            ("ppo", 320.0),
            ("distilled", distilled),
        ):
            rows.append({"eps": eps, "reasoner": reasoner, "value": value, "formula": value})
    return table(tmp_path, rows)


def test_headline_measures(tmp_path):
    good = headline_frame(tmp_path)
    gain = cm.cot_headline_search_gain({}, good, {})
    assert [c["value"] for c in gain] == pytest.approx([128 / 3e-4 / 320, 128 / 1e-3 / 320])
    assert verdict(gain, kind="at_least", bound=10) == "PASS"
    assert verdict(cm.cot_headline_distill_gain({}, good, {}), kind="at_least", bound=10) == "PASS"
    slope = cm.cot_headline_slope({"reasoner": "ppo"}, good, {})
    assert slope["value"] == pytest.approx(1.0) and verdict(slope, kind="interval", lo=0.95, hi=1.05) == "PASS"

    bad = headline_frame(tmp_path, distilled=100.0, power=0.5)
    assert verdict(cm.cot_headline_distill_gain({}, bad, {}), kind="at_least", bound=10) == "FAIL"
    assert verdict(cm.cot_headline_slope({}, bad, {}), kind="interval", lo=0.95, hi=1.05) == "FAIL"


def test_documented_only_is_inconclusive():
    case = cm.cot_documented_only({}, [], {})
    assert case["value"] is None and "documented only" in case["note"]
    overall, reason, _ = decide([case], {"kind": "at_least", "bound": 0})
    assert overall == "INCONCLUSIVE" and "documented only" in reason


# ----------------------------------------------------------------------------- every measure on tiny experiments

TINY = {
    "e_b1": dict(Ks=(2, 3, 4), Ms=(8, 16), eps_grid=(0.02, 0.01), K0=3, M0=8, mc_eps=0.02, mc_chains=100),
    "e_b2": dict(K=3, M=8, eps=0.02, chains=200, trajectories=2, horizon=1.0),
    "e_b3": dict(seeds=3, eps_grid=(0.01, 0.005), K=3, M=8),
    "e_b4": dict(K=3, Ms=(8, 16), eps_grid=(0.01, 0.001)),
    "e_b5": dict(K=3, M=8, eps_grid=(1e-2, 1e-3)),
    "e_b6": dict(K=3, M=8, eps_grid=(0.02, 0.01), chains=8),
    "e_b7": dict(K=2, M=8, settings=((0.02, 5000), (0.01, 10_000)), reps=1, steps1=300, steps2=300),
    "e_b8": dict(K=3, M=8, eps_grid=(0.02, 0.01, 0.005), chains=8),
}
CASES = {  # measure → (table, case) where the defaults (ε = 1e-3 …) miss the tiny grids; K0, M0 come from the table
    "cot_search_recovery": ("e_b3", {"max_eps": 0.01}),
    "cot_search_clusters": ("e_b3", {"max_eps": 0.01}),
    "cot_search_cost_median": ("e_b3", {"max_eps": 0.01}),
    "cot_search_cost_max": ("e_b3", {"max_eps": 0.01}),
    "cot_distill_speedup": ("e_b6", {"eps": 0.01}),
    "cot_pretrain_leak": ("e_b7", {"eps": 0.01}),
    "cot_pretrain_stage1_gap": ("e_b7", {"eps": 0.01}),
    "cot_pretrain_two_stage": ("e_b7", {"min_data": 50}),
    "cot_headline_search_gain": ("e_b8", {"max_eps": 0.01}),
    "cot_headline_distill_gain": ("e_b8", {"max_eps": 0.01}),
}
PREFIX = {
    "hitting": "e_b1",
    "dwell": "e_b2",
    "slow": "e_b2",
    "spectral": "e_b2",
    "search": "e_b3",
    "prm": "e_b4",
    "ppo": "e_b5",
    "distill": "e_b6",
    "pretrain": "e_b7",
    "headline": "e_b8",
    "documented": "e_b8",
}


@pytest.fixture(scope="module")
def tiny_tables(tmp_path_factory):
    root = tmp_path_factory.mktemp("cot")
    paths = {}
    for name, kwargs in TINY.items():
        frame = ex.EXPERIMENTS[name](rng=11, **kwargs)
        assert frame.height > 0 and "value" in frame.columns, name
        paths[name] = table(root, frame, name)
    return paths


def test_every_measure_runs_on_tiny_experiments(tiny_tables):
    for name, fn in cm.MEASURES.items():
        table_name, case = CASES.get(name, (PREFIX[name.split("_")[1]], {}))
        cases = fn({"table": table_name, "inputs": tiny_tables[table_name], **case}, tiny_tables[table_name], {})
        cases = cases if isinstance(cases, list) else [cases]
        assert cases, name
        for c in cases:
            assert isinstance(c["label"], str) and "value" in c, name
            assert not {"d", "lang"} & set(c), name
            if name != "cot_documented_only":
                assert c["value"] is not None and np.isfinite(c["value"]), (name, c)
