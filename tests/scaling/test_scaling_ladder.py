"""The data-ladder rung: schedule, step count, test windows, per-position losses and early stopping."""

import math
import re

import numpy as np
import pytest
import torch
from torch.nn import functional as F

from lmtheory.claims import resolve_cases
from lmtheory.scaling.ladder import (
    held_out_windows,
    init_small,
    position_losses,
    rise_standard_errors,
    train_rung,
    warmup_cosine,
)
from lmtheory.scaling.rungs import (
    RUNG_PATTERN,
    ladder_rungs,
    ngram_leg_settings,
    parse_rung,
    rung_check,
    rung_names,
    rung_steps,
    rung_training,
)
from lmtheory.transformer import ARCHITECTURES, GPT, GPTConfig


def small_model(architecture="gpt2-ape", vocab=5, T=8, seed=0):
    torch.manual_seed(seed)
    config = GPTConfig(vocab=vocab, context=T, n_layer=1, n_head=2, d_model=16, d_mlp=32, architecture=architecture)
    return init_small(GPT(config))


def test_schedule_and_steps():
    assert warmup_cosine(0, 100, 10) == pytest.approx(0.1)
    assert warmup_cosine(10, 100, 10) == pytest.approx(1.0)
    assert warmup_cosine(55, 100, 10) == pytest.approx(0.5)
    assert warmup_cosine(100, 100, 10) == pytest.approx(0.0, abs=1e-12)
    assert rung_steps(2**15, 32, 64, 20, 300, 2500) == 320
    assert rung_steps(2**12, 32, 64, 20, 300, 2500) == 300
    assert rung_steps(2**20, 32, 64, 20, 300, 2500) == 2500


def test_test_windows_stay_inside_blocks():
    blocks = [np.arange(0, 20), np.arange(100, 105), np.arange(200, 209)]
    windows = held_out_windows(blocks, 3)  # windows of 4: 5 from the first block, 1, 2
    assert windows.shape == (8, 4)
    assert np.all(np.diff(windows, axis=1) == 1)  # consecutive tokens: no window spans two blocks
    with pytest.raises(ValueError, match="T\\+1"):
        held_out_windows([np.arange(3)], 3)


def test_position_losses_match_a_direct_computation():
    model = small_model()
    windows = np.random.default_rng(0).integers(0, 5, size=(7, 9))
    model.eval()
    with torch.no_grad():
        x = torch.as_tensor(windows)
        direct = F.cross_entropy(model(x[:, :-1]).transpose(1, 2), x[:, 1:], reduction="none").mean(0).numpy()
    assert np.allclose(position_losses(model, windows, chunk=3), direct, atol=1e-6)


@pytest.mark.parametrize("architecture", ARCHITECTURES)
def test_rung_learns_a_deterministic_cycle_and_keeps_the_best_checkpoint(architecture):
    """A period-5 cycle is predictable from one token: the kept model's loss drops far below ln 5 at every n, and
    the kept state is the evaluation with the lowest test loss. Every architecture (C8)."""
    stream = np.tile(np.arange(5), 400)
    test = held_out_windows([np.tile(np.arange(5), 40)], 8)
    hyper = {"steps": 60, "batch": 16, "lr": 1e-2, "weight_decay": 0.0, "warmup": 5, "evals": 4}
    model, history = train_rung(small_model(architecture), stream, test, hyper, torch.Generator().manual_seed(0))
    losses = position_losses(model, test)
    assert losses.max() < 0.2 * math.log(5)
    assert losses.mean() == pytest.approx(min(h["test_loss"] for h in history), rel=1e-5)
    assert [h["step"] for h in history] == [15, 30, 45, 60]


