"""figures/ising_variance.pdf: log₂(Var_gen/n) against context depth ℓ = log_b k, one panel per Ising setting.

Points: exact PA k-gram (filled) and counted PM k-gram (open) with 95% bootstrap CIs, one colour per depth d;
dashed horizontal lines: the exact true log₂(Var/n) at each d; black line: the predicted slope log₂(bθ²), drawn
through the centre of the fitted points of the deepest tree.
"""

import matplotlib.pyplot as plt
import numpy as np
import polars as pl
import seaborn as sns

from lmtheory.plots import theme


def _errorbars(ax, stats: pl.DataFrame, color, marker, filled: bool, label: str):
    y = np.log2(stats["var_n"].to_numpy())
    err = np.vstack([y - np.log2(stats["var_n_lo"].to_numpy()), np.log2(stats["var_n_hi"].to_numpy()) - y])
    ax.errorbar(
        stats["ell"].to_numpy(),
        y,
        yerr=err,
        fmt=marker,
        ms=5,
        capsize=2,
        color=color,
        mfc=color if filled else "white",
        label=label,
    )


def variance_figure(panels: list[dict]):
    """panels: dicts with `title`, `rate` (log₂ bθ²), `depths` {d: {model: stats frame}}, `fit` (deepest exact).

    The prediction line is drawn only above Kesten–Stigum (rate > 0) and when the fit range has points.
    """
    theme()
    fig, axes = plt.subplots(1, len(panels), figsize=(4.2 * len(panels), 3.6), squeeze=False)
    for ax, panel in zip(axes[0], panels, strict=True):
        colors = sns.color_palette("colorblind", len(panel["depths"]))
        for color, (d, models) in zip(colors, sorted(panel["depths"].items()), strict=True):
            _errorbars(ax, models["exact"], color, "o", True, f"exact k-gram, d={d}")
            if models.get("counted") is not None and models["counted"].height:
                _errorbars(ax, models["counted"], color, "s", False, f"counted k-gram, d={d}")
            ax.axhline(np.log2(models["exact"]["true_var_n"][0]), color=color, ls="--", lw=1)
        levels = np.array(panel["fit"]["levels"], float)
        # the log-linear law is a statement above Kesten–Stigum (bθ² > 1); below it Var_gen saturates at the truth
        if panel["rate"] > 0 and levels.size:
            centre = np.mean(np.log2(panel["fit"]["var_n"]))
            xs = np.array([levels.min() - 1, levels.max() + 1])
            ax.plot(
                xs,
                centre + panel["rate"] * (xs - levels.mean()),
                "k-",
                lw=1.2,
                label=f"predicted slope log₂(bθ²) = {panel['rate']:.3f}",
            )
        ax.plot([], [], "k--", lw=1, label="true language (exact)")
        ax.set_title(panel["title"])
        ax.set_xlabel("context depth ℓ = log_b k")
        ax.set_ylabel("log₂(Var S / n) of generated sums")
        ax.legend(fontsize=6, loc="lower right" if panel["rate"] > 0 else "lower left")
    fig.suptitle("Generated-sum variance grows log-linearly in the context depth (Ising broadcast)", fontsize=10)
    fig.tight_layout()
    return fig
