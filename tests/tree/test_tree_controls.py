"""Controls of the tree-paper claims: each claim's measure and comparator on samples of a model whose answer is
known. Positive: the true broadcast sampler, or the exact k-gram at the claim's context (PASS). Negative: the true law
of another θ, a bounded-context k-gram in place of a full-context sampler, a k-gram at another k in place of the
transformer, a uniform random colouring (FAIL). Small trees (b = 2, d = 6; q = 3, b = 5, d = 3) keep them fast; the
statistics are the pipeline's own (ising_statistics / coloring_statistics)."""

import json
import re
from functools import partial

import numpy as np
import polars as pl
import pytest

from claim_controls import Control, assert_control, assert_declared
from lmtheory.io import with_seed
from lmtheory.tree.coloring import coloring_broadcast, freezing_probabilities, violation_rate_k1
from lmtheory.tree.coloring_statistics import context_consistency
from lmtheory.tree.distinguish import ks_by_context
from lmtheory.tree.exact_kgram import ExactKGram
from lmtheory.tree.exactness import goodness_of_fit, leaf_law
from lmtheory.tree.ising_statistics import context_statistics, ising_sums, truth_table
from lmtheory.tree.kgram_loss import excess_loss_fit, paired_gap, teacher_forced_loss
from lmtheory.tree.reasoning import faithfulness, sample_traces, window_size
from lmtheory.tree.transformer_data import leak_target
from lmtheory.tree.trees import Broadcast, ising_broadcast, sample_broadcast
from lmtheory.tree.variance_fit import variance_fit

B_TRUE, B_GEN, N_BOOT = 20000, 4000, 200
ISING = {"kind": "ising", "b": 2, "theta": 0.9, "depths": [6], "trained_depth": 6}
COLORING = {"kind": "coloring", "q": 3, "b": 5, "depths": [3], "trained_depth": 3}
SETTINGS = {"ising_b2": ISING, "coloring_q3b5": COLORING}
PATH = re.compile(r"results/tree/statistics/(?P<lang>\w+)/d(?P<d>\d+)/(?P<model>\w+)\.parquet")
FIT_PATH = re.compile(r"results/tree/fits/(?P<lang>\w+)/d(?P<d>\d+)/(?P<model>\w+)\.json")


def true_law(theta):
    """Sequences of the true broadcast language of θ (Ising b = 2), whatever the context k."""
    return lambda d, k, size, rng: sample_broadcast(ising_broadcast(2, theta, d), size, rng)


def kgram(theta, scale=1.0):
    """Sequences of the exact k-gram of the Ising language of θ at context scale·k (within 1..n)."""
    return lambda d, k, size, rng: ExactKGram(ising_broadcast(2, theta, d), max(1, min(int(k * scale), 2**d))).sample(
        size, rng
    )


SEEDS, B_SEED = 3, 500  # the pipeline's transformers: 3 training seeds per k, 500 sequences per seed


def seeded(model):
    """A sampler standing in for a transformer trained from SEEDS seeds: its statistics are written per seed (a
    `seed` column), B_SEED sequences each, as the pipeline's transformer statistics are."""
    model.seeds = SEEDS
    return model


def per_seed(model, statistics, size: int) -> pl.DataFrame:
    """statistics(B_SEED) once per training seed of a seeded model (stacked with a seed column), else
    statistics(size)."""
    if not getattr(model, "seeds", 0):
        return statistics(size)
    return pl.concat([with_seed(statistics(B_SEED), seed) for seed in range(1, model.seeds + 1)])


def _sums(models: dict, contexts: dict, model: str, d: int, size: int, rng) -> dict:
    """{k: per-sequence sums} of models[model](d, k, …) per context k of contexts[model] (a list, or a function of n;
    default k = n)."""
    ks = contexts.get(model, [2**d])
    ks = ks(2**d) if callable(ks) else ks
    return {k: ising_sums(models[model](d, k, size, rng)) for k in ks}


def _ising_statistics(models, contexts, model, d, theta, rng, size):
    return context_statistics(_sums(models, contexts, model, d, size, rng), 2, theta, d, N_BOOT, rng)


