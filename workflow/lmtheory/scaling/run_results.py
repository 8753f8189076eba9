"""The stage outputs of one scaling run, loaded together for the figures."""

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from ..io import read_json, read_parquet
from .rungs import rung_check


@dataclass
class RunResults:
    run: str
    correlations: pl.DataFrame
    beta: dict
    exponents: dict
    rungs: list[dict]  # the ladder's rungs by P (the checks on the top rung and the other contexts excluded)
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
        rungs=sorted((r for r in rungs if not rung_check(r["rung"])), key=lambda r: r["P"]),
        counts=read_parquet(counts) if counts.exists() else None,
    )
