"""Claim measures by paper: `check_claim` looks a claim's `measure` up in its paper's `lmtheory.<paper>.measures`,
and `measure_cases` runs it over a claim's resolved cases (the tests' controls go through the same function)."""

import importlib
from pathlib import Path


def measures_of(paper: str) -> dict:
    """The measure registry (name → function) of one paper package."""
    return importlib.import_module(f"lmtheory.{paper}.measures").MEASURES


def measure_cases(claim: dict, cases: list[dict], settings: dict, root: str | Path = "") -> list[dict]:
    """The measured cases of a claim: its measure on each resolved case's inputs (under `root`), with the case's
    setting; a case that cannot run (`skip`, see lmtheory.claims.not_run) becomes a NOT_RUN case with its reason."""
    measures = measures_of(claim["paper"])
    if claim["measure"] not in measures:
        raise ValueError(f"claim {claim['id']}: unknown measure {claim['measure']!r}; known: {sorted(measures)}")
    measure = measures[claim["measure"]]
    measured = []
    for case in cases:
        if "skip" in case:
            measured.append({"label": case["label"], "value": None, "note": case["skip"], "not_run": True})
            continue
        paths = [str(Path(root) / path) for path in case["inputs"]] if root else case["inputs"]
        result = measure(case, paths, settings.get(case.get("lang"), {}))
        measured.extend(result if isinstance(result, list) else [result])
    return measured