def write_ising(models: dict, contexts: dict, settings: dict, root, cases, size_gen=B_GEN):
    """Write each case's Ising files from the sums of models[model] (see _sums) with the claimed setting's truth: the
    statistics (ratios, kurtosis), the KS distances to the true law (<model>_ks), the C4 variance fit (fits/)."""
    rng = np.random.default_rng(20261205)
    for path in sorted({p for case in cases for p in case["inputs"]}):  # a fixed order: one random stream
        match = PATH.fullmatch(path) or FIT_PATH.fullmatch(path)
        setting, d, model = settings[match["lang"]], int(match["d"]), match["model"]
        if path.endswith(".json"):
            fit = variance_fit(
                _sums(models, contexts, model, d, size_gen, rng),
                2,
                setting["theta"],
                d,
                setting.get("fit_min_n_over_k", 32),
                setting.get("fit_min_level", 2),
                N_BOOT,
                rng,
            )
            (root / path).write_text(json.dumps(fit))
        elif model.endswith("_ks"):
            true = ising_sums(true_law(setting["theta"])(d, 2**d, B_TRUE, rng))
            generated = _sums(models, contexts, model.removesuffix("_ks"), d, size_gen, rng)
            ks_by_context(true, generated, 2**d, N_BOOT, rng).write_parquet(root / path)
        else:
            statistics = partial(_ising_statistics, models, contexts, model, d, setting["theta"], rng)
            per_seed(models[model], statistics, B_TRUE if model == "true" else size_gen).write_parquet(root / path)


def ising_control(claim, polarity, what, models, contexts=None, settings=None, size_gen=B_GEN):
    settings = settings or {"ising_b2": ISING}
    write = partial(write_ising, models, contexts or {}, settings, size_gen=size_gen)
    return Control(claim, polarity, what, write, settings=settings)


def fine_grid(n):
    """The C14 grid: k = ⌈n/r⌉ for r ∈ {1, 1.25, 1.5, 2, 3, 4, 6, 8, …} and the powers of 2."""
    ratios = [1, 1.25, 1.5, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64]
    return sorted({int(np.ceil(n / r)) for r in ratios} | {2**j for j in range(int(np.log2(n)) + 1)})


GRID = [1, 2, 4, 8, 16, 32, 64]
SUBKS = {"ising_b2_subks": {"kind": "ising", "b": 2, "theta": 0.6, "depths": [6]}}
DEPTHS = {"ising_b2": {**ISING, "depths": [4, 5, 6]}}
TRAINED = [2, 4, 8, 16, 32]  # the pipeline's Ising contexts (here n = 64)
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
        "tree.reasoning_transformer_variance",
        "positive",
        "the true sampler",
        {"reasoning_transformer_plain": true_law(0.9)},
    ),
    ising_control(
        "tree.reasoning_transformer_variance",
        "negative",
        "the true law of θ = 0.8",
        {"reasoning_transformer_plain": true_law(0.8)},
    ),
    ising_control(
        "tree.subks_variance_faithful",
        "positive",
        "the exact k-gram below KS (θ = 0.6)",
        {"exact": kgram(0.6)},
        {"exact": [32, 64]},
        SUBKS,
    ),
    ising_control(
        "tree.subks_variance_faithful",
        "negative",
        "the 1-gram in place of the k-gram",
        {"exact": kgram(0.6, 0)},
        {"exact": [32, 64]},
        SUBKS,
    ),
    *(
        ising_control(
            f"tree.context_linear_{report}",
            "positive",
            "the exact k-gram on the fine grid",
            {"exact": kgram(0.9)},
            {"exact": fine_grid},
            DEPTHS,
            size_gen=4 * B_GEN,  # the slope's SE from the interpolated k* intervals needs 16000 sequences per k
        )
        for report in ("ratio", "slope")
    ),
    ising_control(
        "tree.context_linear_ratio",
        "negative",
        "the true law at every k",
        {"exact": true_law(0.9)},
        {"exact": fine_grid},
        DEPTHS,
    ),
    ising_control(
        "tree.reasoning_transformer_variance_3se",
        "positive",
        "the true sampler",
        {"reasoning_transformer_plain": true_law(0.9)},
    ),
    ising_control(
        "tree.reasoning_transformer_variance_3se",
        "negative",
        "the true law of θ = 0.85",
        {"reasoning_transformer_plain": true_law(0.85)},
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
            "independent draws of the exact k-gram at the trained k, three seeds",
            {"transformer": seeded(kgram(0.9)), "exact": kgram(0.9)},
            {"transformer": TRAINED, "exact": TRAINED},
        )
        for quantity in ("variance", "kurtosis")
    ),
    *(
        ising_control(
            f"tree.transformer_{quantity}",
            "negative",
            "the exact k-gram at 4k in place of the transformer trained at k, three seeds",
            {"transformer": seeded(kgram(0.9, scale=4)), "exact": kgram(0.9)},
            {"transformer": TRAINED, "exact": TRAINED},
        )
        for quantity in ("variance", "kurtosis")
    ),
]


