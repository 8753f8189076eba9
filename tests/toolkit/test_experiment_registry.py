"""The experiment tables read from the source (what the Snakefile plans with) are the imported registries."""

import importlib
import inspect

import pytest

from lmtheory.experiment_registry import tables


@pytest.mark.parametrize("paper", ["icl", "cot"])
def test_tables_read_from_the_source_match_the_imported_functions(paper):
    experiments = importlib.import_module(f"lmtheory.{paper}.experiments").EXPERIMENTS
    assert tables(paper) == {name: tuple(inspect.signature(fn).parameters) for name, fn in experiments.items()}


def test_a_registry_that_is_not_a_dict_literal_is_an_error(tmp_path, monkeypatch):
    (tmp_path / "toy").mkdir()
    (tmp_path / "toy" / "experiments.py").write_text("def f(rng, a=1):\n    pass\n\nEXPERIMENTS = dict(f=f)\n")
    monkeypatch.setattr("lmtheory.experiment_registry.PACKAGE", tmp_path)
    with pytest.raises(ValueError, match=r"toy/experiments.py: no `EXPERIMENTS = \{...\}` dict literal"):
        tables("toy")
    (tmp_path / "toy" / "experiments.py").write_text("def f(rng, a=1):\n    pass\n\nEXPERIMENTS = {'t': f}\n")
    tables.cache_clear()
    assert tables("toy") == {"t": ("rng", "a")}
