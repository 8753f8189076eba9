"""figures/kgram_loss.pdf: excess teacher-forced loss CE_k − CE_n of the exact k-gram against ℓ (spec claim C9).

The excess falls by a factor 1/b per level (dashed: b^−ℓ through the fitted levels), so at moderate k the
next-token loss is nearly optimal while the generated variance is still far from the truth.
"""

import matplotlib.pyplot as plt
import numpy as np
import seaborn as sns

from lmtheory.plots import theme


def loss_figure(curves: list[dict]):
    """curves: dicts with `label`, `b` and `fit` (the loss fit JSON: levels, excess and its CI, fit_levels)."""
    theme()
    fig, ax = plt.subplots(figsize=(4.8, 3.6))
    for color, c in zip(sns.color_palette("colorblind", len(curves)), curves, strict=True):
        fit = c["fit"]
        levels, excess = np.array(fit["levels"]), np.array(fit["excess"])
        keep = levels < max(levels)  # CE_n − CE_n = 0 has no logarithm
        err = np.vstack([excess - np.array(fit["excess_lo"]), np.array(fit["excess_hi"]) - excess])[:, keep]
        ax.errorbar(levels[keep], excess[keep], yerr=err, fmt="o", ms=4, capsize=2, color=color, label=c["label"])
        fit_levels = np.array(fit["fit_levels"])
        if fit_levels.size:
            anchor = np.exp(np.mean(np.log(excess[np.isin(levels, fit_levels)])))
            ax.plot(fit_levels, anchor * float(c["b"]) ** -(fit_levels - fit_levels.mean()), "--", color=color, lw=1)
    ax.plot([], [], "k--", lw=1, label="∝ b^−ℓ")
    ax.set(
        yscale="log",
        xlabel="context depth ℓ = log_b k",
        ylabel="CE_k − CE_n (nats/token)",
        title="Excess next-token loss of the exact k-gram",
    )
    ax.legend(fontsize=6)
    fig.tight_layout()
    return fig