D7, D8, D9 = ({"ising_b2": {**ISING, "depths": [d]}} for d in (7, 8, 9))
G7 = [2**j for j in range(8)]
TOP2 = {"ising_b2": {**ISING, "depths": [5, 6]}}
FIT_KS = [4, 8, 16]  # the C4 fit range at d = 9: ℓ ≥ 2 and n/k ≥ 32
G8 = [2**j for j in range(9)]


def by_depth(deep, shallow, depth):
    """A sampler that is `deep` at depth `depth` and `shallow` at every other depth (breaks a collapse across d)."""
    return lambda d, k, size, rng: (deep if d == depth else shallow)(d, k, size, rng)


def by_context(short, long, cut):
    """A sampler that is `short` at k < n/cut and `long` at k ≥ n/cut (a curve bent against the claim's monotony)."""
    return lambda d, k, size, rng: (short if k * cut < 2**d else long)(d, k, size, rng)


CONTROLS += [
    ising_control(
        "tree.var_ratio_decay", "negative", "the true law at every k", {"exact": true_law(0.9)}, {"exact": G8[:4]}, D8
    ),
    ising_control("tree.var_ratio_monotone", "positive", "the exact k-gram", {"exact": kgram(0.9)}, {"exact": GRID}),
    ising_control(
        "tree.var_ratio_monotone",
        "negative",
        "the true law at k < n/8 and the 1-gram above",
        {"exact": by_context(true_law(0.9), kgram(0.9, 0), 8)},
        {"exact": GRID},
    ),
    ising_control(
        "tree.var_ratio_collapse",
        "negative",
        "the k-gram of θ = 0.8 at the shallower depth",
        {"exact": by_depth(kgram(0.9), kgram(0.8), 6)},
        {"exact": GRID},
        TOP2,
    ),
    ising_control(
        "tree.subks_kurtosis_gaussian",
        "positive",
        "the exact k-gram below KS (θ = 0.6)",
        {"exact": kgram(0.6)},
        {"exact": GRID},
        SUBKS,
    ),
    ising_control(
        "tree.subks_kurtosis_gaussian",
        "negative",
        "the true law of θ = 0.9 (above KS) in place of the k-gram",
        {"exact": true_law(0.9)},
        {"exact": GRID},
        SUBKS,
    ),
    ising_control(
        "tree.loss_misleads_variance",
        "negative",
        "the true law at k = 64",
        {"exact": true_law(0.9)},
        {"exact": [64]},
        D7,
    ),
    ising_control(
        "tree.transformer_slope",
        "positive",
        "independent draws of the exact k-gram at the trained k, three seeds",
        {"transformer": seeded(kgram(0.9)), "exact": kgram(0.9)},
        {"transformer": TRAINED, "exact": TRAINED},
    ),
    ising_control(
        "tree.transformer_slope",
        "negative",
        "the exact k-gram at 4k in place of the transformer trained at k, three seeds",
        {"transformer": seeded(kgram(0.9, scale=4)), "exact": kgram(0.9)},
        {"transformer": TRAINED, "exact": TRAINED},
    ),
    *(
        ising_control(claim, "negative", "the exact k-gram of θ = 0.8", {model: kgram(0.8)}, {model: FIT_KS}, D9)
        for claim, model in (("tree.var_loglinear", "exact"), ("tree.var_loglinear_counted", "counted"))
    ),
    ising_control("tree.var_constant", "positive", "the exact k-gram", {"exact": kgram(0.9)}, {"exact": FIT_KS}, D9),
    ising_control(
        "tree.var_constant", "negative", "the true law at every k", {"exact": true_law(0.9)}, {"exact": FIT_KS}, D9
    ),
    ising_control(
        "tree.subks_no_growth",
        "positive",
        "the exact k-gram below KS (θ = 0.6)",
        {"exact": kgram(0.6)},
        {"exact": GRID},
        {"ising_b2_subks": {**SUBKS["ising_b2_subks"], "fit_min_n_over_k": 1}},
    ),
    ising_control(
        "tree.subks_no_growth",
        "negative",
        "the exact k-gram of θ = 0.9 (above KS)",
        {"exact": kgram(0.9)},
        {"exact": GRID},
        {"ising_b2_subks": {**SUBKS["ising_b2_subks"], "fit_min_n_over_k": 1}},
    ),
    ising_control("tree.ks_nondecreasing", "positive", "the exact k-gram", {"exact": kgram(0.9)}, {"exact": G7}, D7),
    ising_control(
        "tree.ks_nondecreasing",
        "negative",
        "the true law at k < n/4 and the exact k-gram above",
        {"exact": by_context(true_law(0.9), kgram(0.9), 4)},
        {"exact": G7},
        D7,
    ),
    ising_control("tree.ks_large", "positive", "the exact 1-gram", {"exact": kgram(0.9)}, {"exact": [1]}, D8),
    ising_control(
        "tree.ks_large", "negative", "the true law as the 1-gram", {"exact": true_law(0.9)}, {"exact": [1]}, D8
    ),
    ising_control("tree.ks_full_context", "positive", "the exact k-gram at k = n", {"exact": kgram(0.9)}),
    ising_control("tree.ks_full_context", "negative", "the k = n/16 k-gram at k = n", {"exact": kgram(0.9, 1 / 16)}),
    ising_control(
        "tree.ks_collapse",
        "negative",
        "the k-gram of θ = 0.8 at the shallower depth",
        {"exact": by_depth(kgram(0.9), kgram(0.8), 6)},
        {"exact": GRID},
        TOP2,
    ),
]


