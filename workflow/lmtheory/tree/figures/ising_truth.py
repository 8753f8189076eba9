"""figures/ising_truth.pdf: the true language's Var/n and kurtosis against depth d (spec claims C1, C2).

Lines: exact closed form (Var/n) and moment recursion (kurtosis) for d = 1..max; points: Monte Carlo of the true
corpora with 95% bootstrap CIs. Above Kesten–Stigum log₂(Var/n) grows by log₂(bθ²) per level and the kurtosis
tends to kurt W < 3; below it Var/n saturates and the kurtosis tends to 3 (dotted line).
"""

import matplotlib.pyplot as plt
import numpy as np
import polars as pl
import seaborn as sns

from lmtheory.plots import theme


def truth_figure(settings: list[dict]):
    """settings: dicts with `label`, `truth` (exact table) and `mc` (true-corpus statistics, one row per depth)."""
    theme()
    fig, (ax_var, ax_kurt) = plt.subplots(1, 2, figsize=(9, 3.6))
    for color, s in zip(sns.color_palette("colorblind", len(settings)), settings, strict=True):
        truth, mc = s["truth"].sort("d"), s["mc"].sort("d")
        ax_var.plot(truth["d"], np.log2(truth["var_n"]), color=color, lw=1.2, label=f"{s['label']} (exact)")
        ax_kurt.plot(truth["d"], truth["kurt"], color=color, lw=1.2, label=f"{s['label']} (exact)")
        if mc.height:
            d = mc["d"].to_numpy()
            y = np.log2(mc["var_n"].to_numpy())
            err = [y - np.log2(mc["var_n_lo"].to_numpy()), np.log2(mc["var_n_hi"].to_numpy()) - y]
            ax_var.errorbar(d, y, yerr=err, fmt="o", ms=4, capsize=2, color=color, label=f"{s['label']} (MC)")
            k = mc["kurt"].to_numpy()
            kerr = [k - mc["kurt_lo"].to_numpy(), mc["kurt_hi"].to_numpy() - k]
            ax_kurt.errorbar(d, k, yerr=kerr, fmt="o", ms=4, capsize=2, color=color, label=f"{s['label']} (MC)")
    ax_kurt.axhline(3, color="k", ls=":", lw=1, label="Gaussian (3)")
    ax_var.set(xlabel="depth d (n = b^d)", ylabel="log₂(Var S / n)", title="variance of the true sum")
    ax_kurt.set(xlabel="depth d (n = b^d)", ylabel="kurtosis E S⁴ / (E S²)²", title="kurtosis of the true sum")
    for ax in (ax_var, ax_kurt):
        ax.legend(fontsize=6)
    fig.suptitle("The true Ising broadcast language: exact curves and Monte Carlo", fontsize=10)
    fig.tight_layout()
    return fig


def depth_rows(frames: dict[int, pl.DataFrame]) -> pl.DataFrame:
    """Stack per-depth true-corpus statistics (one row each) into one frame with a `d` column."""
    rows = [frame.with_columns(d=pl.lit(d)) for d, frame in sorted(frames.items())]
    return pl.concat(rows) if rows else pl.DataFrame()
