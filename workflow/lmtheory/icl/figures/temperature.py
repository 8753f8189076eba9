"""figures/icl_temperature.pdf: the optimal sampling temperature τ*(N) rises with the number of samples N (spec
icl_and_cot.md claims A-C5 and A-C10).

τ*(N) is chosen on the table's τ grid by the rule of the claim measures (`icl.measures.tau_star`: least mean risk or
greatest success, ties to the smaller τ). Left (E-A3, continuous, best-of-N with the in-context verifier, K = 1,
σ = 0, per-step noise): τ*(N) of the Monte Carlo risk. Right (E-A5, binary best-of-N, one curve per K in the table,
K ∈ {1, 3} by default, nudged sideways by ±10% in N so coinciding points stay visible): τ*(N) of the empirical
success (filled markers and steps) and of its pass@N formula (A-T5, open rings), on a log τ axis (so τ > 0 only).
The y ticks are the τ grid; near-ties between grid values (success ≈ 1 at large N) can move τ* by one grid step.
"""

import matplotlib.pyplot as plt
import numpy as np
import polars as pl
import seaborn as sns

from lmtheory.frames import matching
from lmtheory.icl.measures import tau_star
from lmtheory.plots import note, theme

DODGE = 1.2  # multiplicative sideways offset in N between the binary K curves


def _curve(rows: pl.DataFrame, column: str = "value") -> tuple[list[int], list[float]]:
    """(N grid, τ*(N)) of the rows of one setting, optimising `column` (value or formula)."""
    if column != "value":
        rows = rows.filter(pl.col(column).is_not_null()).with_columns(value=pl.col(column))
    Ns = sorted(rows["N"].unique().to_list())
    return Ns, [tau_star(rows.filter(pl.col("N") == N))[0] for N in Ns]


def _tau_labels(taus: list[float], log: bool, gap: float = 0.08) -> list[str]:
    """Tick labels of the τ grid, blank where a label would crowd the previous one (closer than `gap` of the span)."""
    pos = [np.log(t) for t in taus] if log else list(taus)
    span = (max(pos) - min(pos)) or 1.0
    labels, last = [], None
    for t, x in zip(taus, pos, strict=True):
        keep = last is None or (x - last) / span >= gap
        labels.append(f"{t:g}" if keep else "")
        last = x if keep else last
    return labels


def _axes(ax, Ns, taus, log_tau: bool) -> None:
    ax.set_xscale("log")
    ax.set_xticks(Ns, [str(N) for N in Ns])
    if log_tau:
        ax.set_yscale("log")
    ax.set_yticks(taus, _tau_labels(taus, log_tau))
    ax.minorticks_off()
    ax.set_xlabel("samples N")
    ax.set_ylabel("optimal temperature τ*(N)")


def _continuous_panel(ax, continuous: pl.DataFrame) -> None:
    ax.set_title("continuous: argmin risk, K = 1, σ = 0 (A-C5)")
    rows = matching(continuous, method="bon", K=1, sigma=0.0, noise="per_step")
    if rows.height == 0:
        note(ax, "no E-A3 best-of-N rows at K = 1, σ = 0, per-step noise")
        return
    Ns, taus = _curve(rows)
    color = sns.color_palette("colorblind", 1)[0]
    ax.step(Ns, taus, where="mid", color=color, lw=1.2, alpha=0.6)
    ax.plot(Ns, taus, "o", ms=6, color=color, label="best-of-N, in-context verifier")
    grid = sorted(rows["tau"].unique().to_list())
    _axes(ax, Ns, grid, log_tau=False)
    pad = 0.05 * (max(grid) - min(grid) or 1.0)
    ax.set_ylim(min(grid) - pad, max(grid) + pad)
    ax.legend(fontsize=6, loc="upper left")


def _binary_panel(ax, binary: pl.DataFrame) -> None:
    ax.set_title("binary: argmax exact recovery (A-C10)")
    rows = matching(binary, method="bon").filter(pl.col("tau") > 0)
    if rows.height == 0:
        note(ax, "no E-A5 best-of-N rows")
        return
    Ks = sorted(rows["K"].unique().to_list()) if "K" in rows.columns else [None]
    colors = sns.color_palette("colorblind", len(Ks) + 1)[1:]  # colour 0 is the continuous panel's
    markers = ("o", "s", "^", "D", "v", "P")
    for i, (K, color) in enumerate(zip(Ks, colors, strict=True)):
        cell = rows if K is None else matching(rows, K=K)
        label = "" if K is None else f"K = {K}: "
        nudge = DODGE ** (i - (len(Ks) - 1) / 2)  # K curves side by side, so coinciding τ* stay visible
        Ns, taus = _curve(cell)
        x = [N * nudge for N in Ns]
        marker = markers[i % len(markers)]
        ax.step(x, taus, where="mid", color=color, lw=1.2, alpha=0.6)
        ax.plot(x, taus, marker, ms=5, color=color, ls="none", label=f"{label}empirical")
        if "formula" in cell.columns and cell["formula"].null_count() < cell.height:
            fNs, ftaus = _curve(cell, "formula")
            ax.plot(
                [N * nudge for N in fNs],
                ftaus,
                marker,
                ms=10,
                mfc="none",
                mew=1.2,
                color=color,
                ls="none",
                label=f"{label}pass@N formula (A-T5)",
            )
    grid = sorted(rows["tau"].unique().to_list())
    _axes(ax, sorted(rows["N"].unique().to_list()), grid, log_tau=True)
    ax.set_ylim(min(grid) / 1.4, max(grid) * 1.4)
    ax.legend(fontsize=6, loc="upper left")


def temperature_figure(continuous: pl.DataFrame, binary: pl.DataFrame):
    """continuous: the E-A3 table (`e_a3_bon_continuous`); binary: the E-A5 table (`e_a5_binary`). Two panels."""
    theme()
    fig, (left, right) = plt.subplots(1, 2, figsize=(9.0, 3.6))
    _continuous_panel(left, continuous)
    _binary_panel(right, binary)
    fig.suptitle("The optimal temperature of best-of-N grows with the number of samples", fontsize=10)
    fig.tight_layout()
    return fig
