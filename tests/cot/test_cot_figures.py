"""Smoke tests of the metastable-CoT figures (B-C1 … B-C8) on tiny experiment runs and on empty tables."""

import pytest
from matplotlib.figure import Figure

from lmtheory.cot import experiments as ex
from lmtheory.cot.figures.hitting_time import hitting_time_figure
from lmtheory.cot.figures.metastability import metastability_figure
from lmtheory.cot.figures.pretraining import pretraining_figure
from lmtheory.cot.figures.search_rl import search_rl_figure
from lmtheory.plots import save_figure

TINY = {
    "e_b1": dict(Ks=(2, 3), Ms=(8, 16), eps_grid=(0.02, 0.01), K0=3, M0=8, mc_eps=0.02, mc_chains=50),
    "e_b2": dict(K=3, M=8, eps=0.02, chains=100, trajectories=2, horizon=1.0),
    "e_b3": dict(seeds=2, eps_grid=(0.01, 0.005), K=3, M=8),
    "e_b4": dict(K=3, Ms=(8, 16), eps_grid=(0.01, 0.001)),
    "e_b5": dict(K=3, M=8, eps_grid=(1e-2, 1e-3)),
    "e_b6": dict(K=3, M=8, eps_grid=(0.02,), chains=8),
    "e_b7": dict(K=2, M=8, settings=((0.02, 5000),), reps=2, steps1=200, steps2=200),
    "e_b8": dict(K=3, M=8, eps_grid=(0.02, 0.01), chains=8),
}


@pytest.fixture(scope="module")
def t():
    return {name: ex.EXPERIMENTS[name](rng=5, **kwargs) for name, kwargs in TINY.items()}


def figures(t):
    return {
        "hitting_time": (hitting_time_figure(t["e_b1"]), 2),
        "metastability": (metastability_figure(t["e_b2"]), 3),
        "search_rl": (search_rl_figure(t["e_b8"], t["e_b4"], t["e_b3"], t["e_b5"], t["e_b6"]), 6),
        "pretraining": (pretraining_figure(t["e_b7"]), 1),
    }


def is_pdf(path) -> bool:
    return path.read_bytes()[:4] == b"%PDF"


def test_figures_draw_every_panel(t, tmp_path):
    for name, (fig, panels) in figures(t).items():
        assert isinstance(fig, Figure), name
        assert len(fig.axes) == panels, name
        for ax in fig.axes:
            drawn = len(ax.get_lines()) + len(ax.patches) + len(ax.collections)
            assert drawn >= 1, f"{name}: empty panel {ax.get_title()!r}"
            assert not ax.texts or name == "search_rl", f"{name}: a note on a panel with data {ax.get_title()!r}"
        save_figure(fig, tmp_path / f"{name}.pdf")
        assert is_pdf(tmp_path / f"{name}.pdf"), name


def test_figures_survive_empty_tables(t, tmp_path):
    cases = {
        "hitting_time": hitting_time_figure(t["e_b1"].clear()),
        "metastability": metastability_figure(t["e_b2"].clear()),
        "search_rl": search_rl_figure(t["e_b8"].clear()),
        "pretraining": pretraining_figure(t["e_b7"].clear()),
    }
    for name, fig in cases.items():
        assert isinstance(fig, Figure), name
        assert all(ax.texts for ax in fig.axes), f"{name}: no note on an empty panel"
        save_figure(fig, tmp_path / f"{name}_empty.pdf")
        assert is_pdf(tmp_path / f"{name}_empty.pdf"), name
