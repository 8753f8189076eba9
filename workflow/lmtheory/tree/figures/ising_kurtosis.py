"""figures/ising_kurtosis.pdf: kurtosis of generated sums against context depth ℓ (spec claims C6, C7).

Points: exact k-gram, one colour per depth, 95% bootstrap CIs; dashed: the true kurtosis at that depth (moment
recursion); dotted: 3, the Gaussian value that bounded context converges to.
"""

import matplotlib.pyplot as plt
import numpy as np
import seaborn as sns

from lmtheory.plots import theme


def kurtosis_figure(panels: list[dict]):
    """panels: dicts with `title` and `depths` {d: exact statistics frame}."""
    theme()
    fig, axes = plt.subplots(1, len(panels), figsize=(4.2 * len(panels), 3.4), squeeze=False)
    for ax, panel in zip(axes[0], panels, strict=True):
        colors = sns.color_palette("colorblind", len(panel["depths"]))
        for color, (d, stats) in zip(colors, sorted(panel["depths"].items()), strict=True):
            k = stats["kurt"].to_numpy()
            err = np.vstack([k - stats["kurt_lo"].to_numpy(), stats["kurt_hi"].to_numpy() - k])
            ax.errorbar(
                stats["ell"].to_numpy(),
                k,
                yerr=err,
                fmt="o",
                ms=4,
                capsize=2,
                color=color,
                label=f"exact k-gram, d={d}",
            )
            ax.axhline(stats["true_kurt"][0], color=color, ls="--", lw=1)
        ax.axhline(3, color="k", ls=":", lw=1, label="Gaussian (3)")
        ax.plot([], [], "k--", lw=1, label="true language (exact)")
        ax.set(title=panel["title"], xlabel="context depth ℓ = log_b k", ylabel="kurtosis of generated sums")
        ax.legend(fontsize=6)
    fig.suptitle("Bounded context makes the sum Gaussian; the true sum is not (above KS)", fontsize=10)
    fig.tight_layout()
    return fig
