"""Controls of the in-context regression claims on small runs of their experiments.

Positive: the experiments as the spec defines them (E-A1 with T = 200 prompts, E-A2 with 100, E-A3 with 150, the
others at their defaults; icl.bon_reaches_ml fails there, so it has none). Negative: an LSA whose weights implement
GD at another step size (η = 0.2: not the GD it is compared with; 1.5: a divergent chain; 0.01: too slow); the Monte
Carlo of noisy thoughts at 1.5τ against the A-T2 formula at τ; an aggregator without a verifier (the mean of the
decodes) in place of best-of-N; majority vote and best-of-N swapped; each against the other's formula; the verifiers
of σ = 0 and σ = 0.6 exchanged; noisy thoughts at τ² or decodes at 1.5τ against the formulas at τ; best-of-N with its N
labels reversed; the runs of d = 2 and 8 (E-A4), of every d (E-A6) or of τ = 0 and 0.3 (E-A8) exchanged.
"""

import inspect
from functools import cache

import polars as pl
import pytest

from claim_controls import assert_control, assert_declared
from lmtheory.icl.experiments import (
    EXPERIMENTS,
    TAU_FLOOR,
    e_a1_greedy_thoughts,
    e_a2_noise_floor,
    e_a3_bon_continuous,
    e_a5_binary,
)
from lmtheory.icl.lsa import gd_construction
from table_controls import table_control

D, T = 10, 200


def lsa(eta=None):
    """E-A1 with the GD construction (eta None) or with the weights of GD at step size eta."""
    return lambda: e_a1_greedy_thoughts(0, T=T, weights=None if eta is None else gd_construction(D, eta))


@cache
def noise_floor(scale=1.0):
    return e_a2_noise_floor(0, T=100, taus=tuple(scale * t for t in TAU_FLOOR))


def noise_at_a_larger_tau():
    """E-A2 whose Monte Carlo columns come from chains with 1.5× the noise of the τ the formula uses."""
    simulated = noise_floor(1.5).select("value", "se", "diff_se")
    return noise_floor().with_columns(simulated)


@cache
def continuous():
    return e_a3_bon_continuous(0, T=150)


@cache
def binary():
    return e_a5_binary(0)


def in_place_of(run, source: str, target: str):
    """The run's `source` rows relabelled as its `target` rows (which are dropped)."""
    table = run()
    return pl.concat([table.filter(pl.col("method") != target), table.filter(pl.col("method") == source)]).with_columns(
        method=pl.when(pl.col("method") == source).then(pl.lit(target)).otherwise(pl.col("method"))
    )


def swapped(run, a: str, b: str):
    """The run with methods a and b exchanged."""
    method = pl.col("method")
    return run().with_columns(
        method=pl.when(method == a).then(pl.lit(b)).when(method == b).then(pl.lit(a)).otherwise(method)
    )


def against_the_formula_of(method: str, other: str):
    """E-A5 whose `method` rows carry the `other` method's formula of the same (K, τ, N)."""
    table = binary()
    theirs = table.filter(pl.col("method") == other).select("K", "tau", "N", pl.col("formula").alias("theirs"))
    ours = table.filter(pl.col("method") == method).join(theirs, on=["K", "tau", "N"]).with_columns(formula="theirs")
    return pl.concat([table.filter(pl.col("method") != method), ours.drop("theirs")])


def floor_at_tau_squared():
    """E-A2 run at τ² and labelled τ: a noise whose floor grows as τ⁴."""
    run = e_a2_noise_floor(0, T=100, taus=tuple(t * t for t in TAU_FLOOR))
    return run.with_columns(pl.col("tau").replace_strict({t * t: t for t in TAU_FLOOR}, default=pl.col("tau")))


MEASURED = ["value", "se", "minus_greedy_se", "gain", "gain_se", "dev_greedy", "dev_greedy_se"]


