"""Smoke tests of the in-context regression figures (A-C1 … A-C13) on tiny experiment runs and on empty tables."""

import polars as pl
import pytest
from matplotlib.figure import Figure

from lmtheory.icl import experiments as ex
from lmtheory.icl.figures.best_of_n import best_of_n_figure
from lmtheory.icl.figures.budget import budget_figure
from lmtheory.icl.figures.temperature import temperature_figure
from lmtheory.icl.figures.thoughts import thoughts_figure
from lmtheory.plots import save_figure


@pytest.fixture(scope="module")
def tables():
    return {
        "greedy": ex.e_a1_greedy_thoughts(rng=0, T=20, Ks=(1, 2, 4, 8)),
        "noisy": ex.e_a2_noise_floor(rng=1, T=20, reps=4, taus=(0.0, 0.1, 0.2), Ks=(1, 4, 16)),
        "continuous": ex.e_a3_bon_continuous(
            rng=2, T=20, Ks=(1,), sigmas=(0.0,), noises=("per_step",), taus=(0.0, 0.1, 0.3), Ns=(1, 4, 16)
        ),
        "binary": ex.e_a5_binary(rng=3, T=60, Ks=(1, 3), taus=(0.25, 1.0), Ns=(1, 3, 9)),
        "allocation": ex.e_a8_compute_allocation(rng=4, T=20, budget=8, Ns=(1, 2, 4, 8)),
    }


def figures(t):
    return {
        "thoughts": (thoughts_figure(t["greedy"], t["noisy"]), 2),
        "best_of_n": (best_of_n_figure(t["continuous"], t["binary"]), 2),
        "temperature": (temperature_figure(t["continuous"], t["binary"]), 2),
        "budget": (budget_figure(t["allocation"]), 1),
    }


def is_pdf(path) -> bool:
    return path.read_bytes()[:4] == b"%PDF"


def test_figures_draw_every_panel(tables, tmp_path):
    for name, (fig, panels) in figures(tables).items():
        assert isinstance(fig, Figure), name
        assert len(fig.axes) == panels, name
        for ax in fig.axes:
            assert len(ax.get_lines()) >= 1, f"{name}: empty panel {ax.get_title()!r}"
        save_figure(fig, tmp_path / f"{name}.pdf")
        assert is_pdf(tmp_path / f"{name}.pdf"), name


def test_figures_survive_empty_or_filtered_out_tables(tables, tmp_path):
    """Empty tables, and tables whose rows the claim filters (K = 1, σ = 0) drop entirely, give a note, not an error."""
    no_k1 = tables["continuous"].with_columns(K=pl.lit(3))
    cases = {
        "thoughts": thoughts_figure(tables["greedy"].clear(), tables["noisy"].clear()),
        "best_of_n": best_of_n_figure(no_k1, tables["binary"].filter(pl.col("K") == 3)),
        "temperature": temperature_figure(no_k1, tables["binary"].clear()),
        "budget": budget_figure(tables["allocation"].clear()),
    }
    for name, fig in cases.items():
        assert isinstance(fig, Figure), name
        assert any(ax.texts for ax in fig.axes), f"{name}: no note on an empty panel"
        save_figure(fig, tmp_path / f"{name}_empty.pdf")
        assert is_pdf(tmp_path / f"{name}_empty.pdf"), name