def write_losses(scale, settings, root, cases):
    """The C9 and C16 loss files of each case: teacher-forced CE on 400 true sequences of the exact k-gram at context
    scale(k) (a function of k) labelled k, for k = b^ℓ; fits/<lang>/d<d>/loss.json is its excess-loss fit (ℓ ≥ 1,
    ℓ ≤ d − 3) and transformer_loss.parquet its paired gap to the exact k-gram at the trained k."""
    rng = np.random.default_rng(9)
    for path in sorted({p for case in cases for p in case["inputs"]}):
        match = LOSS_PATH.fullmatch(path)
        setting, d = settings[match["lang"]], int(match["d"])
        tree = ising_broadcast(setting["b"], setting["theta"], d)
        tokens = sample_broadcast(tree, 400, rng)
        if match["file"] == "loss.json":
            ks = [setting["b"] ** level for level in range(d + 1)]
            loss = pl.concat([teacher_forced_loss(tree, tokens, [scale(k)]).with_columns(k=k) for k in ks])
            (root / path).write_text(json.dumps(excess_loss_fit(loss, setting["b"], d, 1, 3, N_BOOT, rng)))
        else:
            rows = [
                paired_gap(k, *(-ExactKGram(tree, c).log_probs(tokens)[:, 1:].mean(axis=1) for c in (scale(k), k)))
                for k in TRAINED
            ]
            pl.DataFrame(rows).write_parquet(root / path)