def continuous_at_a_larger_tau():
    """E-A3 whose measured columns come from decodes at 1.5τ, beside the A-T3 noise terms of τ."""
    taus = inspect.signature(e_a3_bon_continuous).parameters["taus"].default
    simulated = e_a3_bon_continuous(0, T=150, taus=tuple(1.5 * t for t in taus)).select(MEASURED)
    return continuous().with_columns(simulated)


def bon_rising():
    """E-A3 whose best-of-N rows have their N labels reversed (a risk that rises with N)."""
    ns = sorted(continuous()["N"].unique().to_list())
    n = pl.col("N")
    return continuous().with_columns(
        N=pl.when(pl.col("method") == "bon")
        .then(n.replace_strict(dict(zip(ns, reversed(ns), strict=True))))
        .otherwise(n)
    )


def relabelled(table: str, column: str, mapping: dict):
    """The experiment at its defaults with the values of `column` mapped (the runs of one setting shown as another)."""
    return experiment(table).with_columns(pl.col(column).replace_strict(mapping, default=pl.col(column)))


@cache
def experiment(table):
    """The experiment at the spec's defaults."""
    return EXPERIMENTS[table](0)


def verifier_relabelled(source: float, target: float):
    """E-A7 whose σ = source rows stand for σ = target (the other σ rows dropped)."""
    table = experiment("e_a7")
    rows = table.filter(pl.col("sigma") == source).with_columns(sigma=pl.lit(target))
    return pl.concat([table.filter(~pl.col("sigma").is_in([source, target])), rows])


