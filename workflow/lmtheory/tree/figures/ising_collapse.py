"""figures/ising_collapse.pdf: Var_gen/Var_true and KS(|S_gen|, |S_true|) against n/k (spec claims C5, C8).

Both collapse onto functions of n/k across depths; the variance ratio decays like (n/k)^−γ, γ = log_b(bθ²)
(black lines, anchored at the largest n/k), and the KS distance, a lower bound on TV, grows towards 1.
"""

import matplotlib.pyplot as plt
import numpy as np
import seaborn as sns

from lmtheory.plots import theme


def collapse_figure(curves: list[dict]):
    """curves: dicts with `label`, `gamma`, `stats` (exact statistics frame) and `ks` (KS frame)."""
    theme()
    fig, (ax_var, ax_ks) = plt.subplots(1, 2, figsize=(9, 3.6))
    for color, c in zip(sns.color_palette("colorblind", len(curves)), curves, strict=True):
        s = c["stats"].sort("k")
        x = s["n"].to_numpy() / s["k"].to_numpy()
        r = s["var_ratio"].to_numpy()
        err = np.vstack(
            [
                r - s["var_n_lo"].to_numpy() / s["true_var_n"].to_numpy(),
                s["var_n_hi"].to_numpy() / s["true_var_n"].to_numpy() - r,
            ]
        )
        ax_var.errorbar(x, r, yerr=err, fmt="o-", ms=3, lw=0.8, capsize=2, color=color, label=c["label"])
        if c["gamma"] > 0:
            ax_var.plot(x[:3], r[0] * (x[:3] / x[0]) ** -c["gamma"], color="k", lw=1)
        ks = c["ks"].sort("n_over_k")
        # the bootstrap distribution of a KS distance sits above it (it is biased up), so clip the bars at the point
        kerr = np.clip(np.vstack([ks["ks"] - ks["ks_lo"], ks["ks_hi"] - ks["ks"]]), 0, None)
        ax_ks.errorbar(
            ks["n_over_k"], ks["ks"], yerr=kerr, fmt="o-", ms=3, lw=0.8, capsize=2, color=color, label=c["label"]
        )
    ax_var.plot([], [], "k-", lw=1, label="slope −γ = −log_b(bθ²)")
    ax_var.set(
        xscale="log",
        yscale="log",
        xlabel="n / k",
        ylabel="Var_gen / Var_true",
        title="variance ratio collapses onto n/k",
    )
    ax_ks.set(xscale="log", xlabel="n / k", ylabel="KS(|S_gen|, |S_true|) ≤ TV", title="distinguishability")
    for ax in (ax_var, ax_ks):
        ax.legend(fontsize=6)
    fig.suptitle("Exact k-gram vs true language as a function of n/k", fontsize=10)
    fig.tight_layout()
    return fig