def loss_control(claim, polarity, what, scale):
    return Control(claim, polarity, what, partial(write_losses, scale, D8), settings=D8)


LOSS_PATH = re.compile(r"results/tree/(fits|statistics)/(?P<lang>\w+)/d(?P<d>\d+)/(?P<file>loss\.json|\w+\.parquet)")
EXACT = "the exact k-gram"
CONTROLS += [
    loss_control("tree.loss_decay", "positive", EXACT, lambda k: k),
    loss_control("tree.loss_decay", "negative", "the ⌈√k⌉-gram at k", lambda k: int(np.ceil(np.sqrt(k)))),
    loss_control("tree.loss_misleads", "positive", EXACT, lambda k: k),
    loss_control("tree.loss_misleads", "negative", "the k/4-gram at every k", lambda k: max(1, k // 4)),
    loss_control("tree.transformer_loss_gap", "positive", "the exact k-gram in place of the transformer", lambda k: k),
    loss_control(
        "tree.transformer_loss_gap", "negative", "the k/4-gram in place of the transformer", lambda k: max(1, k // 4)
    ),
]


def uniform_colouring(d, k, size, rng, b=5):
    """A sampler that ignores the tree: every leaf uniform over the 3 colours."""
    return rng.integers(0, 3, size=(size, b**d), dtype=np.uint8)


def coloring_kgram(b, scale=1):
    """Sequences of the exact k-gram of the (3, b) coloring at context scale·k (at most n)."""
    return lambda d, k, size, rng: ExactKGram(coloring_broadcast(3, b, d), min(k * scale, b**d)).sample(size, rng)


def coloring_truth(b):
    return lambda d, k, size, rng: sample_broadcast(coloring_broadcast(3, b, d), size, rng)


def noisy_colouring(d, k, size, rng, noise=0.1):
    """The broadcast whose child repeats its parent's colour with probability `noise`/3 (a leaky colouring law)."""
    tree = coloring_broadcast(3, 5, d)
    channel = (1 - noise) * tree.channel + noise / 3
    return sample_broadcast(Broadcast(b=5, d=d, channel=channel, prior=tree.prior), size, rng)


TRUTH_PATH = re.compile(r"results/tree/truth/(?P<lang>\w+)\.json")


def _coloring_statistics(model, ks, setting, d, rng, violations, size):
    per_k, per_height = context_consistency({k: model(d, k, size, rng) for k in ks}, setting["q"], setting["b"], d)
    return per_height if violations else per_k


def write_coloring(models: dict, contexts: dict, settings: dict, root, cases):
    """Write each case's coloring files: per model, the statistics (or, for <model>_violations, the first-violation
    rates per height) of models[model](d, k, …) at each context k of contexts[model] (default k = n); the truth JSON
    with the freezing recursion p_d and the closed-form ε_0 of the setting."""
    rng = np.random.default_rng(5)
    for path in sorted({p for case in cases for p in case["inputs"]}):  # a fixed order: one random stream
        if match := TRUTH_PATH.fullmatch(path):
            setting = settings[match["lang"]]
            q, b = setting["q"], setting["b"]
            p_d = freezing_probabilities(q, b, max(setting["depths"]))
            (root / path).write_text(json.dumps({"p": p_d.tolist(), "eps0": violation_rate_k1(q, b)}))
            continue
        match = PATH.fullmatch(path)
        setting, d, model = settings[match["lang"]], int(match["d"]), match["model"]
        base = model.removesuffix("_violations")
        ks = contexts.get(base, [setting["b"] ** d])
        statistics = partial(_coloring_statistics, models[base], ks, setting, d, rng, model.endswith("_violations"))
        per_seed(models[base], statistics, B_GEN).write_parquet(root / path)


def coloring_control(claim, polarity, what, models, contexts=None, settings=None):
    settings = settings or {"coloring_q3b5": COLORING}
    return Control(claim, polarity, what, partial(write_coloring, models, contexts or {}, settings), settings=settings)


CONTROL_Q3B3 = {"kind": "coloring", "q": 3, "b": 3, "depths": [6]}
CONTROLS += [
    coloring_control(
        "tree.transformer_coloring_consistency",
        "positive",
        "independent draws of the exact k-gram at k = 16 (P ≈ 0.44), three seeds",
        {"transformer": seeded(coloring_kgram(5)), "exact": coloring_kgram(5)},
        {"transformer": [16], "exact": [16]},
    ),
    coloring_control(
        "tree.transformer_coloring_consistency",
        "negative",
        "a uniform random colouring in place of the transformer, three seeds",
        {"transformer": seeded(uniform_colouring), "exact": coloring_kgram(5)},
        {"transformer": [16], "exact": [16]},
    ),
    coloring_control(
        "tree.transformer_coloring_consistency",
        "negative",
        "the exact 5-gram in place of the transformer trained at k = 16, three seeds",
        {"transformer": seeded(lambda d, k, size, rng: coloring_kgram(5)(d, 5, size, rng)), "exact": coloring_kgram(5)},
        {"transformer": [16], "exact": [16]},
    ),
    coloring_control("tree.coloring_truth_consistent", "positive", "the true sampler", {"true": coloring_truth(5)}),
    coloring_control(
        "tree.coloring_truth_consistent", "negative", "a uniform random colouring", {"true": uniform_colouring}
    ),
    *(
        control
        for claim, model in (("tree.frozen_roots_mc", "true"), ("tree.reasoning_frozen_roots", "reasoning"))
        for control in (
            coloring_control(claim, "positive", "the true sampler", {model: coloring_truth(5)}),
            coloring_control(claim, "negative", "a leaky colouring law (10% noise)", {model: noisy_colouring}),
        )
    ),
    *(
        control
        for claim in ("tree.coloring_inconsistent", "tree.coloring_never_consistent")
        for control in (
            coloring_control(
                claim, "positive", "the exact k-gram at n/k ≥ 25", {"exact": coloring_kgram(5)}, {"exact": [1, 5]}
            ),
            coloring_control(
                claim, "negative", "the true sampler as the k-gram", {"exact": coloring_truth(5)}, {"exact": [1, 5]}
            ),
        )
    ),
    coloring_control(
        "tree.control_consistent",
        "positive",
        "the exact k-gram of the (3, 3) tree at n/k = 27",
        {"exact": coloring_kgram(3)},
        {"exact": [27]},
        {"coloring_q3b3": CONTROL_Q3B3},
    ),
    coloring_control(
        "tree.control_consistent",
        "negative",
        "a uniform random colouring",
        {"exact": partial(uniform_colouring, b=3)},
        {"exact": [27]},
        {"coloring_q3b3": CONTROL_Q3B3},
    ),
]


DECAY_KS = [5, 10, 15, 25, 42, 63, 125]
CONTROLS += [
    coloring_control(
        "tree.coloring_exponential_decay",
        "positive",
        "the exact k-gram",
        {"exact": coloring_kgram(5)},
        {"exact": DECAY_KS},
    ),
    coloring_control(
        "tree.coloring_exponential_decay",
        "negative",
        "the k-gram at 3k in place of the k-gram at k",
        {"exact": coloring_kgram(5, scale=3)},
        {"exact": [1, 2, 3, 5, 8, 10, 15, 25]},
    ),
]


LEVELS = [1, 5, 25]  # k = b^ℓ for ℓ ≤ d − 1 at d = 3
Q3B3_D5 = {"coloring_q3b3": {**CONTROL_Q3B3, "depths": [5]}}


def exact_at_k1_else(other):
    """The exact k-gram at k = 1 and `other` at every larger k (right at ℓ = 0, drifting above)."""
    return lambda d, k, size, rng: (coloring_kgram(5) if k == 1 else other)(d, k, size, rng)


CONTROLS += [
    *(
        coloring_control(claim, "positive", "the exact k-gram", {"exact": coloring_kgram(5)}, {"exact": LEVELS})
        for claim in ("tree.coloring_eps0", "tree.coloring_eps_band", "tree.coloring_eps_flat")
    ),
    *(
        coloring_control(
            claim, "negative", "a uniform random colouring", {"exact": uniform_colouring}, {"exact": LEVELS}
        )
        for claim in ("tree.coloring_eps0", "tree.coloring_eps_band")
    ),
    coloring_control(
        "tree.coloring_eps_flat",
        "negative",
        "the exact 1-gram at k = 1 and the k-gram at 5k above",
        {"exact": exact_at_k1_else(coloring_kgram(5, scale=5))},
        {"exact": LEVELS},
    ),
    *(
        coloring_control(
            claim,
            "positive",
            "the exact k-gram of the (3, 3) tree",
            {"exact": coloring_kgram(3)},
            {"exact": ks},
            Q3B3_D5,
        )
        for claim, ks in (
            ("tree.control_violations_decay", [1, 3, 9, 27]),
            ("tree.control_violations_monotone", [1, 3, 9, 27, 81]),
        )
    ),
    coloring_control(
        "tree.transformer_coloring_violations",
        "positive",
        "independent draws of the exact k-gram at the trained k, three seeds",
        {"transformer": seeded(coloring_kgram(5)), "exact": coloring_kgram(5)},
        {"transformer": [5, 16, 25], "exact": [5, 16, 25]},
    ),
    coloring_control(
        "tree.transformer_coloring_violations",
        "negative",
        "a uniform random colouring in place of the transformer, three seeds",
        {"transformer": seeded(uniform_colouring), "exact": coloring_kgram(5)},
        {"transformer": [5, 16, 25], "exact": [5, 16, 25]},
    ),
    *(
        coloring_control(claim, "positive", "the true sampler", {model: coloring_truth(5)})
        for claim, model in (
            ("tree.reasoning_coloring_consistent", "reasoning"),
            ("tree.reasoning_transformer_consistent", "reasoning_transformer_plain"),
            ("tree.reasoning_transformer_consistent_truncated", "reasoning_transformer_truncated"),
        )
    ),
    *(
        coloring_control(claim, "negative", "a leaky colouring law (10% noise)", {model: noisy_colouring})
        for claim, model in (
            ("tree.reasoning_coloring_consistent", "reasoning"),
            ("tree.reasoning_transformer_consistent", "reasoning_transformer_plain"),
            ("tree.reasoning_transformer_consistent_truncated", "reasoning_transformer_truncated"),
        )
    ),
]


def write_exactness(sampler, root, cases):
    """The χ² file of a small-tree check (C3, C15): `sampler(tree, size, rng)`'s sequences against the exact law of
    the configured small tree (b = 2, θ = 0.8, d = 3)."""
    tree = ising_broadcast(2, 0.8, 3)
    tokens = sampler(tree, 50000, np.random.default_rng(3))
    result = {"b": 2, "theta": 0.8, "d": 3, "model": "control", **goodness_of_fit(tokens, leaf_law(tree), tree.q)}
    for path in {p for case in cases for p in case["inputs"]}:
        (root / path).write_text(json.dumps(result))


def other_theta(sampler, theta):
    """`sampler` run on the tree of another θ (same b and d)."""
    return lambda tree, size, rng: sampler(ising_broadcast(tree.b, theta, tree.d), size, rng)


def full_context(tree, size, rng):
    return ExactKGram(tree, tree.n - 1).sample(size, rng)


def reasoning_leaves(tree, size, rng):
    return sample_traces(tree, size, rng)[1]


CONTROLS += [
    Control("tree.kgram_full_context_law", "positive", "the k = n − 1 k-gram", partial(write_exactness, full_context)),
    Control(
        "tree.kgram_full_context_law",
        "negative",
        "the k = n − 1 k-gram of θ = 0.75",
        partial(write_exactness, other_theta(full_context, 0.75)),
    ),
    Control(
        "tree.reasoning_exact_law", "positive", "the reasoning sampler", partial(write_exactness, reasoning_leaves)
    ),
    Control(
        "tree.reasoning_exact_law",
        "negative",
        "the reasoning sampler of θ = 0.75",
        partial(write_exactness, other_theta(reasoning_leaves, 0.75)),
    ),
]


RUN_PATH = re.compile(r"results/tree/reasoning/(?P<lang>\w+)/d(?P<d>\d+)/transformer_run_(?P<decoding>\w+)\.json")


def leaky_traces(multiple):
    """The true reasoning sampler whose values after the first window are each redrawn uniformly with a probability
    that puts `multiple` times the training leak target (95% faithful traces) on values the rule forbids."""

    def sampler(tree, size, rng):
        traces, _ = sample_traces(tree, size, rng)
        leak = multiple * leak_target(tree, window_size(tree) + 1, 0.95) * tree.q / (tree.q - 1)
        redrawn = traces - traces % tree.q + rng.integers(0, tree.q, traces.shape)
        replace = rng.random(traces.shape) < leak
        replace[:, : window_size(tree)] = False
        return np.where(replace, redrawn, traces)

    return sampler


def write_trace_runs(sampler, root, cases):
    """Each case's trace-run JSON (as sample_reasoning_transformer writes it) from 1000 traces of `sampler` on the
    case's setting at its trained depth."""
    rng = np.random.default_rng(6)
    for path in sorted({p for case in cases for p in case["inputs"]}):
        match = RUN_PATH.fullmatch(path)
        s = SETTINGS[match["lang"]]
        tree = (
            ising_broadcast(2, s["theta"], int(match["d"]))
            if s["kind"] == "ising"
            else coloring_broadcast(s["q"], s["b"], int(match["d"]))
        )
        summary = faithfulness(sampler(tree, 1000, rng), tree)
        (root / path).write_text(
            json.dumps({"window": window_size(tree) + 1, "decoding": match["decoding"], **summary})
        )


CONTROLS += [
    Control(claim, polarity, what, partial(write_trace_runs, leaky_traces(multiple)), settings=SETTINGS)
    for claim in ("tree.reasoning_transformer_faithful", "tree.reasoning_transformer_faithful_truncated")
    for polarity, what, multiple in (
        ("positive", "the true reasoning sampler", 0),
        ("negative", "the true sampler leaking 10× the training target (≈ 60% faithful traces)", 10),
    )
]


def write_truth(theta_of: dict, root, cases):
    """The exact truth table (§3.1, §3.2: closed form and moment recursion to d = 40) of the Ising law of θ =
    theta_of[setting], for each case's setting."""
    for case in cases:
        for path in case["inputs"]:
            truth_table(2, theta_of[case["lang"]], 40).write_parquet(root / path)


def truth_control(claim, polarity, what, theta_of):
    settings = {lang: {"kind": "ising", "b": 2, "theta": theta, "depths": [8]} for lang, theta in TRUTH.items()}
    return Control(claim, polarity, what, partial(write_truth, theta_of), settings=settings)


TRUTH = {"ising_b2": 0.9, "ising_b2_subks": 0.6}
CONTROLS += [
    *(
        truth_control(claim, "positive", "the exact truth of the setting", TRUTH)
        for claim in (
            "tree.true_var_superlinear",
            "tree.true_kurtosis_limit",
            "tree.true_non_gaussian",
            "tree.true_gaussian_below_ks",
        )
    ),
    truth_control("tree.true_var_superlinear", "negative", "the truth of θ = 0.85 for θ = 0.9", {"ising_b2": 0.85}),
    truth_control("tree.true_kurtosis_limit", "negative", "the truth of θ = 0.75 for θ = 0.9", {"ising_b2": 0.75}),
    truth_control("tree.true_non_gaussian", "negative", "the below-KS truth (θ = 0.6) for θ = 0.9", {"ising_b2": 0.6}),
    truth_control(
        "tree.true_gaussian_below_ks", "negative", "the KS truth (θ = 0.9) for θ = 0.6", {"ising_b2_subks": 0.9}
    ),
]


@pytest.mark.parametrize("control", CONTROLS, ids=str)
def test_control(control, tmp_path):
    assert_control(control, tmp_path)


def test_the_claims_declare_these_controls():
    assert_declared("tree", CONTROLS)