SWAP_TAU = {0.0: 0.3, 0.3: 0.0}
GD = "the CoT-LSA with the GD construction"
CONTROLS = [
    table_control("icl.lsa_equals_gd", "positive", GD, lsa()),
    table_control("icl.lsa_equals_gd", "negative", "an LSA with the weights of GD at η = 0.2", lsa(0.2)),
    table_control("icl.more_thoughts_decrease", "positive", GD, lsa()),
    table_control("icl.more_thoughts_decrease", "negative", "an LSA with the weights of GD at η = 1.5", lsa(1.5)),
    table_control("icl.more_thoughts_ratio", "positive", GD, lsa()),
    table_control("icl.more_thoughts_ratio", "negative", "an LSA with the weights of GD at η = 0.01", lsa(0.01)),
    table_control("icl.noise_floor_formula", "positive", "noisy thoughts (E-A2)", noise_floor),
    table_control("icl.noise_floor_formula", "negative", "noisy thoughts at 1.5τ vs A-T2 at τ", noise_at_a_larger_tau),
    table_control("icl.noise_floor_tau_squared", "positive", "noisy thoughts (E-A2)", noise_floor),
    *(
        table_control(claim, "positive", "continuous decoding (E-A3)", continuous)
        for claim in (
            "icl.single_sample_noise",
            "icl.single_sample_no_gain",
            "icl.mean_aggregation_noise",
            "icl.mean_aggregation_returns_to_greedy",
            "icl.bon_monotone",
            "icl.bon_beats_greedy",
            "icl.tau_star_greedy_at_one",
            "icl.tau_star_monotone",
            "icl.tau_star_large_n",
        )
    ),
    table_control(
        "icl.bon_beats_greedy",
        "negative",
        "the mean of the decodes in place of best-of-N",
        lambda: in_place_of(continuous, "mean", "bon"),
    ),
    *(
        table_control(claim, "positive", "binary decoding (E-A5)", binary)
        for claim in (
            "icl.binary_bon_formula",
            "icl.binary_bon_gain",
            "icl.mv_formula",
            "icl.mv_never_beats_greedy",
            "icl.mv_saturates",
            "icl.bon_beats_mv",
            "icl.binary_tau_star_small",
            "icl.binary_tau_star_monotone",
            "icl.binary_tau_star_large",
        )
    ),
    *(
        table_control(claim, "positive", f"the experiment {table} as specified", lambda table=table: experiment(table))
        for claim, table in (
            ("icl.extreme_value_law", "e_a3_extreme"),
            ("icl.dimension_rate", "e_a4"),
            ("icl.dimension_ordering", "e_a4"),
            ("icl.n50_exponential", "e_a6"),
            ("icl.n50_linear_fit", "e_a6"),
            ("icl.ml_ceiling", "e_a7"),
            ("icl.bon_perfect_verifier", "e_a7"),
            ("icl.allocation_greedy", "e_a8"),
            ("icl.allocation_interior", "e_a8"),
            ("icl.allocation_gain", "e_a8"),
        )
    ),
    table_control(
        "icl.ml_ceiling", "negative", "a perfect verifier (σ = 0) as σ = 0.6", lambda: verifier_relabelled(0.0, 0.6)
    ),
    table_control(
        "icl.bon_perfect_verifier", "negative", "the σ = 0.6 verifier as σ = 0", lambda: verifier_relabelled(0.6, 0.0)
    ),
    table_control(
        "icl.binary_bon_formula",
        "negative",
        "best-of-N against the majority-vote formula",
        lambda: against_the_formula_of("bon", "mv"),
    ),
    table_control(
        "icl.binary_bon_gain", "negative", "majority vote in place of best-of-N", lambda: swapped(binary, "bon", "mv")
    ),
    table_control(
        "icl.mv_never_beats_greedy",
        "negative",
        "best-of-N in place of majority vote",
        lambda: swapped(binary, "bon", "mv"),
    ),
    table_control(
        "icl.bon_beats_mv", "negative", "majority vote and best-of-N swapped", lambda: swapped(binary, "bon", "mv")
    ),
    table_control("icl.noise_floor_tau_squared", "negative", "noisy thoughts at τ² labelled τ", floor_at_tau_squared),
    *(
        table_control(claim, "negative", "decodes at 1.5τ against the A-T3 noise term at τ", continuous_at_a_larger_tau)
        for claim in ("icl.single_sample_noise", "icl.mean_aggregation_noise")
    ),
    table_control(
        "icl.mean_aggregation_returns_to_greedy",
        "negative",
        "best-of-N in place of the mean of the decodes",
        lambda: in_place_of(continuous, "bon", "mean"),
    ),
    table_control("icl.bon_monotone", "negative", "best-of-N with its N labels reversed", bon_rising),
    table_control(
        "icl.tau_star_large_n",
        "negative",
        "the mean of the decodes in place of best-of-N",
        lambda: in_place_of(continuous, "mean", "bon"),
    ),
    *(
        table_control(
            claim,
            "negative",
            "the runs of d = 2 and d = 8 exchanged",
            lambda: relabelled("e_a4", "dim", {2: 8, 8: 2}).with_columns(expected_slope=-2 / pl.col("dim")),
        )
        for claim in ("icl.dimension_rate", "icl.dimension_ordering")
    ),
    table_control(
        "icl.mv_formula",
        "negative",
        "majority vote against the best-of-N formula",
        lambda: against_the_formula_of("mv", "bon"),
    ),
    *(
        table_control(claim, "negative", "best-of-N in place of majority vote", lambda: swapped(binary, "bon", "mv"))
        for claim in ("icl.mv_saturates", "icl.binary_tau_star_large")
    ),
    table_control(
        "icl.n50_exponential",
        "negative",
        "the dimensions in reverse order",
        lambda: relabelled("e_a6", "dim", {4: 14, 6: 12, 8: 10, 10: 8, 12: 6, 14: 4}),
    ),
    table_control(
        "icl.allocation_greedy",
        "negative",
        "the τ = 0.3 runs labelled τ = 0",
        lambda: relabelled("e_a8", "tau", SWAP_TAU),
    ),
    *(
        table_control(claim, "negative", "the τ = 0 runs labelled τ = 0.3", lambda: relabelled("e_a8", "tau", SWAP_TAU))
        for claim in ("icl.allocation_interior", "icl.allocation_gain")
    ),
]


@pytest.mark.parametrize("control", CONTROLS, ids=str)
def test_control(control, tmp_path):
    assert_control(control, tmp_path)


def test_the_claims_declare_these_controls():
    assert_declared("icl", CONTROLS)
