"""lmtheory: the science library behind the claims pipeline (pure functions, unit-tested)."""

__version__ = "0.1.0"
