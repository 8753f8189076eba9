"""Rungs of a run's data ladder by name, and what each one trains (spec §2.4, §6.1, C6, C12, C15).

A rung is `P<log2 P>` (the ladder itself, context T), optionally with one suffix naming a check on it:
- `_long`: the top rung with `check_factor`× the steps (C15, data- against compute-limited);
- `_wide`: the top rung with a `capacity_factor`× larger model, `n_layer · capacity_factor` blocks of the same
  width, so ≈ capacity_factor× the non-embedding parameters (C12);
- `_T<T>`: the rung at another context T, one of `envelope_T` (the lower envelope over T, C6).
"""

import re
from dataclasses import dataclass

from .ladder import rung_steps

RUNG_NAME = re.compile(r"^P(\d+)(?:_(long|wide|T(\d+)))?$")
RUNG_PATTERN = r"P\d+(_long|_wide|_T\d+)?"  # the same language, as a Snakemake wildcard constraint


@dataclass(frozen=True)
class Rung:
    log2_P: int
    check: str  # "" (a ladder rung), "long", "wide" or "context"
    T: int  # the context it trains at

    @property
    def P(self) -> int:
        return 2**self.log2_P


def _match(name: str) -> re.Match:
    match = RUNG_NAME.match(name)
    if not match:
        raise ValueError(f"rung {name!r} is not P<log2 P> with an optional _long, _wide or _T<context> suffix")
    return match


def rung_check(name: str) -> str:
    """What the rung called `name` is: "" (a ladder rung), "long", "wide" or "context"."""
    suffix = _match(name).group(2)
    return "context" if suffix and suffix.startswith("T") else suffix or ""


def parse_rung(name: str, ladder: dict) -> Rung:
    """The rung called `name` under the run's ladder options; ValueError for a name outside the language."""
    log2_P, _, context = _match(name).groups()
    return Rung(int(log2_P), rung_check(name), int(context) if context else ladder["T"])


def rung_names(ladder: dict) -> list[str]:
    """Every rung a ladder trains: the ladder at T, the top rung's long (and, with capacity_factor, wide) check,
    and the ladder again at every envelope context other than T."""
    rungs, top = ladder["log2_P"], ladder["log2_P"][-1]
    names = [f"P{p}" for p in rungs] + [f"P{top}_long"]
    names += [f"P{top}_wide"] if ladder.get("capacity_factor") else []
    return names + [f"P{p}_T{T}" for T in ladder.get("envelope_T", []) if T != ladder["T"] for p in rungs]


def rung_training(rung: Rung, ladder: dict, model: dict) -> tuple[int, dict]:
    """(steps, model options) of a rung: the ladder's step rule at the rung's P and T, ×check_factor for `long`;
    the model with ×capacity_factor blocks for `wide`."""
    steps = rung_steps(rung.P, ladder["batch"], rung.T, ladder["epochs"], ladder["min_steps"], ladder["max_steps"])
    if rung.check == "long":
        steps *= ladder["check_factor"]
    if rung.check == "wide":
        model = {**model, "n_layer": model["n_layer"] * ladder["capacity_factor"]}
    return steps, model