def test_the_cpu_rung_is_deterministic_and_compile_trains_the_same_model():
    """The same seed gives the same history twice on the CPU; `compile: true` runs the same steps through
    torch.compile (fused kernels: equal up to float32 rounding, not bit for bit)."""
    stream = np.tile(np.arange(5), 400)
    test = held_out_windows([np.tile(np.arange(5), 40)], 8)
    hyper = {"steps": 30, "batch": 16, "lr": 1e-2, "weight_decay": 0.0, "warmup": 5, "evals": 3}

    def history(**options):
        return train_rung(small_model(), stream, test, hyper | options, torch.Generator().manual_seed(0))[1]

    plain = history()
    assert plain == history()
    compiled = history(compile=True)
    assert [h["step"] for h in compiled] == [h["step"] for h in plain]
    np.testing.assert_allclose([h["test_loss"] for h in compiled], [h["test_loss"] for h in plain], rtol=1e-3)


def test_claim_runs_expand_by_scale():
    claim = {"id": "scaling.x", "input": "r/{run}.json", "cases": [{"run": "cpu"}]}
    runs = {"kjv_char": "cpu", "austen_char": "cpu", "tinystories": "paper"}
    assert [c["inputs"] for c in resolve_cases(claim, {}, runs)] == [["r/kjv_char.json"], ["r/austen_char.json"]]
    assert resolve_cases({**claim, "cases": [{"run": "paper"}]}, {}, {"kjv_char": "cpu"}) == []
    (nope,) = resolve_cases({**claim, "cases": [{"run": "nope"}]}, {}, runs)  # NOT_RUN, with the reason
    assert nope["inputs"] == [] and "run 'nope' is not configured" in nope["skip"]
    compared = {**claim, "cases": [{"run": "kjv_char", "with": ["austen_char"]}]}
    assert [c["inputs"] for c in resolve_cases(compared, {}, runs)] == [["r/kjv_char.json", "r/austen_char.json"]]
    compared["cases"] = [{"run": "kjv_char", "with": ["kjv_rope"]}]
    (missing,) = resolve_cases(compared, {}, runs)
    assert missing["inputs"] == [] and "'kjv_rope' is not configured" in missing["skip"]
    assert resolve_cases({**compared, "scale": "paper"}, {}, runs) == []


def test_rise_standard_errors_pair_the_windows():
    """A per-window offset (window difficulty) cancels in L_{n+1} − L_n: the SE is √2·σ/√W of the per-token noise."""
    rng = np.random.default_rng(1)
    W, sigma = 4000, 0.3
    losses = rng.normal(0, 2.0, size=(W, 1)) + rng.normal(0, sigma, size=(W, 6))
    assert np.allclose(rise_standard_errors(losses), np.sqrt(2) * sigma / np.sqrt(W), rtol=0.05)  # SE of SD ≈ 1.1%


LADDER = {"log2_P": [10, 11, 12], "T": 16, "batch": 8, "epochs": 4, "min_steps": 5, "max_steps": 1000}
LADDER |= {"check_factor": 3, "lr": 0.002}


def test_rung_names_cover_the_ladder_and_its_checks():
    assert rung_names(LADDER) == ["P10", "P11", "P12", "P12_long"]
    full = {**LADDER, "capacity_factor": 2, "envelope_T": [8, 16, 32], "lr": 0.1, "lr_grid": [0.1, 0.2]}
    assert rung_names(full) == ["P10", "P11", "P12", "P12_long", "P12_wide"] + [
        f"P{p}_T{T}" for T in (8, 32) for p in (10, 11, 12)
    ] + ["P10_lr1", "P11_lr1", "P12_lr1"]
    assert all(re.fullmatch(RUNG_PATTERN, name) for name in rung_names(full))
    checks = [rung_check(name) for name in ("P10", "P12_long", "P12_wide", "P11_T8", "P10_lr1")]
    assert checks == ["", "long", "wide", "context", "lr"]


def test_each_rung_trains_what_its_name_says():
    """Steps = clamp(epochs·P/(B·T)); long ×check_factor; wide doubles the blocks; _T<T> trains at that context."""
    model = {"n_layer": 2, "n_head": 2, "d_model": 16, "d_mlp": 32}
    ladder = {**LADDER, "capacity_factor": 2}
    assert rung_training(parse_rung("P12", ladder), ladder, model) == (128, model)
    assert rung_training(parse_rung("P12_long", ladder), ladder, model) == (384, model)
    assert rung_training(parse_rung("P12_wide", ladder), ladder, model) == (128, {**model, "n_layer": 4})
    context = parse_rung("P11_T8", ladder)
    assert (context.T, context.P) == (8, 2048) and rung_training(context, ladder, model)[0] == 128
    with pytest.raises(ValueError, match="P12_big"):
        parse_rung("P12_big", ladder)


