"""Controls of the metastable chain-of-thought claims on small runs of their experiments. Positive: the default
metastable chain (K ∈ {2, 5}, M ∈ {8, 32}, ε ≤ 3e-3). Negative: a chain without time-scale separation (ε ∈
{0.2, 0.3, 0.5}, where the hitting time no longer scales as 1/ε), and Monte Carlo chains of 2ε checked against the
exact E τ at ε; and the later experiments at their defaults against a PPO that learns too slowly (lr 1e-4), a search
stopped early, a support threshold 12× too high and a distillation from almost no data."""

from functools import cache

import polars as pl
import pytest

from claim_controls import assert_control, assert_declared
from lmtheory.cot.experiments import EXPERIMENTS, e_b1_hitting_times, e_b2_metastability
from table_controls import table_control

GRID = {"Ks": (2, 5), "Ms": (8, 32)}


@cache
def metastable():
    return e_b1_hitting_times(0, **GRID, eps_grid=(3e-3, 1e-3, 3e-4), mc_chains=300)


def fast_chain():
    return e_b1_hitting_times(0, **GRID, eps_grid=(0.5, 0.3, 0.2), mc_chains=0)


def monte_carlo_of_another_chain():
    """The MC row of the chain at ε = 2e-2 with the exact E τ of the chain at ε = 1e-2 beside it."""
    exact = metastable().filter(pl.col("method") == "mc")["exact"][0]
    other = e_b1_hitting_times(0, **GRID, eps_grid=(3e-3,), mc_eps=2e-2, mc_chains=300)
    rows = pl.concat([metastable().filter(pl.col("method") == "exact"), other.filter(pl.col("method") == "mc")])
    return rows.with_columns(pl.when(pl.col("method") == "mc").then(exact).otherwise(pl.col("exact")).alias("exact"))


def spectrum(eps=3e-3):
    return lambda: e_b2_metastability(0, eps=eps, chains=50)


def dwell_at_twice_eps():
    """The dwell part of E-B2 run at 2ε (6e-3) with the time scale M/ε of the default ε = 3e-3 beside it."""
    table = experiment("e_b2", eps=6e-3)
    return table.with_columns(timescale=pl.col("M") / 3e-3)


@cache
def experiment(table, **changes):
    """The experiment at the spec's defaults, with `changes`."""
    return EXPERIMENTS[table](0, **changes)


def at_defaults(claims, table):
    return [table_control(c, "positive", f"{table} as specified", lambda: experiment(table)) for c in claims]


METASTABLE = "the metastable chain (ε ≤ 3e-3)"
FAST = "a chain without time-scale separation (ε ≥ 0.2)"
CONTROLS = [
    table_control("cot.hitting_time_ratio", "positive", METASTABLE, metastable),
    table_control("cot.hitting_time_ratio", "negative", FAST, fast_chain),
    table_control("cot.hitting_time_slope_eps", "positive", METASTABLE, metastable),
    table_control("cot.hitting_time_slope_eps", "negative", FAST, fast_chain),
    table_control("cot.hitting_time_slope_M", "positive", METASTABLE, metastable),
    table_control("cot.hitting_time_monte_carlo", "positive", METASTABLE, metastable),
    table_control(
        "cot.hitting_time_monte_carlo", "negative", "MC at 2ε against exact E τ at ε", monte_carlo_of_another_chain
    ),
    # no negative for the slow-eigenvalue count: its threshold 1 − 10ε/M moves with ε, and even at ε = 0.3 the K
    # clusters joined by single edges keep K slow eigenvalues
    table_control("cot.slow_eigenvalues", "positive", "the metastable chain (ε = 3e-3)", spectrum()),
    table_control("cot.spectral_gap", "positive", "the metastable chain (ε = 3e-3)", spectrum()),
    table_control("cot.spectral_gap", "negative", "the chain at ε = 0.3", spectrum(0.3)),
    # B-C4: PRM-mode E τ (prm_independent_of_eps fails at the defaults: no positive control)
    *at_defaults(["cot.prm_order_km", "cot.prm_slope_M", "cot.prm_speedup"], "e_b4"),
    *at_defaults(
        [
            "cot.ppo_reaches_eps_max",
            "cot.ppo_iterations",
            "cot.ppo_iteration_slope",
            "cot.ppo_matches_prm",
            "cot.ppo_rows_unchanged",
            "cot.ppo_small_drift",
        ],
        "e_b5",
    ),
    table_control("cot.ppo_iterations", "negative", "PPO at learning rate 1e-4", lambda: experiment("e_b5", lr=1e-4)),
    *at_defaults(
        ["cot.search_recovers_edges", "cot.search_finds_clusters", "cot.search_cost_median", "cot.search_cost_max"],
        "e_b3",
    ),
    *(
        table_control(
            c, "negative", "a search stopped at 0.2× its time budget", lambda: experiment("e_b3", timeout_factor=0.2)
        )
        for c in ("cot.search_recovers_edges", "cot.search_finds_clusters")
    ),
    *at_defaults(
        [
            "cot.stage1_leaks",
            "cot.stage1_destroys_metastability",
            "cot.threshold_recovers_support",
            "cot.two_stage_hitting_time",
        ],
        "e_b7",
    ),
    table_control(
        "cot.threshold_recovers_support",
        "negative",
        "a threshold 12× too high",
        lambda: experiment("e_b7", theta_factor=3.0),
    ),
    *at_defaults(["cot.headline_search_gain", "cot.headline_distill_gain", "cot.headline_gain_slope"], "e_b8"),
    table_control(
        "cot.headline_distill_gain",
        "negative",
        "distillation from 0.05·KM/ε steps",
        lambda: experiment("e_b8", data=0.05),
    ),
    table_control(
        "cot.ppo_iteration_slope", "negative", "PPO at learning rate 1e-4", lambda: experiment("e_b5", lr=1e-4)
    ),
    *(
        table_control(c, "negative", "a search with 8× the walks", lambda: experiment("e_b3", walks=64))
        for c in ("cot.search_cost_median", "cot.search_cost_max")
    ),
    table_control(
        "cot.two_stage_hitting_time",
        "negative",
        "pretraining at 1/100 of the learning rate",
        lambda: experiment("e_b7", lr=0.02),
    ),
    # B-C2 (i): the dwell times at the defaults (2000 chains); the exit law of any rare exit is exponential, so the
    # coefficient of variation has no wrong model to fail on
    *at_defaults(["cot.dwell_time_mean", "cot.dwell_time_exponential"], "e_b2"),
    table_control("cot.dwell_time_mean", "negative", "dwell times of the chain at 2ε against M/ε", dwell_at_twice_eps),
    # B-C6: the rates and exit probabilities are INCONCLUSIVE at the defaults (no positive control)
    *at_defaults(["cot.distill_hitting_order_k", "cot.distill_flat_in_eps", "cot.distill_speedup"], "e_b6"),
    *(
        table_control(c, "negative", "distillation from 0.05·KM/ε steps", lambda: experiment("e_b6", data=0.05))
        for c in ("cot.distill_rates", "cot.distill_exit_probabilities")
    ),
    *(
        table_control(c, "negative", "distillation at β = 1 (no time rescaling)", lambda: experiment("e_b6", beta=1.0))
        for c in ("cot.distill_hitting_order_k", "cot.distill_flat_in_eps", "cot.distill_speedup")
    ),
]


@pytest.mark.parametrize("control", CONTROLS, ids=str)
def test_control(control, tmp_path):
    assert_control(control, tmp_path)


def test_the_claims_declare_these_controls():
    assert_declared("cot", CONTROLS)
