"""The stage outputs of one scaling run, loaded together for the figures."""

from dataclasses import dataclass

import polars as pl

from lmtheory.io import read_json, read_parquet
from lmtheory.scaling.rungs import ladder_rungs


@dataclass
class RunResults:
    run: str
    correlations: pl.DataFrame
    beta: dict
    exponents: dict | None  # None for a statistics run (no ladder)
    rungs: list[dict]  # the ladder by P (`ladder_rungs`: the best learning rate per P; no checks, no other contexts)
    counts: pl.DataFrame | None


def load_runs(files: dict) -> list[RunResults]:
    """The runs of named stage files `{"<run>:<stage>": path(s)}` (stages: correlations, beta, and for a run with a
    ladder exponents, rungs, optionally counts), in the order their names first appear; other names (e.g. a rule's
    `code`) are ignored."""
    stages: dict[str, dict] = {}
    for name, value in files.items():
        if ":" in name:
            run, stage = name.split(":", 1)
            stages.setdefault(run, {})[stage] = value
    return [
        RunResults(
            run=run,
            correlations=read_parquet(s["correlations"]),
            beta=read_json(s["beta"]),
            exponents=read_json(s["exponents"]) if "exponents" in s else None,
            rungs=ladder_rungs([read_json(path) for path in s.get("rungs", [])]),
            counts=read_parquet(s["counts"]) if "counts" in s else None,
        )
        for run, s in stages.items()
    ]
