"""The stage outputs of one scaling run, loaded together for the figures."""

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from lmtheory.io import read_json, read_parquet
from lmtheory.scaling.rungs import ladder_rungs


@dataclass
class RunResults:
    run: str
    correlations: pl.DataFrame
    beta: dict
    exponents: dict
    rungs: list[dict]  # the ladder by P (`ladder_rungs`: the best learning rate per P; no checks, no other contexts)
    counts: pl.DataFrame | None


def load_run(run: str, root="results/scaling") -> RunResults:
    base = Path(root) / run
    rungs = [read_json(path) for path in sorted((base / "ladder").glob("P*.json"))]
    counts = base / "count_entropy.parquet"
    return RunResults(
        run=run,
        correlations=read_parquet(base / "correlations.parquet"),
        beta=read_json(base / "beta.json"),
        exponents=read_json(base / "exponents.json"),
        rungs=ladder_rungs(rungs),
        counts=read_parquet(counts) if counts.exists() else None,
    )
