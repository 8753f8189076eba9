"""figures/icl_thoughts.pdf: more CoT-LSA thoughts reduce the risk, stochastic thoughts stop at a τ²-floor (spec
icl_and_cot.md claims A-C1 and A-C2).

Left (E-A1, A-T1): greedy risk E R(w_K) against the number of thoughts K (log₂ x, log y); points are the mean over
prompts ± 1 SE, the line is the closed form ||A^K w*||² on the same prompts and the dotted line its average over w*,
tr(A^{2K})/d.
Right (E-A2, A-T2): per-step-noise risk against K, one colour per τ; points are Monte Carlo ± 1 SE, solid lines the
exact A-T2 formula on the same prompts, dashed horizontals the K → ∞ floor (τ²/d) tr[(I − A²)⁻¹] (drawn for τ > 0).
"""

import matplotlib.pyplot as plt
import numpy as np
import polars as pl
import seaborn as sns
from matplotlib.lines import Line2D

from lmtheory.plots import note, theme


def _setting(frame: pl.DataFrame) -> str:
    """ "d=…, n=…, η=…" from the first row, or "" for an empty frame."""
    if frame.height == 0:
        return ""
    names = (("d", "d"), ("n_ctx", "n"), ("eta", "η"))
    return ", ".join(f"{label}={frame[col][0]:g}" for col, label in names if col in frame.columns)


def _errorbar(ax, x, y, se, **kwargs):
    """Error bars of ±1 SE, the lower bar clipped so it stays positive on a log axis."""
    y, se = np.asarray(y, float), np.nan_to_num(np.asarray(se, float))
    lower = np.minimum(se, 0.9 * y)
    ax.errorbar(x, y, yerr=np.vstack([lower, se]), fmt="o", ms=4, capsize=2, lw=1, **kwargs)


def _log2_K_axis(ax, Ks) -> None:
    ax.set_xscale("log", base=2)
    ax.set_xticks(Ks, [str(k) for k in Ks])
    ax.minorticks_off()
    ax.set_yscale("log")
    ax.set_xlabel("thoughts K")


def _greedy_panel(ax, greedy: pl.DataFrame) -> None:
    ax.set_title("greedy CoT-LSA (A-C1)")
    ax.set_ylabel(r"risk $E\,R(w_K)$")
    greedy = greedy.sort("K")
    if greedy.height == 0:
        note(ax, "no E-A1 rows")
        return
    Ks = greedy["K"].to_list()
    color = sns.color_palette("colorblind", 1)[0]
    _errorbar(ax, Ks, greedy["value"], greedy["se"], color=color, label="LSA chain, mean ± 1 SE over prompts")
    if "formula" in greedy.columns:
        ax.plot(Ks, greedy["formula"], "-", color=color, lw=1.2, label=r"$\|A^K w^*\|^2$ (A-T1, same prompts)")
    if "formula_ew" in greedy.columns:
        ax.plot(
            Ks, greedy["formula_ew"], ":", color="0.3", lw=1.2, label=r"$\mathrm{tr}(A^{2K})/d$ (A-T1, $w^*$ averaged)"
        )
    _log2_K_axis(ax, Ks)
    ax.legend(fontsize=6, loc="lower left")


def _noise_panel(ax, noisy: pl.DataFrame) -> None:
    ax.set_title("per-step noise: a τ²-floor (A-C2)")
    ax.set_ylabel(r"risk $E\,R(w_K)$")
    noisy = noisy.sort("tau", "K")
    if noisy.height == 0:
        note(ax, "no E-A2 rows")
        return
    taus = sorted(noisy["tau"].unique().to_list())
    colors = sns.color_palette("colorblind", len(taus))
    for color, tau in zip(colors, taus, strict=True):
        rows = noisy.filter((pl.col("tau") - tau).abs() < 1e-12)
        Ks = rows["K"].to_list()
        _errorbar(ax, Ks, rows["value"], rows["se"], color=color)
        ax.plot(Ks, rows["formula"], "-", color=color, lw=1.2, label=f"τ = {tau:g}")
        if "floor_formula" in rows.columns and rows["floor_formula"][0] is not None and rows["floor_formula"][0] > 0:
            ax.axhline(rows["floor_formula"][0], color=color, ls="--", lw=0.9)
    Ks = sorted(noisy["K"].unique().to_list())
    _log2_K_axis(ax, Ks)
    handles, labels = ax.get_legend_handles_labels()
    handles += [
        Line2D([], [], color="k", marker="o", ls="none", ms=4),
        Line2D([], [], color="k", ls="-", lw=1.2),
        Line2D([], [], color="k", ls="--", lw=0.9),
    ]
    labels += [
        "Monte Carlo ± 1 SE",
        "A-T2 exact formula",
        r"$K\to\infty$ floor $(\tau^2/d)\,\mathrm{tr}[(I-A^2)^{-1}]$",
    ]
    ax.legend(handles, labels, fontsize=6, loc="lower left", ncol=2)


def thoughts_figure(greedy: pl.DataFrame, noisy: pl.DataFrame):
    """greedy: the E-A1 table (`e_a1_greedy_thoughts`); noisy: the E-A2 table (`e_a2_noise_floor`). Two panels."""
    theme()
    fig, (left, right) = plt.subplots(1, 2, figsize=(9.0, 3.8))
    _greedy_panel(left, greedy)
    _noise_panel(right, noisy)
    setting = _setting(greedy if greedy.height else noisy)
    fig.suptitle(
        "More thoughts reduce the in-context risk; stochastic thoughts stall at a τ²-floor"
        + (f" ({setting})" if setting else ""),
        fontsize=10,
    )
    fig.tight_layout()
    return fig
