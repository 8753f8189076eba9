"""Rungs of a run's data ladder by name, and what each one trains (spec §2.4, §6.1, C6, C12, C15).

A rung is `P<log2 P>` (the ladder itself, context T), optionally with one suffix naming a check on it:
- `_long`: the top rung with `check_factor`× the steps (C15, data- against compute-limited);
- `_wide`: the top rung with a `capacity_factor`× larger model, `n_layer · capacity_factor` blocks of the same
  width, so ≈ capacity_factor× the non-embedding parameters (C12);
- `_T<T>`: the rung at another context T, one of `envelope_T` (the lower envelope over T, C6);
- `_lr<i>`: the rung at the learning rate `lr_grid[i]` instead of `lr` (the paper tunes it per P, §2.4).
The ladder proper is, per P, the rung with the lowest test loss among `P<log2 P>` and its `_lr<i>` variants
(`ladder_rungs`); the checks and the other contexts train at `lr`.
"""

import re
from dataclasses import dataclass

RUNG_NAME = re.compile(r"^P(\d+)(?:_(long|wide|T(\d+)|lr(\d+)))?$")
RUNG_PATTERN = r"P\d+(_long|_wide|_T\d+|_lr\d+)?"  # the same language, as a Snakemake wildcard constraint


def rung_steps(P: int, batch: int, T: int, epochs: float, min_steps: int, max_steps: int) -> int:
    """clamp(epochs · P / (B·T), min_steps, max_steps): about `epochs` passes over the rung's tokens."""
    return int(min(max(round(epochs * P / (batch * T)), min_steps), max_steps))


@dataclass(frozen=True)
class Rung:
    log2_P: int
    check: str  # "" (a ladder rung), "long", "wide", "context" or "lr"
    T: int  # the context it trains at
    lr: float  # the peak learning rate it trains at

    @property
    def P(self) -> int:
        return 2**self.log2_P


def _match(name: str) -> re.Match:
    match = RUNG_NAME.match(name)
    if not match:
        raise ValueError(f"rung {name!r} is not P<log2 P> with an optional _long, _wide, _T<context> or _lr<i> suffix")
    return match


def rung_check(name: str) -> str:
    """What the rung called `name` is: "" (a ladder rung), "long", "wide", "context" or "lr"."""
    _, suffix, context, lr = _match(name).groups()
    return "context" if context else "lr" if lr else suffix or ""


def parse_rung(name: str, ladder: dict) -> Rung:
    """The rung called `name` under the run's ladder options; ValueError for a name outside the language."""
    log2_P, _, context, lr = _match(name).groups()
    if lr and int(lr) >= len(ladder.get("lr_grid", [])):
        raise ValueError(f"rung {name!r}: lr_grid has no entry {lr}")
    rate = ladder["lr_grid"][int(lr)] if lr else ladder["lr"]
    return Rung(int(log2_P), rung_check(name), int(context) if context else ladder["T"], rate)


def rung_names(ladder: dict) -> list[str]:
    """Every rung a ladder trains: the ladder at T, the top rung's long (and, with capacity_factor, wide) check,
    the ladder again at every envelope context other than T and at every grid learning rate other than lr."""
    rungs, top = ladder["log2_P"], ladder["log2_P"][-1]
    names = [f"P{p}" for p in rungs] + [f"P{top}_long"]
    names += [f"P{top}_wide"] if ladder.get("capacity_factor") else []
    names += [f"P{p}_T{T}" for T in ladder.get("envelope_T", []) if T != ladder["T"] for p in rungs]
    grid = [i for i, lr in enumerate(ladder.get("lr_grid", [])) if lr != ladder["lr"]]
    return names + [f"P{p}_lr{i}" for i in grid for p in rungs]


def ladder_rungs(records: list[dict]) -> list[dict]:
    """The ladder from rung records ({'rung', 'P', 'L_AR', …}): per P, by increasing P, the record with the lowest
    L_AR among the plain rung and its learning-rate variants (the paper's best test loss over the tuning grid)."""
    ladder = [r for r in records if rung_check(r["rung"]) in ("", "lr")]
    return [min((r for r in ladder if r["P"] == P), key=lambda r: r["L_AR"]) for P in sorted({r["P"] for r in ladder})]


def rung_training(rung: Rung, ladder: dict, model: dict) -> tuple[int, dict]:
    """(steps, model options) of a rung: the ladder's step rule at the rung's P and T, ×check_factor for `long`;
    the model with ×capacity_factor blocks for `wide`."""
    steps = rung_steps(rung.P, ladder["batch"], rung.T, ladder["epochs"], ladder["min_steps"], ladder["max_steps"])
    if rung.check == "long":
        steps *= ladder["check_factor"]
    if rung.check == "wide":
        model = {**model, "n_layer": model["n_layer"] * ladder["capacity_factor"]}
    return steps, model


TRAINING_KEYS = ("batch", "weight_decay", "warmup", "evals", "eval_windows")  # ladder options every rung trains with


def training_keys(ladder: dict, overrides: dict) -> dict:
    """The ladder's TRAINING_KEYS, each unless `overrides` sets it, `patience` when `overrides` or else the ladder sets
    it, and `compile` when the ladder turns it on (absent when unset: rungs without them keep their params)."""
    patience = overrides.get("patience", ladder.get("patience"))
    return {
        **{key: overrides.get(key, ladder[key]) for key in TRAINING_KEYS},
        **({"patience": patience} if patience else {}),
        **({"compile": True} if ladder.get("compile") else {}),
    }


def rung_settings(name: str, ladder: dict, model: dict) -> dict:
    """Everything the rung called `name` trains with, as plain data: log2 P, T, learning rate, check, steps, model
    options and the optimiser's keys of the ladder; nothing about the other rungs, so adding a rung to the ladder
    leaves every other rung's settings (and its cached result) alone."""
    rung = parse_rung(name, ladder)
    steps, trained = rung_training(rung, ladder, model)
    return {
        "log2_P": rung.log2_P,
        "T": rung.T,
        "lr": rung.lr,
        "check": rung.check,
        "steps": steps,
        "model": trained,
        **training_keys(ladder, {}),
    }


NGRAM_LEG_CHECKS = ("base", "long")  # the n-gram leg's transformer, and again with check_factor× the steps (C15's test)


def ngram_leg_settings(check: str, leg: dict, ladder: dict) -> dict:
    """What the transformer of C8's n-gram leg trains with, in the shape of `rung_settings`: the whole training stream
    of a statistics run (`log2_P` None; such a run has no ladder), the leg's steps (× the ladder's check_factor for
    `long`), T, lr and model, and the ladder's optimiser and evaluation keys unless the leg sets them."""
    if check not in NGRAM_LEG_CHECKS:
        raise ValueError(f"n-gram leg {check!r} is not one of {NGRAM_LEG_CHECKS}")
    return {
        "log2_P": None,
        "T": leg["T"],
        "lr": leg["lr"],
        "check": "long" if check == "long" else "",
        "steps": leg["steps"] * (ladder["check_factor"] if check == "long" else 1),
        "model": leg["model"],
        **training_keys(ladder, leg),
    }