def test_the_ngram_leg_trains_on_the_whole_stream_with_its_own_steps_and_model():
    """log2_P None (the whole stream), the leg's steps (×check_factor for long), T, lr and model; the ladder's optimiser
    keys unless the leg sets them."""
    model = {"n_layer": 1, "n_head": 2, "d_model": 8, "d_mlp": 16}
    leg = {"steps": 100, "T": 16, "lr": 0.01, "batch": 64, "model": model}
    ladder = {**LADDER, "weight_decay": 0.1, "warmup": 10, "evals": 4, "eval_windows": 32}
    base, long = (ngram_leg_settings(check, leg, ladder) for check in ("base", "long"))
    assert (base["log2_P"], base["steps"], base["check"], long["steps"], long["check"]) == (None, 100, "", 300, "long")
    assert (base["T"], base["lr"], base["batch"], base["model"]) == (16, 0.01, 64, model)
    assert (base["weight_decay"], base["evals"]) == (0.1, 4)
    assert "patience" not in base
    assert ngram_leg_settings("base", leg, {**ladder, "patience": 3})["patience"] == 3
    assert ngram_leg_settings("base", {**leg, "patience": 5}, {**ladder, "patience": 3})["patience"] == 5
    with pytest.raises(ValueError, match="wide"):
        ngram_leg_settings("wide", leg, ladder)


def test_the_ladder_is_the_best_learning_rate_per_rung():
    """lr_grid adds P<p>_lr<i> for every grid rate other than lr; per P the ladder keeps the lowest L_AR among the
    plain rung and its variants, never a check or another context."""
    tuned = {**LADDER, "lr": 0.002, "lr_grid": [0.001, 0.002, 0.004]}
    assert rung_names(tuned)[4:] == ["P10_lr0", "P11_lr0", "P12_lr0", "P10_lr2", "P11_lr2", "P12_lr2"]
    assert parse_rung("P11_lr2", tuned).lr == 0.004 and parse_rung("P11", tuned).lr == 0.002
    with pytest.raises(ValueError, match="no entry 3"):
        parse_rung("P11_lr3", tuned)
    losses = {"P10": 3.0, "P10_lr0": 2.9, "P11": 2.5, "P11_lr2": 2.6, "P12": 2.2, "P12_long": 1.0, "P12_T8": 1.5}
    records = [{"rung": name, "P": 2 ** int(name[1:3]), "L_AR": loss} for name, loss in losses.items()]
    assert [r["rung"] for r in ladder_rungs(records)] == ["P10_lr0", "P11", "P12"]


def test_patience_stops_an_overfitting_rung_where_the_full_run_had_its_best():
    """A 40-token random stream is memorised, so the test loss on other random text rises after its best. With
    patience m the run makes the full run's evaluations up to m after the best and stops there, keeping the same
    model; without an improvement-free streak it trains every step."""
    rng = np.random.default_rng(3)
    stream, test = rng.integers(0, 5, 40), held_out_windows([rng.integers(0, 5, 900)], 8)
    hyper = {"steps": 200, "batch": 16, "lr": 1e-2, "weight_decay": 0.0, "warmup": 5, "evals": 10}

    def run(**options):
        model, history = train_rung(small_model(), stream, test, hyper | options, torch.Generator().manual_seed(0))
        return position_losses(model, test), [h["test_loss"] for h in history]

    full_losses, full = run()
    best = int(np.argmin(full))
    assert best + 2 < len(full) - 1  # the scenario overfits: two evaluations after the best do not improve on it
    kept, patient = run(patience=2)
    assert patient == full[: best + 3]  # the same evaluations, stopped two after the best
    np.testing.assert_array_equal(kept, full_losses)  # the same kept model
    assert run(patience=len(full))[1] == full  # a streak never that long: every step trained
