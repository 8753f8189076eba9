"""Controls of the tree-paper claims: each claim's measure and comparator on samples of a model whose answer is
known. Positive: the true broadcast sampler, or the exact k-gram at the claim's context (PASS). Negative: the true law
of another θ, a bounded-context k-gram in place of a full-context sampler, a k-gram at another k in place of the
transformer, a uniform random colouring (FAIL). Small trees (b = 2, d = 6; q = 3, b = 5, d = 3) keep them fast; the
statistics are the pipeline's own (ising_statistics / coloring_statistics)."""

import re
from functools import partial

import numpy as np
import pytest

from claim_controls import Control, assert_control, assert_declared
from lmtheory.tree.coloring import coloring_broadcast
from lmtheory.tree.coloring_statistics import context_consistency
from lmtheory.tree.exact_kgram import ExactKGram
from lmtheory.tree.ising_statistics import context_statistics, ising_sums
from lmtheory.tree.trees import ising_broadcast, sample_broadcast

B_TRUE, B_GEN, N_BOOT = 20000, 4000, 200
ISING = {"kind": "ising", "b": 2, "theta": 0.9, "depths": [6], "trained_depth": 6}
COLORING = {"kind": "coloring", "q": 3, "b": 5, "depths": [3], "trained_depth": 3}
SETTINGS = {"ising_b2": ISING, "coloring_q3b5": COLORING}
PATH = re.compile(r"results/tree/statistics/(?P<lang>\w+)/d(?P<d>\d+)/(?P<model>\w+)\.parquet")


def true_law(theta):
    """Sequences of the true broadcast language of θ (Ising b = 2), whatever the context k."""
    return lambda d, k, size, rng: sample_broadcast(ising_broadcast(2, theta, d), size, rng)


def kgram(theta, scale=1.0):
    """Sequences of the exact k-gram of the Ising language of θ at context scale·k (capped at n)."""
    return lambda d, k, size, rng: ExactKGram(ising_broadcast(2, theta, d), min(int(k * scale), 2**d)).sample(size, rng)


def write_ising(models: dict, contexts: dict, root, cases):
    """Write each case's Ising statistics files: the sums of models[model](d, k, …) per context k of contexts[model],
    with the statistics (truth, ratios) of the claimed language θ = 0.9."""
    rng = np.random.default_rng(20261205)
    for path in {p for case in cases for p in case["inputs"]}:
        match = PATH.fullmatch(path)
        d, model = int(match["d"]), match["model"]
        size = B_TRUE if model == "true" else B_GEN
        ks = contexts.get(model, [2**d])
        sums = {k: ising_sums(models[model](d, k, size, rng)) for k in ks}
        context_statistics(sums, 2, ISING["theta"], d, N_BOOT, rng).write_parquet(root / path)


def ising_control(claim, polarity, what, models, contexts=None):
    write = partial(write_ising, models, contexts or {})
    return Control(claim, polarity, what, write, settings={"ising_b2": ISING})


