"""figures/icl_budget.pdf: how to spend a fixed budget of B = N·K LSA calls between samples N and thoughts K depends
on the temperature (spec icl_and_cot.md claim A-C13, exploratory; A-T8).

E-A8: best-of-N risk (in-context verifier, per-step noise) against N at fixed B (log x, log y), one colour per τ in
the table (τ ∈ {0, 0.3} by default), points the mean over prompts ± 1 SE; the large open marker is each curve's
argmin N. The top axis gives the thoughts per sample K = B/N (when the table has one budget; several budgets get one
line style each). At τ = 0 all compute should go to thoughts (N = 1); at τ > 0 the per-step noise floor makes long
chains useless and the optimum moves to an interior (N, K).
"""

import matplotlib.pyplot as plt
import numpy as np
import polars as pl
import seaborn as sns
from matplotlib.lines import Line2D

from lmtheory.plots import note, theme

LINESTYLES = ("-", "--", "-.", ":")


def _top_K_axis(ax, budget: int, Ns: list[int]) -> None:
    def n_to_k(n):
        n = np.asarray(n, float)
        return np.divide(budget, n, out=np.full_like(n, np.inf), where=n > 0)

    top = ax.secondary_xaxis("top", functions=(n_to_k, n_to_k))
    top.set_xticks([budget // N for N in Ns], [str(budget // N) for N in Ns])
    top.minorticks_off()
    top.set_xlabel(f"thoughts per sample K = B/N (B = {budget})")


def budget_figure(allocation: pl.DataFrame):
    """allocation: the E-A8 table (`e_a8_compute_allocation`); one panel."""
    theme()
    fig, ax = plt.subplots(figsize=(5.0, 4.0))
    ax.set(xlabel="samples N", ylabel=r"best-of-N risk $E\,R$")
    if allocation.height == 0:
        ax.set_title("compute allocation at fixed budget (A-C13)")
        note(ax, "no E-A8 rows")
        fig.tight_layout()
        return fig
    budgets = sorted(allocation["budget"].unique().to_list()) if "budget" in allocation.columns else [None]
    taus = sorted(allocation["tau"].unique().to_list())
    colors = dict(zip(taus, sns.color_palette("colorblind", len(taus)), strict=True))
    for b, ls in zip(budgets, LINESTYLES * len(budgets), strict=False):
        for tau in taus:
            rows = allocation.filter((pl.col("tau") - tau).abs() < 1e-9)
            if b is not None:
                rows = rows.filter(pl.col("budget") == b)
            rows = rows.sort("N")
            if rows.height == 0:
                continue
            N, y = rows["N"].to_numpy(), rows["value"].to_numpy()
            se = np.nan_to_num(rows["se"].to_numpy().astype(float))
            label = f"τ = {tau:g}" + (f", B = {b}" if len(budgets) > 1 else "")
            ax.errorbar(
                N,
                y,
                yerr=np.vstack([np.minimum(se, 0.9 * y), se]),
                fmt="o",
                ms=4,
                capsize=2,
                color=colors[tau],
                ls=ls,
                lw=1.2,
                label=label,
            )
            best = int(np.argmin(y))
            ax.plot(N[best], y[best], "o", ms=12, mfc="none", mew=1.3, color=colors[tau])
    Ns = sorted(allocation["N"].unique().to_list())
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xticks(Ns, [str(N) for N in Ns])
    ax.minorticks_off()
    if len(budgets) == 1 and budgets[0] is not None:
        _top_K_axis(ax, int(budgets[0]), Ns)
    fig.suptitle(
        "Fixed budget B = N·K: thoughts win without noise,\nnoisy thoughts favour an interior N (A-C13)", fontsize=10
    )
    handles, labels = ax.get_legend_handles_labels()
    handles.append(Line2D([], [], color="k", marker="o", ms=10, mfc="none", ls="none"))
    labels.append("argmin N")
    ax.legend(handles, labels, fontsize=7, loc="lower right")
    fig.tight_layout()
    return fig
