"""Claim measures by paper: `check_claim` looks a claim's `measure` up in its paper's `lmtheory.<paper>.measures`."""

import importlib


def measures_of(paper: str) -> dict:
    """The measure registry (name → function) of one paper package."""
    return importlib.import_module(f"lmtheory.{paper}.measures").MEASURES