GRID = [1, 2, 4, 8, 16, 32, 64]
TRAINED = [4, 16]
CONTROLS = [
    ising_control("tree.true_var_mc", "positive", "the true sampler", {"true": true_law(0.9)}),
    ising_control("tree.true_var_mc", "negative", "the true law of θ = 0.8", {"true": true_law(0.8)}),
    ising_control("tree.true_kurtosis_mc", "positive", "the true sampler", {"true": true_law(0.9)}),
    ising_control("tree.true_kurtosis_mc", "negative", "the true law of θ = 0.7", {"true": true_law(0.7)}),
    ising_control("tree.kgram_full_context_var", "positive", "the exact k-gram at k = n", {"exact": kgram(0.9)}),
    ising_control(
        "tree.kgram_full_context_var", "negative", "the k = n/8 k-gram at k = n", {"exact": kgram(0.9, 1 / 8)}
    ),
    ising_control("tree.kgram_full_context_kurtosis", "positive", "the exact k-gram at k = n", {"exact": kgram(0.9)}),
    ising_control("tree.kgram_full_context_kurtosis", "negative", "the true law of θ = 0.7", {"exact": true_law(0.7)}),
    ising_control("tree.kgram_k1_recursion", "positive", "the exact 1-gram", {"exact": kgram(0.9)}, {"exact": [1]}),
    ising_control(
        "tree.kgram_k1_recursion", "negative", "the exact 1-gram of θ = 0.8", {"exact": kgram(0.8)}, {"exact": [1]}
    ),
    ising_control("tree.var_deficit", "positive", "the exact k-gram", {"exact": kgram(0.9)}, {"exact": GRID}),
    ising_control(
        "tree.var_deficit",
        "negative",
        "the true law in place of every k-gram",
        {"exact": true_law(0.9)},
        {"exact": GRID},
    ),
    ising_control("tree.reasoning_ising_variance", "positive", "the true sampler", {"reasoning": true_law(0.9)}),
    ising_control("tree.reasoning_ising_variance", "negative", "the true law of θ = 0.8", {"reasoning": true_law(0.8)}),
    ising_control("tree.reasoning_ising_kurtosis", "positive", "the true sampler", {"reasoning": true_law(0.9)}),
    ising_control("tree.reasoning_ising_kurtosis", "negative", "the true law of θ = 0.7", {"reasoning": true_law(0.7)}),
    ising_control(
        "tree.reasoning_transformer_variance", "positive", "the true sampler", {"reasoning_transformer": true_law(0.9)}
    ),
    ising_control(
        "tree.reasoning_transformer_variance",
        "negative",
        "the true law of θ = 0.8",
        {"reasoning_transformer": true_law(0.8)},
    ),
    ising_control(
        "tree.reasoning_transformer_variance_3se",
        "positive",
        "the true sampler",
        {"reasoning_transformer": true_law(0.9)},
    ),
    ising_control(
        "tree.reasoning_transformer_variance_3se",
        "negative",
        "the true law of θ = 0.85",
        {"reasoning_transformer": true_law(0.85)},
    ),
    ising_control("tree.kurtosis_gaussian", "positive", "the exact 1-gram", {"exact": kgram(0.9)}, {"exact": [1]}),
    ising_control(
        "tree.kurtosis_gaussian", "negative", "the true law as the 1-gram", {"exact": true_law(0.9)}, {"exact": [1]}
    ),
    ising_control("tree.kurtosis_deviates", "positive", "the exact 1-gram", {"exact": kgram(0.9)}, {"exact": [1]}),
    ising_control(
        "tree.kurtosis_deviates", "negative", "the true law as the 1-gram", {"exact": true_law(0.9)}, {"exact": [1]}
    ),
    *(
        ising_control(
            f"tree.transformer_{quantity}",
            "positive",
            "independent draws of the exact k-gram at the trained k",
            {"transformer": kgram(0.9), "exact": kgram(0.9)},
            {"transformer": TRAINED, "exact": TRAINED},
        )
        for quantity in ("variance", "kurtosis")
    ),
    *(
        ising_control(
            f"tree.transformer_{quantity}",
            "negative",
            "the exact k-gram at 4k in place of the transformer trained at k",
            {"transformer": kgram(0.9, scale=4), "exact": kgram(0.9)},
            {"transformer": TRAINED, "exact": TRAINED},
        )
        for quantity in ("variance", "kurtosis")
    ),
]


def uniform_colouring(d, size, rng):
    """A sampler that ignores the tree: every leaf uniform over the 3 colours (never consistent at n = 125)."""
    return rng.integers(0, 3, size=(size, 5**d), dtype=np.uint8)


def write_coloring(transformer, root, cases):
    """The exact coloring k-gram's statistics at k = 25 (P(consistent) in the informative range) as exact.parquet,
    and the transformer's from `transformer` (a sampler (d, size, rng) → tokens)."""
    rng = np.random.default_rng(5)
    d, k = COLORING["depths"][0], 25
    exact = ExactKGram(coloring_broadcast(3, 5, d), k)
    draws = {"exact": exact.sample(B_GEN, rng), "transformer": transformer(d, B_GEN, rng) if transformer else None}
    for path in {p for case in cases for p in case["inputs"]}:
        model = PATH.fullmatch(path)["model"]
        tokens = draws[model] if draws[model] is not None else exact.sample(B_GEN, rng)
        context_consistency({k: tokens}, 3, 5, d)[0].write_parquet(root / path)


CONTROLS += [
    Control(
        "tree.transformer_coloring_consistency",
        "positive",
        "independent draws of the exact k-gram at k = 25",
        partial(write_coloring, None),
        settings={"coloring_q3b5": COLORING},
    ),
    Control(
        "tree.transformer_coloring_consistency",
        "negative",
        "a uniform random colouring in place of the transformer",
        partial(write_coloring, uniform_colouring),
        settings={"coloring_q3b5": COLORING},
    ),
]


@pytest.mark.parametrize("control", CONTROLS, ids=str)
def test_control(control, tmp_path):
    assert_control(control, tmp_path)


def test_the_claims_declare_these_controls():
    assert_declared("tree", CONTROLS)
