"""figures/icl_best_of_n.pdf: sampling helps only with selection; best-of-N beats greedy, majority vote does not (spec
icl_and_cot.md claims A-C3, A-C4, A-C8 and A-C9).

Left (E-A3, continuous, K = 1, σ = 0, per-step noise): risk against N (log x), one colour per τ > 0. Filled points
and solid lines: best-of-N with the in-context verifier L̂ (mean ± 1 SE over prompts); open points: the mean of N
decodes at two temperatures (τ ∈ {0.1, 0.3} when present), with the A-T3 formula R(greedy) + noise/N as dashed lines;
dotted black: the greedy risk.
Right (E-A5, binary, K = 1): exact recovery 1[b̂ = b*] against N (log x), one colour per τ. Filled points: best-of-N,
solid lines its pass@N formula (A-T5); open points: majority vote, dashed lines its A-T6 formula; dotted black: the
greedy success rate. Points are empirical rates ± 1 SE over prompts.
"""

import matplotlib.pyplot as plt
import polars as pl
import seaborn as sns
from matplotlib.lines import Line2D

from lmtheory.frames import matching
from lmtheory.plots import note, theme

MEAN_TAUS = (0.1, 0.3)  # the temperatures of the A-C3 figure


def _tau_rows(frame: pl.DataFrame, tau: float) -> pl.DataFrame:
    return frame.filter((pl.col("tau") - tau).abs() < 1e-9).sort("N")


def _mean_taus(taus: list[float]) -> list[float]:
    """The A-C3 temperatures when present, else the smallest and largest positive τ of the table."""
    chosen = [t for t in taus if any(abs(t - m) < 1e-9 for m in MEAN_TAUS)]
    return chosen or sorted({min(taus), max(taus)})


def _points(ax, rows: pl.DataFrame, color, filled: bool) -> None:
    ax.errorbar(
        rows["N"].to_list(),
        rows["value"].to_numpy(),
        yerr=rows["se"].fill_null(0.0).fill_nan(0.0).to_numpy(),
        fmt="o" if filled else "s",
        ms=4 if filled else 4.5,
        mfc=color if filled else "white",
        capsize=2,
        lw=1,
        color=color,
    )


def _legend(ax, colors: dict, styles: list[tuple[Line2D, str]]) -> None:
    """Colour per τ and line style per method, below the panel so no data is hidden."""
    handles = [Line2D([], [], color=c, lw=2) for c in colors.values()] + [h for h, _ in styles]
    labels = [f"τ = {t:g}" for t in colors] + [label for _, label in styles]
    ax.legend(handles, labels, fontsize=6, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3, frameon=False)


def _N_ticks(ax, frame: pl.DataFrame) -> None:
    Ns = sorted(frame["N"].unique().to_list())
    ax.set_xticks(Ns, [str(N) for N in Ns])
    ax.minorticks_off()


def _greedy_line(ax, value: float) -> None:
    ax.axhline(value, color="k", ls=":", lw=1.3)


def _continuous_panel(ax, continuous: pl.DataFrame) -> None:
    ax.set(xscale="log", xlabel="samples N", ylabel=r"risk $E\,R$", title="continuous, K = 1, σ = 0 (A-C3, A-C4)")
    rows = matching(continuous, K=1, sigma=0.0, noise="per_step")
    bon = matching(rows, method="bon").filter(pl.col("tau") > 0)
    mean = matching(rows, method="mean").filter(pl.col("tau") > 0)
    if bon.height == 0 and mean.height == 0:
        note(ax, "no E-A3 rows at K = 1, σ = 0, per-step noise")
        return
    taus = sorted(set(bon["tau"].to_list()) | set(mean["tau"].to_list()))
    colors = dict(zip(taus, sns.color_palette("colorblind", len(taus)), strict=True))
    for tau in sorted(set(bon["tau"].to_list())):
        cell = _tau_rows(bon, tau)
        _points(ax, cell, colors[tau], filled=True)
        ax.plot(cell["N"].to_list(), cell["value"].to_numpy(), "-", color=colors[tau], lw=1.2)
    mean_taus = _mean_taus(sorted(set(mean["tau"].to_list()))) if mean.height else []
    for tau in mean_taus:
        cell = _tau_rows(mean, tau)
        _points(ax, cell, colors[tau], filled=False)
        if "formula" in cell.columns and cell["formula"].null_count() < cell.height:
            ax.plot(cell["N"].to_list(), cell["formula"].to_numpy(), "--", color=colors[tau], lw=1.2)
    if "greedy" in rows.columns and rows.height:
        _greedy_line(ax, rows["greedy"][0])
    styles = [
        (Line2D([], [], color="k", marker="o", lw=1.2), "best-of-N (verifier)"),
        (Line2D([], [], color="k", marker="s", mfc="white", ls="--", lw=1.2), "mean of N; A-T3 formula"),
        (Line2D([], [], color="k", ls=":", lw=1.3), "greedy"),
    ]
    _N_ticks(ax, pl.concat([bon.select("N"), mean.select("N")]))
    _legend(ax, colors, styles)


def _binary_panel(ax, binary: pl.DataFrame) -> None:
    ax.set(
        xscale="log", xlabel="samples N", ylabel=r"exact recovery $P(\hat b = b^*)$", title="binary, K = 1 (A-C8, A-C9)"
    )
    rows = matching(binary, K=1)
    decodes = rows.filter(pl.col("method").is_in(["bon", "mv"]))
    if decodes.height == 0:
        note(ax, "no E-A5 best-of-N or majority-vote rows at K = 1")
        return
    taus = sorted(set(decodes["tau"].to_list()))
    colors = dict(zip(taus, sns.color_palette("colorblind", len(taus)), strict=True))
    for method, filled, ls in (("bon", True, "-"), ("mv", False, "--")):
        for tau in taus:
            cell = _tau_rows(matching(decodes, method=method), tau)
            if cell.height == 0:
                continue
            _points(ax, cell, colors[tau], filled=filled)
            has_formula = "formula" in cell.columns and cell["formula"].null_count() == 0
            ax.plot(cell["N"].to_list(), cell["formula" if has_formula else "value"].to_numpy(), ls, color=colors[tau])
    greedy = matching(rows, method="greedy")
    if greedy.height:
        _greedy_line(ax, greedy["value"][0])
    elif "greedy" in rows.columns:
        _greedy_line(ax, rows["greedy"][0])
    ax.set_ylim(-0.02, 1.02)
    styles = [
        (Line2D([], [], color="k", marker="o", lw=1.2), "best-of-N; pass@N"),
        (Line2D([], [], color="k", marker="s", mfc="white", ls="--", lw=1.2), "majority vote; A-T6"),
        (Line2D([], [], color="k", ls=":", lw=1.3), "greedy"),
    ]
    _N_ticks(ax, decodes)
    _legend(ax, colors, styles)


def best_of_n_figure(continuous: pl.DataFrame, binary: pl.DataFrame):
    """continuous: the E-A3 table (`e_a3_bon_continuous`); binary: the E-A5 table (`e_a5_binary`). Two panels."""
    theme()
    fig, (left, right) = plt.subplots(1, 2, figsize=(9.5, 4.6))
    _continuous_panel(left, continuous)
    _binary_panel(right, binary)
    fig.suptitle("Best-of-N with an in-context verifier beats greedy; mean and majority vote return to it", fontsize=10)
    fig.tight_layout()
    return fig
